package dev.benchy.core.run;

/**
 * One entry of {@code GET /models}: the id the server serves it under and, where the server says, the Hugging Face
 * name it was loaded from ({@code root}, as vLLM reports it).
 */
public record ServedModel(String id, String root) {
}

package dev.benchy.core.prompt;

/**
 * The text of one benchmark request: the context (sent as a system message, {@code ""} when the depth is 0) and the
 * prompt (the user message) that continues it. Both are cut from one contiguous window of the corpus.
 */
public record Prompt(String context, String prompt) {

    public Prompt {
        if (context == null || prompt == null) {
            throw new IllegalArgumentException("context and prompt must not be null, but context was "
                    + (context == null ? "null" : "given") + " and prompt was " + (prompt == null ? "null" : "given"));
        }
    }
}

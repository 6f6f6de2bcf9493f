package dev.benchy.core.prompt;

/**
 * Turns text into token ids and back, always without special tokens and never truncated.
 * Implementations must be safe to call from several threads.
 */
public interface Tokenizer {

    /** What was loaded, e.g. {@code Qwen/Qwen3-8B}, {@code /models/tok/tokenizer.json} or {@code gpt2 (r50k_base)}. */
    String name();

    int[] encode(String text);

    String decode(int[] ids);

    default int count(String text) {
        return encode(text).length;
    }
}

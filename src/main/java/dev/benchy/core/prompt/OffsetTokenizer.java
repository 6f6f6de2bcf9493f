package dev.benchy.core.prompt;

/**
 * A {@link Tokenizer} that can also tell where each token ends in the text it encoded. The {@link Corpus} uses
 * this to cut prompt windows as substrings of the book; a plain {@link Tokenizer} works too, but then every window
 * is decoded, which is slow at large depths.
 */
public interface OffsetTokenizer extends Tokenizer {

    /** Encodes {@code text} as {@link #encode(String)} does and reports where each token ends. */
    TokenOffsets encodeWithOffsets(String text);
}

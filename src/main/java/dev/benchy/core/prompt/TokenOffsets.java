package dev.benchy.core.prompt;

/**
 * Token ids of a text together with where each token's text ends in it, so that a {@link Corpus} can cut
 * windows of the original text as substrings instead of decoding (decoding 131k tokens per request is too slow,
 * and a substring of the original keeps every character the book had).
 *
 * @param ids  the token ids, in order
 * @param ends for token {@code i}, the UTF-16 index in the encoded text just past the token's last character;
 *             tokenizers that trim whitespace from offsets may report ends a little early, which only moves the
 *             whitespace into the next token's window
 */
public record TokenOffsets(int[] ids, int[] ends) {

    public TokenOffsets {
        if (ids == null || ends == null) {
            throw new IllegalArgumentException("ids and ends must both be given, but ids was "
                    + (ids == null ? "null" : ids.length + " long") + " and ends was "
                    + (ends == null ? "null" : ends.length + " long"));
        }
        if (ids.length != ends.length) {
            throw new IllegalArgumentException("ends must have one entry per token (" + ids.length
                    + "), but had " + ends.length);
        }
    }
}

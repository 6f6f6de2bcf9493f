package dev.benchy.simulator;

import dev.benchy.core.prompt.Tokenizer;

import java.util.Arrays;
import java.util.Optional;

/**
 * A fixed token sequence together with the text each token adds to the joined output, found by decoding growing
 * prefixes the way a streaming server detokenises incrementally. Sending {@code pieces[0..n)} as text therefore
 * shows a client exactly the text of {@code ids[0..n)}.
 */
final class TokenText {

    private final int[] ids;
    private final String[] pieces;

    private TokenText(int[] ids, String[] pieces) {
        this.ids = ids;
        this.pieces = pieces;
    }

    /**
     * The incremental text of {@code ids}, or empty when the tokenizer does not decode them incrementally: a prefix
     * that decodes to text the longer prefix does not start with, or a token that adds no text.
     */
    static Optional<TokenText> decode(Tokenizer tokenizer, int[] ids) {
        String[] pieces = new String[ids.length];
        String before = "";
        for (int n = 1; n <= ids.length; n++) {
            String upTo = tokenizer.decode(Arrays.copyOf(ids, n));
            if (!upTo.startsWith(before) || upTo.length() == before.length()) {
                return Optional.empty();
            }
            pieces[n - 1] = upTo.substring(before.length());
            before = upTo;
        }
        return Optional.of(new TokenText(ids.clone(), pieces));
    }

    int size() {
        return ids.length;
    }

    int id(int index) {
        return ids[index];
    }

    String piece(int index) {
        return pieces[index];
    }
}

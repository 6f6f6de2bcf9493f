package dev.benchy.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Places a server's token pieces in the text it tokenised, so that a {@link dev.benchy.core.prompt.Corpus} can cut
 * windows at token boundaries. A server says what each token is (llama.cpp's {@code piece}, vLLM's vocabulary
 * strings, SGLang's one-token decodes) but not where it is; the pieces are matched against the text's UTF-8 bytes
 * from left to right.
 *
 * <p>Pieces rarely spell the text byte for byte, and the differences are known ones:
 * <ul>
 *   <li>a SentencePiece tokenizer adds a space before the first word ({@code " Hello"} for {@code "Hello"}): a
 *       leading space that is not in the text is skipped;</li>
 *   <li>a token decoded on its own may lose its leading whitespace ({@code "world"} for {@code " world"}): whitespace
 *       in the text before the piece goes with the token;</li>
 *   <li>a token that holds part of a character decodes alone to U+FFFD, and a normaliser may change a character:
 *       such a token is placed when the next token that matches is found, at most a few bytes further on, and the
 *       bytes in between are shared among the tokens that could not be placed.</li>
 * </ul>
 * A piece that is nowhere near its place means the server tokenised another text, which is an error.
 */
final class PieceAligner {

    /** How far past the cursor a piece is looked for, plus this much per token waiting to be placed. */
    static final int SEARCH_BYTES = 32;
    static final int SEARCH_BYTES_PER_WAITING = 8;
    /** More tokens than this in a row that cannot be placed: the pieces do not belong to this text. */
    static final int MAX_WAITING = 64;

    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    private PieceAligner() {
    }

    /**
     * Where each token ends in {@code text}, in UTF-16 units (non-decreasing).
     *
     * @param pieces each token's bytes, or null when the server did not say
     * @throws IllegalArgumentException when the pieces cannot be placed in the text
     */
    static int[] ends(String text, List<byte[]> pieces) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        long[] byteEnds = new long[pieces.size()];
        int cursor = 0;
        int waitingFrom = -1;
        for (int i = 0; i < pieces.size(); i++) {
            byte[] piece = pieces.get(i);
            int waiting = waitingFrom < 0 ? 0 : i - waitingFrom;
            int[] place = piece == null ? null : place(t, cursor, piece, waiting);
            if (place == null) {
                if (waiting >= MAX_WAITING) {
                    throw new IllegalArgumentException("the server's token pieces do not match the text: "
                            + (waiting + 1) + " tokens in a row (from token " + waitingFrom + ") could not be placed"
                            + " after byte " + cursor + " of " + t.length);
                }
                waitingFrom = waitingFrom < 0 ? i : waitingFrom;
                continue;
            }
            if (waitingFrom >= 0) {
                share(byteEnds, waitingFrom, i, cursor, place[0]);
                waitingFrom = -1;
            }
            byteEnds[i] = place[1];
            cursor = place[1];
        }
        if (waitingFrom >= 0) {
            share(byteEnds, waitingFrom, pieces.size(), cursor, t.length);
        }
        int[] ends = new int[byteEnds.length];
        Utf8Cursor utf16 = new Utf8Cursor(text);
        for (int i = 0; i < ends.length; i++) {
            ends[i] = utf16.charIndexAt(byteEnds[i]);
        }
        return ends;
    }

    /**
     * Where {@code piece} sits at or after {@code cursor}: {start of its own bytes, end}, or null. With no token
     * waiting, only whitespace may lie between the cursor and the piece (it goes with the piece); with tokens
     * waiting, the piece is searched a little further on.
     */
    private static int[] place(byte[] t, int cursor, byte[] piece, int waiting) {
        if (piece.length == 0 || contains(piece, REPLACEMENT) && !matchesAt(t, cursor, piece, 0)) {
            return null; // no text, or part of a character: placed by the next token that matches
        }
        int skip = piece[0] == ' ' ? 1 : 0;
        if (waiting == 0) {
            for (int from = 0; from <= skip; from++) {
                if (matchesAt(t, cursor, piece, from)) {
                    return new int[] {cursor, cursor + piece.length - from};
                }
            }
            int word = skipWhitespace(t, cursor, t.length);
            if (word > cursor && matchesAt(t, word, piece, skip)) {
                return new int[] {cursor, word + piece.length - skip};
            }
            return null;
        }
        // every waiting token holds at least one byte; whitespace just before the piece goes with it
        int earliest = Math.min(t.length, cursor + waiting);
        int limit = cursor + SEARCH_BYTES + SEARCH_BYTES_PER_WAITING * waiting;
        for (int from = 0; from <= skip; from++) {
            int at = indexOf(t, piece, from, earliest, limit);
            if (at >= 0) {
                int start = at;
                while (start > earliest && isWhitespace(t[start - 1]) && !isWhitespace(piece[from])) {
                    start--;
                }
                return new int[] {start, at + piece.length - from};
            }
        }
        return null;
    }

    private static int skipWhitespace(byte[] t, int from, int to) {
        int at = from;
        while (at < to && isWhitespace(t[at])) {
            at++;
        }
        return at;
    }

    /** Tokens [from, to) end evenly spread over bytes [start, end). */
    private static void share(long[] byteEnds, int from, int to, int start, int end) {
        int count = to - from;
        for (int k = 0; k < count; k++) {
            byteEnds[from + k] = start + (long) (end - start) * (k + 1) / count;
        }
    }

    private static boolean matchesAt(byte[] t, int at, byte[] piece, int from) {
        int length = piece.length - from;
        if (at < 0 || at + length > t.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (t[at + k] != piece[from + k]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] t, byte[] piece, int from, int start, int limit) {
        int last = Math.min(limit, t.length - (piece.length - from));
        for (int at = start; at <= last; at++) {
            if (matchesAt(t, at, piece, from)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean contains(byte[] piece, byte[] part) {
        return indexOf(piece, part, 0, 0, piece.length) >= 0;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
    }
}

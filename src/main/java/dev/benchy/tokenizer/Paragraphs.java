package dev.benchy.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long text into pieces of at most a given length for a server that is asked to tokenise it in a few
 * calls. Cuts fall at a paragraph break where there is one, else at a line break, else at a space; only a text with
 * no whitespace at all is cut mid-word, and never inside a surrogate pair. A cut is made just before the whitespace,
 * which goes with the next piece as it goes with the next word in byte-level tokenizers: the pieces then tokenise as
 * the whole text does.
 */
final class Paragraphs {

    private Paragraphs() {
    }

    /** The [start, end) spans, in order, that together are the whole text. */
    static List<int[]> split(String text, int maxChars) {
        if (maxChars < 2) {
            throw new IllegalArgumentException("maxChars must be at least 2, but was " + maxChars);
        }
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        while (text.length() - start > maxChars) {
            int end = cut(text, start, start + maxChars);
            spans.add(new int[] {start, end});
            start = end;
        }
        if (start < text.length() || spans.isEmpty()) {
            spans.add(new int[] {start, text.length()});
        }
        return spans;
    }

    /** The best cut in (start, limit], for limit < the text's length. */
    static int cut(String text, int start, int limit) {
        for (String mark : new String[] {"\n\n", "\n", " "}) {
            int at = text.lastIndexOf(mark, limit - mark.length());
            while (at > start) {
                int cut = at;
                while (cut > start && Character.isWhitespace(text.charAt(cut - 1))) {
                    cut--;
                }
                if (cut > start) {
                    return cut;
                }
                at = text.lastIndexOf(mark, at - 1);
            }
        }
        return Character.isLowSurrogate(text.charAt(limit)) && limit - 1 > start ? limit - 1 : limit;
    }
}

package dev.benchy.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParagraphsTest {

    private static List<String> pieces(String text, int max) {
        List<int[]> spans = Paragraphs.split(text, max);
        int at = 0;
        for (int[] span : spans) {
            assertEquals(at, span[0], "spans must follow each other");
            assertTrue(span[1] > span[0] || text.isEmpty(), "empty span " + span[0]);
            assertTrue(span[1] - span[0] <= max, "span " + span[0] + ".." + span[1]);
            at = span[1];
        }
        assertEquals(text.length(), at, "spans must cover the text");
        return spans.stream().map(s -> text.substring(s[0], s[1])).toList();
    }

    @Test
    void cutsJustBeforeABlankLine() {
        assertEquals(List.of("one two.", "\n\n\nthree four.", "\n\nfive"),
                pieces("one two.\n\n\nthree four.\n\nfive", 16));
        assertEquals(List.of("one.\nline two.", " \n\nthree"), pieces("one.\nline two. \n\nthree", 18));
    }

    @Test
    void withoutABlankLineCutsAfterALineBreakThenASpace() {
        assertEquals(List.of("alpha beta", "\ngamma delta"), pieces("alpha beta\ngamma delta", 12));
        assertEquals(List.of("alpha", " beta", " gamma"), pieces("alpha beta gamma", 7));
    }

    @Test
    void aTextWithoutWhitespaceIsCutAnywhereButInsideASurrogatePair() {
        assertEquals(List.of("abc", "def", "g"), pieces("abcdefg", 3));
        assertEquals(List.of("ab", "\uD83D\uDE00c"), pieces("ab\uD83D\uDE00c", 3));
    }

    @Test
    void aShortTextIsOnePiece() {
        assertEquals(List.of("short"), pieces("short", 100));
        assertEquals(List.of(""), pieces("", 100));
    }
}

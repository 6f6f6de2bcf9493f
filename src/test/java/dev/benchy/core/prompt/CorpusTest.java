package dev.benchy.core.prompt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusTest {

    static Stream<Arguments> tokenizers() {
        return Stream.of(Arguments.of(CharTokenizer.withOffsets(), true),
                Arguments.of(CharTokenizer.decodingOnly(), false));
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void tokenisesOnceAndRecordsWhereTheTextCameFrom(Tokenizer tokenizer, boolean cuts) {
        Corpus corpus = Corpus.of(new Book("file:/books/abc.txt", "abcdefghi"), tokenizer);

        assertEquals(10, corpus.size());
        assertEquals("abcdefghi\n", corpus.text());
        assertArrayEquals("abcdefghi\n".codePoints().toArray(), corpus.tokens());
        assertEquals("file:/books/abc.txt", corpus.source());
        assertEquals(CharTokenizer.NAME, corpus.tokenizerName());
        assertEquals(cuts, corpus.cutsText());
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void windowsAreTheTextOfConsecutiveTokens(Tokenizer tokenizer, boolean cuts) {
        Corpus corpus = Corpus.of("abcdefghi", tokenizer);

        assertEquals("cde", corpus.window(2, 3));
        assertEquals("abcdefghi\n", corpus.window(0, 10));
        assertEquals("", corpus.window(9, 0));
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void windowsPastTheEndContinueAtTheBeginningAsOftenAsNeeded(Tokenizer tokenizer, boolean cuts) {
        Corpus corpus = Corpus.of("abc", tokenizer);

        assertEquals("c\nab", corpus.window(2, 4));
        assertEquals("bc\nabc\nabc\na", corpus.window(1, 12));
        assertEquals("abc\nabc\n", corpus.window(0, 8));
    }

    @Test
    void supplementaryCharactersAreWholeTokens() {
        Corpus corpus = Corpus.of("a\uD834\uDD1Eb", CharTokenizer.withOffsets());

        assertEquals(4, corpus.size());
        assertEquals("\uD834\uDD1Eb", corpus.window(1, 2));
    }

    @Test
    void trimmedOffsetsGiveTheSpaceToTheNextToken() {
        // a tokenizer that reports word ends without the space, as trim_offsets does: " b" ends at 3, not 2
        OffsetTokenizer trimming = new OffsetTokenizer() {
            @Override
            public TokenOffsets encodeWithOffsets(String text) {
                return new TokenOffsets(new int[] {1, 2, 3, 4}, new int[] {1, 3, 5, 6});
            }

            @Override
            public String name() {
                return "trimming";
            }

            @Override
            public int[] encode(String text) {
                return new int[] {1, 2, 3, 4};
            }

            @Override
            public String decode(int[] ids) {
                throw new AssertionError("windows must be cut, not decoded");
            }
        };
        Corpus corpus = Corpus.of("a b c", trimming);

        assertEquals("a", corpus.window(0, 1));
        assertEquals(" b", corpus.window(1, 1));
        assertEquals(" c", corpus.window(2, 1));
        assertEquals("\n", corpus.window(3, 1));
    }

    @Test
    void offsetsThatGoBackwardsOrPastTheEndAreClamped() {
        OffsetTokenizer sloppy = new OffsetTokenizer() {
            @Override
            public TokenOffsets encodeWithOffsets(String text) {
                return new TokenOffsets(new int[] {1, 2, 3}, new int[] {3, 1, 99});
            }

            @Override
            public String name() {
                return "sloppy";
            }

            @Override
            public int[] encode(String text) {
                return new int[] {1, 2, 3};
            }

            @Override
            public String decode(int[] ids) {
                throw new AssertionError("windows must be cut, not decoded");
            }
        };
        Corpus corpus = Corpus.of("abcd", sloppy);

        assertEquals("abc", corpus.window(0, 1));
        assertEquals("", corpus.window(1, 1));
        assertEquals("d\n", corpus.window(2, 1));
        assertEquals("abcd\n", corpus.window(0, 3));
    }

    @Test
    void blankTextOrNoTokensIsRejectedWithTheSource() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> Corpus.of(new Book("/tmp/empty.txt", " \n "), CharTokenizer.withOffsets()));
        assertEquals("the text of /tmp/empty.txt must not be blank, but was 3 characters of whitespace",
                blank.getMessage());

        Tokenizer none = new Tokenizer() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public int[] encode(String text) {
                return new int[0];
            }

            @Override
            public String decode(int[] ids) {
                return "";
            }
        };
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Corpus.of(new Book("/tmp/book.txt", "words"), none));
        assertEquals("the text of /tmp/book.txt must give at least one token, but silent gave none",
                empty.getMessage());
    }

    @Test
    void windowArgumentsAreChecked() {
        Corpus corpus = Corpus.of("abc", CharTokenizer.withOffsets());

        assertEquals("start must be in [0, 3], but was 4",
                assertThrows(IllegalArgumentException.class, () -> corpus.window(4, 1)).getMessage());
        assertEquals("start must be in [0, 3], but was -1",
                assertThrows(IllegalArgumentException.class, () -> corpus.window(-1, 1)).getMessage());
        assertEquals("count must be 0 or more, but was -2",
                assertThrows(IllegalArgumentException.class, () -> corpus.window(0, -2)).getMessage());
    }

    @Test
    void tokensAreACopy() {
        Corpus corpus = Corpus.of("abc", CharTokenizer.withOffsets());
        corpus.tokens()[0] = 'z';

        assertEquals('a', corpus.tokens()[0]);
        assertFalse(corpus.toString().isEmpty());
        assertTrue(corpus.toString().contains("4 tokens of " + Corpus.UNNAMED_SOURCE));
    }
}

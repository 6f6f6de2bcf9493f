package dev.benchy.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PieceAlignerTest {

    private static List<byte[]> pieces(Object... pieces) {
        List<byte[]> list = new ArrayList<>();
        for (Object piece : pieces) {
            if (piece == null) {
                list.add(null);
            } else if (piece instanceof String s) {
                list.add(s.getBytes(StandardCharsets.UTF_8));
            } else {
                int[] ints = (int[]) piece;
                byte[] bytes = new byte[ints.length];
                for (int i = 0; i < ints.length; i++) {
                    bytes[i] = (byte) ints[i];
                }
                list.add(bytes);
            }
        }
        return list;
    }

    @Test
    void piecesThatSpellTheTextEndWhereTheyEnd() {
        assertArrayEquals(new int[] {5, 11, 12}, PieceAligner.ends("Hello world!", pieces("Hello", " world", "!")));
    }

    @Test
    void aSpaceASentencePieceTokenizerPutBeforeTheFirstWordIsNotInTheText() {
        assertArrayEquals(new int[] {5, 11}, PieceAligner.ends("Hello world", pieces(" Hello", " world")));
    }

    @Test
    void whitespaceATokenLostWhenDecodedAloneGoesWithIt() {
        assertArrayEquals(new int[] {5, 12, 18},
                PieceAligner.ends("Hello  world\nagain", pieces("Hello", "world", "again")));
    }

    @Test
    void bytePiecesOfOneCharacterGiveItToTheFirst() {
        // é is two bytes and one UTF-16 unit: the first byte token ends after it, the second is empty
        assertArrayEquals(new int[] {3, 4, 4, 7},
                PieceAligner.ends("café au", pieces("caf", new int[] {0xC3}, new int[] {0xA9}, " au")));
    }

    @Test
    void aCharacterOutsideTheBasicPlaneStaysWhole() {
        assertArrayEquals(new int[] {1, 3, 3, 3, 3, 4}, PieceAligner.ends("a\uD83D\uDE00b",
                pieces("a", new int[] {0xF0}, new int[] {0x9F}, new int[] {0x98}, new int[] {0x80}, "b")));
    }

    @Test
    void tokensWhoseTextIsUnknownArePlacedByTheNextOneThatMatches() {
        assertArrayEquals(new int[] {3, 4, 4, 7},
                PieceAligner.ends("café au", pieces("caf", "\uFFFD", "\uFFFD", " au")));
        assertArrayEquals(new int[] {3, 4, 4, 7}, PieceAligner.ends("café au", pieces("caf", null, null, " au")));
        assertArrayEquals(new int[] {3, 4}, PieceAligner.ends("caf\u00e9", pieces("caf", null)));
    }

    @Test
    void aNormalisedCharacterIsPassedOverAndTheTextGoesOn() {
        // the server turned the curly apostrophe into a straight one
        assertArrayEquals(new int[] {5, 6, 7, 12},
                PieceAligner.ends("Holme\u2019s case", pieces("Holme", "'", "s", " case")));
    }

    @Test
    void piecesOfAnotherTextAreRefused() {
        List<byte[]> others = new ArrayList<>();
        for (int i = 0; i < PieceAligner.MAX_WAITING + 2; i++) {
            others.add(("zz" + i).getBytes(StandardCharsets.UTF_8));
        }
        String text = String.join(" ", java.util.Collections.nCopies(100, "word"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PieceAligner.ends(text, others));
        assertTrue(e.getMessage().startsWith("the server's token pieces do not match the text: "), e.getMessage());
    }

    @Test
    void theFakeServersTokenizerIsPlacedExactly() {
        String text = "The  café\u2014naïve reader\n\nturned   pages of \uD83D\uDE00 organizational charts.";
        List<WordPieces.Token> tokens = WordPieces.tokenize(text);
        List<byte[]> pieces = tokens.stream().map(WordPieces.Token::bytes).toList();
        int[] expected = new int[tokens.size()];
        Utf8Cursor cursor = new Utf8Cursor(text);
        for (int i = 0; i < expected.length; i++) {
            WordPieces.Token token = tokens.get(i);
            expected[i] = cursor.charIndexAt(token.partOfCharacter() ? token.start() + 1 : token.stop());
        }
        int[] ends = PieceAligner.ends(text, pieces);
        assertArrayEquals(expected, ends, Arrays.toString(ends));
    }
}

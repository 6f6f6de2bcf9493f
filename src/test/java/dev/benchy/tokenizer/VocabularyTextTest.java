package dev.benchy.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VocabularyTextTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void byteLevelStandInsAreTheBytesTheyStandFor() {
        List<byte[]> bytes = VocabularyText.bytes(List.of("Hello", "\u0120world", "\u010A", "\u00C3\u00A9"));
        assertArrayEquals(utf8("Hello"), bytes.get(0));
        assertArrayEquals(utf8(" world"), bytes.get(1));
        assertArrayEquals(utf8("\n"), bytes.get(2));
        assertArrayEquals(utf8("\u00e9"), bytes.get(3));
    }

    @Test
    void everyByteSurvivesTheByteLevelSpelling() {
        for (int b = 0; b < 256; b++) {
            String spelled = FakeTokenizeServer.ByteLevel.spell(new byte[] {(byte) b});
            assertArrayEquals(new byte[] {(byte) b}, VocabularyText.Spelling.BYTE_LEVEL.decode(spelled),
                    "byte " + b + " spelled " + spelled);
        }
    }

    @Test
    void sentencePieceSpacesAndByteTokensAreDecoded() {
        List<byte[]> bytes = VocabularyText.bytes(List.of("\u2581Hello", "\u2581world", "<0x0A>", "<0xC3>"));
        assertEquals(VocabularyText.Spelling.SENTENCEPIECE,
                VocabularyText.spelling(List.of("\u2581Hello", "<0x0A>")));
        assertArrayEquals(utf8(" Hello"), bytes.get(0));
        assertArrayEquals(utf8(" world"), bytes.get(1));
        assertArrayEquals(new byte[] {'\n'}, bytes.get(2));
        assertArrayEquals(new byte[] {(byte) 0xC3}, bytes.get(3));
    }

    @Test
    void textThatIsNeitherIsTakenAsItIs() {
        assertEquals(VocabularyText.Spelling.PLAIN, VocabularyText.spelling(List.of("\u4f60\u597d", "world")));
        assertArrayEquals(utf8("\u4f60\u597d"), VocabularyText.bytes(List.of("\u4f60\u597d", "x")).get(0));
    }
}

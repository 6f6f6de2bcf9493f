package dev.benchy.tokenizer;

import dev.benchy.core.prompt.GeneratedText;
import dev.benchy.core.prompt.TokenOffsets;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Gpt2TokenizerTest {

    private final Gpt2Tokenizer tokenizer = new Gpt2Tokenizer();

    @Test
    void isNamedAfterGpt2AndItsEncoding() {
        assertEquals("gpt2 (r50k_base)", tokenizer.name());
    }

    @Test
    void encodesAsGpt2Does() {
        assertArrayEquals(new int[] {15496, 995}, tokenizer.encode("Hello world"));
        assertEquals(2, tokenizer.count("Hello world"));
        assertEquals("Hello world", tokenizer.decode(new int[] {15496, 995}));
    }

    @Test
    void specialTokenTextIsOrdinaryText() {
        int[] ids = tokenizer.encode("<|endoftext|>");

        assertTrue(ids.length > 1, () -> Arrays.toString(ids));
        assertFalse(Arrays.stream(ids).anyMatch(id -> id == 50256), () -> Arrays.toString(ids));
        assertEquals(ids.length, tokenizer.count("<|endoftext|>"));
    }

    @Test
    void roundTripsAnyText() {
        String text = "Caf\u00e9 \u2014 na\u00efve \uD834\uDD1E clef,\r\n\ttabs  and  spaces \u65e5\u672c";

        assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
    }

    @Test
    void offsetsOfAsciiTextAreTheTokenEnds() {
        TokenOffsets offsets = tokenizer.encodeWithOffsets("Hello world");

        assertArrayEquals(new int[] {15496, 995}, offsets.ids());
        assertArrayEquals(new int[] {5, 11}, offsets.ends());
    }

    @Test
    void offsetsCutTheTextWhereTheTokensDoEvenWithMultiByteCharacters() {
        String text = "Caf\u00e9s \u2014 na\u00efve \uD834\uDD1E clefs, \u65e5\u672c\u8a9e and \u00e0 la carte. "
                + GeneratedText.text(1_000);
        TokenOffsets offsets = tokenizer.encodeWithOffsets(text);
        int[] ids = offsets.ids();
        int[] ends = offsets.ends();

        assertArrayEquals(tokenizer.encode(text), ids);
        assertEquals(text.length(), ends[ends.length - 1]);
        for (int i = 1; i < ids.length; i++) {
            assertTrue(ends[i] >= ends[i - 1], "ends go backwards at " + i);
            String prefix = tokenizer.decode(Arrays.copyOfRange(ids, 0, i));
            if (!prefix.contains("\uFFFD")) {
                // the prefix ends on a whole character: it must be exactly the text up to that token's end
                assertEquals(text.substring(0, ends[i - 1]), prefix, "prefix of " + i + " tokens");
            }
        }
    }
}

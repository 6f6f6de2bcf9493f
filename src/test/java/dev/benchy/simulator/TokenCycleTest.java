package dev.benchy.simulator;

import dev.benchy.tokenizer.Gpt2Tokenizer;
import dev.benchy.core.prompt.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenCycleTest {

    @Test
    void wordsRepeatWithASpaceBetweenRounds() {
        WordTokenizer words = new WordTokenizer();
        TokenCycle cycle = TokenCycle.fitting(words);
        assertEquals("The quick brown fox jumps over the lazy dog. The quick",
                join(cycle, 11));
        assertArrayEquals(words.encode("The quick brown fox jumps over the lazy dog. The quick"), ids(cycle, 11));
    }

    @Test
    void joinedOutputOfAnyLengthReTokenisesToItsTokenCountWithGpt2() {
        Tokenizer gpt2 = new Gpt2Tokenizer();
        TokenCycle cycle = TokenCycle.fitting(gpt2);
        for (int n = 1; n <= 200; n++) {
            assertEquals(n, gpt2.count(join(cycle, n)), "tokens in " + n + " generated tokens");
        }
        assertArrayEquals(ids(cycle, 57), gpt2.encode(join(cycle, 57)));
    }

    @Test
    void aTokenizerThatCannotRoundTripIsRefused() {
        Tokenizer lossy = new Tokenizer() {
            @Override
            public String name() {
                return "lossy";
            }

            @Override
            public int[] encode(String text) {
                return text.isEmpty() ? new int[0] : new int[] {7};
            }

            @Override
            public String decode(int[] ids) {
                return "x";
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenCycle.fitting(lossy));
        assertEquals("tokenizer must count the joined text of a repeated sentence as the tokens it was made of, "
                + "but lossy did not for any of " + TokenCycle.SENTENCES, e.getMessage());
    }

    private static String join(TokenCycle cycle, int n) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < n; k++) {
            text.append(cycle.piece(k));
        }
        return text.toString();
    }

    private static int[] ids(TokenCycle cycle, int n) {
        int[] ids = new int[n];
        Arrays.setAll(ids, k -> cycle.id(k));
        return ids;
    }
}

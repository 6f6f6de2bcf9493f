package dev.benchy.core.prompt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With one token per character every count is exact, so these tests assert exact lengths and texts. */
class PromptFactoryTest {

    private static final Pattern NONCE = Pattern.compile("\\[#[0-9a-f]{12}]\n");
    private static final int NONCE_TOKENS = 16;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    static Stream<Tokenizer> tokenizers() {
        return Stream.of(CharTokenizer.withOffsets(), CharTokenizer.decodingOnly());
    }

    private static PromptFactory factory(String text, Tokenizer tokenizer, long seed) {
        return new PromptFactory(Corpus.of(text, tokenizer), tokenizer, new SplittableRandom(seed));
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void contextAndPromptAreOneContiguousWindowOfTheRequestedSizes(Tokenizer tokenizer) {
        String corpusText = ALPHABET + "\n";
        PromptFactory prompts = factory(ALPHABET, tokenizer, 7);

        for (int i = 0; i < 50; i++) {
            Prompt prompt = prompts.next(20, 12, false);

            assertEquals(20, tokenizer.count(prompt.context()));
            assertEquals(12, tokenizer.count(prompt.prompt()));
            assertTrue(corpusText.contains(prompt.context() + prompt.prompt()),
                    () -> "not one window of the corpus: " + prompt);
        }
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void noContextGivesAnEmptyContext(Tokenizer tokenizer) {
        Prompt prompt = factory(ALPHABET, tokenizer, 1).next(0, 9, false);

        assertEquals("", prompt.context());
        assertEquals(9, tokenizer.count(prompt.prompt()));
    }

    @Test
    void theStartIsUniformOverTheInclusiveRange() {
        // 63 tokens, windows of 61: the starts are 0, 1 and 2, and the last one must be reachable
        PromptFactory prompts = factory(ALPHABET, CharTokenizer.withOffsets(), 3);
        String corpusText = ALPHABET + "\n";
        Set<Integer> starts = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            Prompt prompt = prompts.next(0, 61, false);
            starts.add(corpusText.indexOf(prompt.prompt()));
        }

        assertEquals(Set.of(0, 1, 2), starts);
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void aWindowAsLongAsTheCorpusIsTheWholeCorpus(Tokenizer tokenizer) {
        Prompt prompt = factory("abc def", tokenizer, 11).next(3, 5, false);

        assertEquals("abc", prompt.context());
        assertEquals(" def\n", prompt.prompt());
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void theCorpusRepeatsWhenItIsShorterThanTheWindow(Tokenizer tokenizer) {
        String corpusText = "abcdefghij\n";
        PromptFactory prompts = factory("abcdefghij", tokenizer, 5);

        for (int i = 0; i < 20; i++) {
            Prompt prompt = prompts.next(25, 20, false);

            assertEquals(25, prompt.context().length());
            assertEquals(20, prompt.prompt().length());
            assertTrue(corpusText.repeat(6).contains(prompt.context() + prompt.prompt()),
                    () -> "not a window of the repeated corpus: " + prompt);
        }
    }

    @Test
    void theSameSeedGivesTheSamePromptsAndAnotherSeedOthers() {
        String text = GeneratedText.text(20_000);
        List<Prompt> first = draw(factory(text, CharTokenizer.withOffsets(), 42));
        List<Prompt> again = draw(factory(text, CharTokenizer.withOffsets(), 42));
        List<Prompt> other = draw(factory(text, CharTokenizer.withOffsets(), 43));

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    private static List<Prompt> draw(PromptFactory prompts) {
        List<Prompt> drawn = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            drawn.add(prompts.next(100, 50, true));
            drawn.add(prompts.next(0, 80, false));
        }
        return drawn;
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void noCachePutsANonceAtTheStartOfTheContextAndKeepsEveryCountExact(Tokenizer tokenizer) {
        String corpusText = GeneratedText.text(5_000);
        PromptFactory prompts = factory(corpusText, tokenizer, 9);

        Prompt first = prompts.next(100, 40, true);
        Prompt second = prompts.next(100, 40, true);

        for (Prompt prompt : List.of(first, second)) {
            assertTrue(NONCE.matcher(prompt.context()).lookingAt(), () -> "no nonce first: " + prompt.context());
            assertEquals(100, tokenizer.count(prompt.context()));
            assertEquals(40, tokenizer.count(prompt.prompt()));
            String corpusPart = prompt.context().substring(NONCE_TOKENS) + prompt.prompt();
            assertTrue((corpusText + "\n").contains(corpusPart), () -> "not one window: " + prompt);
        }
        assertNotEquals(first.context().substring(0, NONCE_TOKENS), second.context().substring(0, NONCE_TOKENS));
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void withoutContextTheNonceStartsThePrompt(Tokenizer tokenizer) {
        Prompt prompt = factory(GeneratedText.text(5_000), tokenizer, 9).next(0, 64, true);

        assertEquals("", prompt.context());
        assertTrue(NONCE.matcher(prompt.prompt()).lookingAt(), () -> "no nonce first: " + prompt.prompt());
        assertEquals(64, tokenizer.count(prompt.prompt()));
    }

    @Test
    void aContextSmallerThanTheNonceIsTheNonceAloneAndThePromptGivesUpTheDifference() {
        Tokenizer tokenizer = CharTokenizer.withOffsets();
        Prompt prompt = factory(GeneratedText.text(5_000), tokenizer, 9).next(10, 30, true);

        assertTrue(NONCE.matcher(prompt.context()).matches(), () -> "not the nonce alone: " + prompt.context());
        assertEquals(30 - (NONCE_TOKENS - 10), prompt.prompt().length());
    }

    @Test
    void aBudgetSmallerThanTheNonceIsExceededByTheNonceAlone() {
        Prompt prompt = factory(GeneratedText.text(5_000), CharTokenizer.withOffsets(), 9).next(0, 4, true);

        assertEquals("", prompt.context());
        assertTrue(NONCE.matcher(prompt.prompt()).matches(), () -> "not the nonce alone: " + prompt.prompt());
    }

    @Test
    void anEmptyRequestIsEmpty() {
        assertEquals(new Prompt("", ""), factory(ALPHABET, CharTokenizer.withOffsets(), 1).next(0, 0, false));
    }

    @Test
    void argumentsAreChecked() {
        PromptFactory prompts = factory(ALPHABET, CharTokenizer.withOffsets(), 1);

        assertEquals("contextTokens must be 0 or more, but was -1",
                assertThrows(IllegalArgumentException.class, () -> prompts.next(-1, 5, false)).getMessage());
        assertEquals("promptTokens must be 0 or more, but was -5",
                assertThrows(IllegalArgumentException.class, () -> prompts.next(0, -5, false)).getMessage());
        assertEquals("contextTokens + promptTokens must be at most 2147483647, but was 4294967294",
                assertThrows(IllegalArgumentException.class,
                        () -> prompts.next(Integer.MAX_VALUE, Integer.MAX_VALUE, false)).getMessage());
    }

    @Test
    void theTokenizerMustBeTheCorpusOne() {
        Corpus corpus = Corpus.of(ALPHABET, CharTokenizer.withOffsets());
        Tokenizer other = new Tokenizer() {
            @Override
            public String name() {
                return "other";
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

        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> new PromptFactory(corpus, other, new SplittableRandom(1)));
        assertEquals("tokenizer must be the one the corpus was made with (" + CharTokenizer.NAME
                + "), but was other", wrong.getMessage());
    }
}

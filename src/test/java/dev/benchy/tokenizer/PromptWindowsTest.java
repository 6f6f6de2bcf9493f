package dev.benchy.tokenizer;

import dev.benchy.core.prompt.Book;
import dev.benchy.core.prompt.BookSource;
import dev.benchy.core.prompt.Corpus;
import dev.benchy.core.prompt.GeneratedText;
import dev.benchy.core.prompt.Prompt;
import dev.benchy.core.prompt.PromptFactory;
import dev.benchy.core.prompt.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prompts cut from real tokenizers' corpora re-encode to the requested token counts: within 1 % or 2 tokens (a cut
 * can split a word whose pieces merge differently on their own). Also prints how long a depth-131072 prompt takes.
 */
class PromptWindowsTest {

    private static final Pattern NONCE = Pattern.compile("\\[#[0-9a-f]{12}]\n");

    private static HuggingFaceTokenizer fixture;
    private static Gpt2Tokenizer gpt2;
    private static Corpus fixtureCorpus;
    private static Corpus gpt2Corpus;

    @BeforeAll
    static void tokenise() throws IOException {
        fixture = HuggingFaceTokenizer.fromFile(HuggingFaceTokenizerTest.fixtureFile(), "fixture");
        gpt2 = new Gpt2Tokenizer();
        Book book = new Book(GeneratedText.SOURCE, GeneratedText.text(150_000));
        fixtureCorpus = Corpus.of(book, fixture);
        gpt2Corpus = Corpus.of(book, gpt2);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (String tokenizer : List.of("fixture", "gpt2")) {
            shapes.add(Arguments.of(tokenizer, 0, 128, false));
            shapes.add(Arguments.of(tokenizer, 0, 2048, false));
            shapes.add(Arguments.of(tokenizer, 4096, 512, false));
            shapes.add(Arguments.of(tokenizer, 0, 256, true));
            shapes.add(Arguments.of(tokenizer, 2048, 64, true));
        }
        return shapes.stream();
    }

    private static Tokenizer tokenizer(String name) {
        return name.equals("fixture") ? fixture : gpt2;
    }

    private static Corpus corpus(String name) {
        return name.equals("fixture") ? fixtureCorpus : gpt2Corpus;
    }

    private static void assertNearly(int expected, int actual, String what) {
        int tolerance = Math.max(2, expected / 100);
        assertTrue(Math.abs(actual - expected) <= tolerance,
                () -> what + " must re-encode to " + expected + " ± " + tolerance + " tokens, but was " + actual);
    }

    @ParameterizedTest(name = "{0}: d{1} pp{2} no-cache={3}")
    @MethodSource("shapes")
    void windowsReEncodeToTheRequestedCounts(String name, int depth, int pp, boolean noCache) {
        Tokenizer tokenizer = tokenizer(name);
        PromptFactory prompts = new PromptFactory(corpus(name), tokenizer, new SplittableRandom(depth + pp));

        for (int i = 0; i < 10; i++) {
            Prompt prompt = prompts.next(depth, pp, noCache);

            String first = depth > 0 ? prompt.context() : prompt.prompt();
            assertEquals(noCache, NONCE.matcher(first).lookingAt(), () -> "nonce at the start: " + first);
            if (depth > 0) {
                assertNearly(depth, tokenizer.count(prompt.context()), "the context");
            } else {
                assertEquals("", prompt.context());
            }
            assertNearly(pp, tokenizer.count(prompt.prompt()), "the prompt");
        }
    }

    @Test
    void aCorpusShorterThanTheWindowRepeatsAndStillCountsRight() throws URISyntaxException {
        Path book = Path.of(PromptWindowsTest.class.getResource("/corpus/book.txt").toURI());
        Corpus small = Corpus.of(BookSource.fetch(book.toString(), Path.of("unused"), message -> {
            throw new AssertionError(message);
        }), gpt2);
        PromptFactory prompts = new PromptFactory(small, gpt2, new SplittableRandom(1));

        Prompt prompt = prompts.next(3 * small.size(), small.size(), false);

        assertNearly(3 * small.size(), gpt2.count(prompt.context()), "the context");
        assertNearly(small.size(), gpt2.count(prompt.prompt()), "the prompt");
    }

    @Test
    void aDepth131072PromptIsCutFast() throws IOException {
        Book book = Book.generated();
        for (Tokenizer tokenizer : List.of(gpt2, fixture)) {
            long tokenising = System.nanoTime();
            Corpus corpus = Corpus.of(book, tokenizer);
            tokenising = System.nanoTime() - tokenising;
            PromptFactory prompts = new PromptFactory(corpus, tokenizer, new SplittableRandom(131_072));

            prompts.next(131_072, 512, true); // warm-up
            long cutting = System.nanoTime();
            Prompt prompt = prompts.next(131_072, 512, true);
            cutting = System.nanoTime() - cutting;

            System.out.printf("%s: corpus of %d tokens tokenised in %.1f ms; d131072 pp512 prompt built in %.3f ms"
                            + " (%d + %d characters)%n", tokenizer.name(), corpus.size(), tokenising / 1e6,
                    cutting / 1e6, prompt.context().length(), prompt.prompt().length());
            assertNearly(131_072, tokenizer.count(prompt.context()), tokenizer.name() + " context");
            assertNearly(512, tokenizer.count(prompt.prompt()), tokenizer.name() + " prompt");
        }
    }
}

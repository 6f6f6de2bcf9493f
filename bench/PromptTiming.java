import dev.benchy.core.prompt.Book;
import dev.benchy.core.prompt.BookSource;
import dev.benchy.core.prompt.Corpus;
import dev.benchy.core.prompt.Prompt;
import dev.benchy.core.prompt.PromptFactory;
import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.tokenizer.TokenizerLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times what a run pays before its first request: tokenising the whole corpus (once per tokenizer and book, as
 * PromptMaterial keeps it) and building a prompt at a large depth (once per request). Prints one JSON object.
 * Run by bench/run with the application's class path; arguments: tokenizer spec, book (a path or
 * builtin:generated), depth, repetitions.
 */
public final class PromptTiming {

    public static void main(String[] args) throws Exception {
        String tokenizerSpec = args.length > 0 ? args[0] : "builtin:gpt2";
        String book = args.length > 1 ? args[1] : BookSource.GENERATED_BOOK;
        int depth = args.length > 2 ? Integer.parseInt(args[2]) : 131072;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Tokenizer tokenizer = TokenizerLoader.load(tokenizerSpec, warning -> System.err.println(warning));
        Path cache = Files.createTempDirectory("benchy-prompt-timing");
        Book text = BookSource.fetch(book, cache, warning -> System.err.println(warning));

        long[] corpusNanos = new long[repetitions];
        Corpus corpus = null;
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            corpus = Corpus.of(text, tokenizer);
            corpusNanos[i] = System.nanoTime() - t0;
        }
        PromptFactory factory = new PromptFactory(corpus, tokenizer, new SplittableRandom(1));
        long[] promptNanos = new long[repetitions];
        long chars = 0;
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            Prompt prompt = factory.next(depth, 512, true);
            promptNanos[i] = System.nanoTime() - t0;
            chars += prompt.toString().length();
        }
        System.out.printf("{\"tokenizer\":\"%s\",\"book_chars\":%d,\"corpus_tokens\":%d,"
                        + "\"tokenize_corpus_ms_first\":%.1f,\"tokenize_corpus_ms_min\":%.1f,\"depth\":%d,"
                        + "\"build_prompt_ms_first\":%.1f,\"build_prompt_ms_min\":%.1f,\"chars\":%d}%n",
                tokenizer.name(), text.text().length(), corpus.size(), ms(corpusNanos[0]), ms(min(corpusNanos)),
                depth, ms(promptNanos[0]), ms(min(promptNanos)), chars);
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}

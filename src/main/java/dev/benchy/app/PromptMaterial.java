package dev.benchy.app;

import dev.benchy.core.prompt.BookSource;
import dev.benchy.core.prompt.Corpus;
import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.tokenizer.TokenizerLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokenizer and the tokenised book for a (tokenizer, book) pair, loaded once and kept: loading a tokenizer
 * and tokenising a whole book take seconds, which a service benchmarking every few minutes should pay only once.
 * The warnings raised while loading (a tokenizer fallback, a book that could not be fetched) are kept too and
 * repeated in every report that uses the material.
 */
public final class PromptMaterial {

    /** One loaded pair. */
    public record Loaded(Tokenizer tokenizer, Corpus corpus, List<String> warnings) {
    }

    private final Path cacheDir;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    public PromptMaterial(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    public Loaded load(String tokenizerSpec, String bookUrl) {
        return loaded.computeIfAbsent(tokenizerSpec + "\n" + bookUrl, key -> {
            List<String> warnings = new ArrayList<>();
            Tokenizer tokenizer = TokenizerLoader.load(tokenizerSpec, warnings::add);
            Corpus corpus = Corpus.of(BookSource.fetch(bookUrl, cacheDir, warnings::add), tokenizer);
            return new Loaded(tokenizer, corpus, List.copyOf(warnings));
        });
    }
}

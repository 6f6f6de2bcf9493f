package dev.benchy.app;

import dev.benchy.core.prompt.Book;
import dev.benchy.core.prompt.BookSource;
import dev.benchy.core.prompt.Corpus;
import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.tokenizer.Gpt2Tokenizer;
import dev.benchy.tokenizer.ServerTokenizer;
import dev.benchy.tokenizer.TokenizerLoader;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokenizer and the tokenised book for a (tokenizer, server, book) triple, loaded once and kept: loading a
 * tokenizer and tokenising a whole book take seconds, which a service benchmarking every few minutes should pay only
 * once. The warnings raised while loading (a tokenizer fallback, a book that could not be fetched) are kept too and
 * repeated in every report that uses the material. A fallback caused by a server that could not be asked for now is
 * not kept: the next run asks again.
 */
public final class PromptMaterial {

    /**
     * One loaded pair.
     *
     * @param notes what to say once about how the tokenizer was chosen (not a problem, so not in the report)
     */
    public record Loaded(Tokenizer tokenizer, Corpus corpus, List<String> warnings, List<String> notes) {
    }

    private final Path cacheDir;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    public PromptMaterial(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /**
     * @param tokenizerSpec the tokenizer to load, or the model name ({@link TokenizerLoader})
     * @param named         whether the user named the tokenizer
     * @param server        the target whose own tokenizer stands in when {@code tokenizerSpec} does not load
     * @param bookUrl       the book, or null for the default
     */
    public Loaded load(String tokenizerSpec, boolean named, ServerTokenizer.Target server, String bookUrl) {
        String key = tokenizerSpec + "\n" + named + "\n" + server.baseUrl() + "\n" + server.model() + "\n" + bookUrl;
        Loaded kept = loaded.get(key);
        if (kept != null) {
            return kept;
        }
        List<String> warnings = new ArrayList<>();
        TokenizerLoader.Outcome outcome = TokenizerLoader.load(tokenizerSpec, named, server);
        warnings.addAll(outcome.warnings());
        Book book = BookSource.fetch(bookUrl, cacheDir, warnings::add);
        Tokenizer tokenizer = outcome.tokenizer();
        boolean lasting = outcome.lasting();
        Corpus corpus;
        try {
            corpus = Corpus.of(book, tokenizer);
        } catch (UncheckedIOException e) {
            // only a remote tokenizer fails this way: the run goes on with GPT-2, and the next one asks again
            close(tokenizer);
            warnings.add("The server's own tokenizer failed on the book (" + e.getCause().getMessage()
                    + "); falling back to GPT-2's encoding (r50k_base): prompt sizes and token counts may be off.");
            tokenizer = new Gpt2Tokenizer();
            corpus = Corpus.of(book, tokenizer);
            lasting = false;
        }
        Loaded fresh = new Loaded(tokenizer, corpus, List.copyOf(warnings), outcome.notes());
        if (lasting) {
            kept = loaded.putIfAbsent(key, fresh);
        }
        if (kept != null) {
            close(fresh.tokenizer()); // another run loaded the same meanwhile
            return kept;
        }
        return fresh;
    }

    private static void close(Tokenizer tokenizer) {
        if (tokenizer instanceof ServerTokenizer remote) {
            remote.close();
        }
    }
}

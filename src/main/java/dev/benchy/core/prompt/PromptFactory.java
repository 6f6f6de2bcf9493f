package dev.benchy.core.prompt;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Builds the text of each benchmark request: a random window of the corpus, exactly as many tokens as the test
 * asks for, split into a context and the prompt that continues it (as llama-benchy does, spec §8), with these
 * fixes (spec §18 items 9 and 11): the start is drawn from {@code [0, size − need]} inclusive, so a window as long
 * as the corpus works; the randomness comes from the given generator, so a seeded run is reproducible; and
 * {@code --no-cache} puts a random nonce at the <em>start</em> of the first message, where it defeats every prefix
 * cache, and charges its tokens to that message so the total stays what was asked for (design decision 5).
 *
 * <p>Not thread-safe (the random generator is not): one factory per run, used from the thread that plans requests.
 */
public final class PromptFactory {

    private static final HexFormat HEX = HexFormat.of();
    private static final long NONCE_BITS = 0xFFFF_FFFF_FFFFL;

    private final Corpus corpus;
    private final Tokenizer tokenizer;
    private final RandomGenerator random;

    /**
     * @param corpus    the tokenised book
     * @param tokenizer the tokenizer the corpus was made with (it counts the nonce's tokens)
     * @param random    where start offsets and nonces come from; seed it for reproducible runs
     */
    public PromptFactory(Corpus corpus, Tokenizer tokenizer, RandomGenerator random) {
        if (corpus == null || tokenizer == null || random == null) {
            throw new IllegalArgumentException("corpus, tokenizer and random must all be given, but corpus was "
                    + corpus + ", tokenizer was " + (tokenizer == null ? "null" : tokenizer.name())
                    + " and random was " + random);
        }
        if (!corpus.tokenizerName().equals(tokenizer.name())) {
            throw new IllegalArgumentException("tokenizer must be the one the corpus was made with ("
                    + corpus.tokenizerName() + "), but was " + tokenizer.name());
        }
        this.corpus = corpus;
        this.tokenizer = tokenizer;
        this.random = random;
    }

    /**
     * The next request's text: {@code contextTokens + promptTokens} consecutive corpus tokens from a random
     * start, the first {@code contextTokens} as the context ({@code ""} when 0) and the rest as the prompt.
     *
     * <p>With {@code noCache}, the first message (the context, or the prompt when there is none) starts with a
     * random nonce such as {@code [#a1b2c3d4e5f6]} and a line break, and holds that many fewer corpus tokens. The
     * nonce is never split: when the context budget is smaller than the nonce, the context is the nonce alone and
     * the prompt gives up the difference; only when the whole budget is smaller than the nonce is the total
     * exceeded (the first message is then the nonce alone).
     */
    public Prompt next(int contextTokens, int promptTokens, boolean noCache) {
        if (contextTokens < 0) {
            throw new IllegalArgumentException("contextTokens must be 0 or more, but was " + contextTokens);
        }
        if (promptTokens < 0) {
            throw new IllegalArgumentException("promptTokens must be 0 or more, but was " + promptTokens);
        }
        long need = (long) contextTokens + promptTokens;
        if (need > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("contextTokens + promptTokens must be at most " + Integer.MAX_VALUE
                    + ", but was " + need);
        }
        String nonce = noCache ? nonce() : "";
        int nonceTokens = noCache ? tokenizer.count(nonce) : 0;
        int corpusTokens = (int) Math.max(0, need - nonceTokens);
        int contextCorpusTokens = Math.max(0, contextTokens - nonceTokens);
        int promptCorpusTokens = corpusTokens - contextCorpusTokens;
        int start = start(corpusTokens);
        String contextText = corpus.window(start, contextCorpusTokens);
        String promptText = corpus.window((int) (((long) start + contextCorpusTokens) % corpus.size()),
                promptCorpusTokens);
        if (contextTokens > 0) {
            return new Prompt(nonce + contextText, promptText);
        }
        return new Prompt("", nonce + promptText);
    }

    /** A uniform start in [0, size − need] (inclusive); any offset of the loop when the corpus is too short. */
    private int start(int need) {
        int size = corpus.size();
        if (need == 0) {
            return 0;
        }
        if (need <= size) {
            return random.nextInt(size - need + 1);
        }
        return random.nextInt(size);
    }

    /** 48 random bits as {@code [#a1b2c3d4e5f6]} and a line break, which keeps the next word's tokens intact. */
    private String nonce() {
        return "[#" + HEX.toHexDigits(random.nextLong() & NONCE_BITS, 12) + "]\n";
    }
}

package dev.benchy.core.prompt;

/**
 * The book tokenised once, so that a prompt of exactly N tokens is a window of N consecutive corpus tokens and
 * costs no tokenising per request. With an {@link OffsetTokenizer} a window's text is a substring of the book cut at
 * token boundaries (fast at any depth, and the text is the book's own); with a plain {@link Tokenizer} the window's
 * tokens are decoded. Either way the text re-encodes to the window's token count, give or take a token where a cut
 * splits a word that merges differently on its own.
 *
 * <p>The corpus is read as a loop: a window that runs past the end continues at the beginning. The text is made
 * to end with a line break, so the seam does not glue two words into a token neither side had.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Corpus {

    /** How {@link #of(String, Tokenizer)} names a text whose origin it was not told. */
    public static final String UNNAMED_SOURCE = "text given by the caller";

    private final String source;
    private final String tokenizerName;
    private final String text;
    private final int[] tokens;
    /** cuts[i] = where token i's text starts; cuts[size] = text length. Null when windows are decoded. */
    private final int[] cuts;
    /** Only for decoding windows when the tokenizer cannot report offsets. */
    private final Tokenizer decoder;

    private Corpus(String source, String tokenizerName, String text, int[] tokens, int[] cuts, Tokenizer decoder) {
        this.source = source;
        this.tokenizerName = tokenizerName;
        this.text = text;
        this.tokens = tokens;
        this.cuts = cuts;
        this.decoder = decoder;
    }

    /** Tokenises {@code book} once with {@code tokenizer} (no special tokens). */
    public static Corpus of(Book book, Tokenizer tokenizer) {
        if (book == null || tokenizer == null) {
            throw new IllegalArgumentException("book and tokenizer must both be given, but book was "
                    + (book == null ? "null" : book.source()) + " and tokenizer was "
                    + (tokenizer == null ? "null" : tokenizer.name()));
        }
        if (book.text().isBlank()) {
            throw new IllegalArgumentException("the text of " + book.source() + " must not be blank, but was "
                    + book.text().length() + " characters of whitespace");
        }
        String text = book.text().endsWith("\n") ? book.text() : book.text() + "\n";
        if (tokenizer instanceof OffsetTokenizer offsets) {
            TokenOffsets encoded = offsets.encodeWithOffsets(text);
            requireTokens(encoded.ids(), book, tokenizer);
            return new Corpus(book.source(), tokenizer.name(), text, encoded.ids(),
                    cuts(encoded.ends(), text.length()), null);
        }
        int[] ids = tokenizer.encode(text);
        requireTokens(ids, book, tokenizer);
        return new Corpus(book.source(), tokenizer.name(), text, ids, null, tokenizer);
    }

    /** Tokenises {@code text}, whose source is recorded as {@value #UNNAMED_SOURCE}. */
    public static Corpus of(String text, Tokenizer tokenizer) {
        return of(new Book(UNNAMED_SOURCE, text), tokenizer);
    }

    /** How many tokens the text has. */
    public int size() {
        return tokens.length;
    }

    /** The URL or path of the book, or {@link GeneratedText#SOURCE}. */
    public String source() {
        return source;
    }

    /** The {@link Tokenizer#name() name} of the tokenizer that made the tokens. */
    public String tokenizerName() {
        return tokenizerName;
    }

    /** The text that was tokenised (ending with a line break). */
    public String text() {
        return text;
    }

    /** A copy of the token ids. */
    public int[] tokens() {
        return tokens.clone();
    }

    /** Whether windows are cut from the text (true) or decoded from tokens (false). */
    public boolean cutsText() {
        return cuts != null;
    }

    /**
     * The text of {@code count} consecutive tokens from token {@code start} on, continuing at the beginning of the
     * corpus when the window runs past its end (as often as needed).
     */
    public String window(int start, int count) {
        if (start < 0 || start >= tokens.length) {
            throw new IllegalArgumentException("start must be in [0, " + (tokens.length - 1) + "], but was " + start);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, but was " + count);
        }
        if (count == 0) {
            return "";
        }
        return cuts != null ? cut(start, count) : decoded(start, count);
    }

    private String cut(int start, int count) {
        long end = (long) start + count;
        if (end <= tokens.length) {
            return text.substring(cuts[start], cuts[(int) end]);
        }
        StringBuilder window = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8,
                (long) count * text.length() / tokens.length + 16));
        window.append(text, cuts[start], text.length());
        long rest = end - tokens.length;
        while (rest >= tokens.length) {
            window.append(text);
            rest -= tokens.length;
        }
        return window.append(text, 0, cuts[(int) rest]).toString();
    }

    private String decoded(int start, int count) {
        int[] ids = new int[count];
        int copied = 0;
        int from = start;
        while (copied < count) {
            int chunk = Math.min(count - copied, tokens.length - from);
            System.arraycopy(tokens, from, ids, copied, chunk);
            copied += chunk;
            from = 0;
        }
        return decoder.decode(ids);
    }

    /**
     * Token i's text starts where token i-1's ends: tokenizers that trim whitespace from offsets report the end of
     * the word, so the space before the next word goes with the next token, as byte-level tokenizers count it.
     */
    private static int[] cuts(int[] ends, int length) {
        int[] cuts = new int[ends.length + 1];
        for (int i = 1; i < ends.length; i++) {
            cuts[i] = Math.max(cuts[i - 1], Math.min(length, ends[i - 1]));
        }
        cuts[ends.length] = length;
        return cuts;
    }

    private static void requireTokens(int[] ids, Book book, Tokenizer tokenizer) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("the text of " + book.source() + " must give at least one token, but "
                    + tokenizer.name() + " gave none");
        }
    }

    @Override
    public String toString() {
        return "Corpus[" + tokens.length + " tokens of " + source + " by " + tokenizerName + "]";
    }
}

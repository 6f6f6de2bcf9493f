package dev.benchy.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.benchy.core.prompt.OffsetTokenizer;
import dev.benchy.core.prompt.TokenOffsets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model's own tokenizer, from a Hugging Face {@code tokenizer.json} through DJL's binding of the Rust
 * {@code tokenizers} library, so that prompt sizes are counted as the server counts them.
 *
 * <p>DJL is configured never to add special tokens, truncate or pad: its defaults would silently cut every text at
 * 512 tokens. Decoding keeps special tokens, so nothing that changes the text is skipped.
 *
 * <p>Thread safety: encode and decode only read the native tokenizer (the Rust {@code Tokenizer} is immutable and
 * {@code Sync}; DJL's Java wrapper holds no per-call state), so concurrent calls are safe. {@link #close()} frees the
 * native memory and must not race with them; a tokenizer that lives as long as the process need not be closed.
 */
public final class HuggingFaceTokenizer implements OffsetTokenizer, AutoCloseable {

    private final String name;
    private final ai.djl.huggingface.tokenizers.HuggingFaceTokenizer tokenizer;

    private HuggingFaceTokenizer(String name, ai.djl.huggingface.tokenizers.HuggingFaceTokenizer tokenizer) {
        this.name = name;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads a local {@code tokenizer.json}, or the one inside a folder.
     *
     * @param fileOrFolder the file, or a folder that contains {@code tokenizer.json}
     * @param name         how the tokenizer is named in reports: the path as the user gave it
     * @throws IOException when the file is missing or is not a valid tokenizer
     */
    public static HuggingFaceTokenizer fromFile(Path fileOrFolder, String name) throws IOException {
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve("tokenizer.json") : fileOrFolder;
        if (!Files.isRegularFile(file)) {
            throw new IOException("no tokenizer.json at " + file);
        }
        try {
            return new HuggingFaceTokenizer(name, options().optTokenizerPath(file).build());
        } catch (RuntimeException e) {
            throw new IOException(message(e), e);
        }
    }

    /**
     * Loads a tokenizer by its Hugging Face hub id, e.g. {@code Qwen/Qwen3-8B}: DJL's native side reads it from the
     * local Hugging Face cache or downloads it there, with the {@code HF_TOKEN} environment variable (or system
     * property) as the credential for gated models. Blocks while downloading; see {@link TokenizerLoader} for the
     * deadline.
     *
     * @throws IOException when the hub cannot be reached or has no such tokenizer
     */
    public static HuggingFaceTokenizer fromHub(String id) throws IOException {
        try {
            return new HuggingFaceTokenizer(id, options().optTokenizerName(id).build());
        } catch (RuntimeException e) {
            throw new IOException(message(e), e);
        }
    }

    private static ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.Builder options() {
        return ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.builder()
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .optPadding(false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] encode(String text) {
        return ints(tokenizer.encode(text, false, false).getIds());
    }

    @Override
    public TokenOffsets encodeWithOffsets(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        int[] ids = ints(encoding.getIds());
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] utf16 = codePointToUtf16(text);
        int[] ends = new int[ids.length];
        int end = 0;
        for (int i = 0; i < ids.length; i++) {
            CharSpan span = i < spans.length ? spans[i] : null;
            if (span != null) {
                // the native side counts characters as Unicode code points, Java strings count UTF-16 units
                int codePoints = Math.max(0, span.getEnd());
                end = utf16 == null ? codePoints : utf16[Math.min(codePoints, utf16.length - 1)];
            }
            ends[i] = end;
        }
        return new TokenOffsets(ids, ends);
    }

    @Override
    public String decode(int[] ids) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, false);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "HuggingFaceTokenizer[" + name + "]";
    }

    private static int[] ints(long[] ids) {
        int[] ints = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ints[i] = Math.toIntExact(ids[i]);
        }
        return ints;
    }

    /** UTF-16 index of each code point index (plus one past the end), or null when the two are the same. */
    private static int[] codePointToUtf16(String text) {
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            return null;
        }
        int[] utf16 = new int[codePoints + 1];
        int index = 0;
        for (int cp = 0; cp < codePoints; cp++) {
            utf16[cp] = index;
            index += Character.charCount(text.codePointAt(index));
        }
        utf16[codePoints] = text.length();
        return utf16;
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

package dev.benchy.tokenizer;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.benchy.core.prompt.OffsetTokenizer;
import dev.benchy.core.prompt.TokenOffsets;

/**
 * GPT-2's byte-level BPE ({@code r50k_base}), the fallback when the model's own tokenizer cannot be loaded, as
 * llama-benchy falls back to {@code gpt2}. Its vocabulary ships inside the JTokkit jar, so it always works offline;
 * counts are only approximate for other models (typically within 10-20 % for English prose).
 *
 * <p>Text that looks like a special token (such as {@code <|endoftext|>}) is encoded as ordinary text.
 * Thread-safe: JTokkit encodings are immutable.
 */
public final class Gpt2Tokenizer implements OffsetTokenizer {

    /** The name reports show for this tokenizer. */
    public static final String NAME = "gpt2 (r50k_base)";

    private final Encoding encoding;

    public Gpt2Tokenizer() {
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int[] encode(String text) {
        return encoding.encodeOrdinary(text).toArray();
    }

    @Override
    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }

    /**
     * Token ends come from each token's byte length: the bytes of all tokens are exactly the text's UTF-8, so the
     * running byte count, mapped back to UTF-16, is where each token ends (rounded up to a whole character when a
     * token ends inside one).
     */
    @Override
    public TokenOffsets encodeWithOffsets(String text) {
        int[] ids = encode(text);
        int[] ends = new int[ids.length];
        IntArrayList single = new IntArrayList(1);
        single.add(0);
        Utf8Cursor cursor = new Utf8Cursor(text);
        long tokenBytes = 0;
        for (int i = 0; i < ids.length; i++) {
            single.set(0, ids[i]);
            tokenBytes += encoding.decodeBytes(single).length;
            ends[i] = cursor.charIndexAt(tokenBytes);
        }
        return new TokenOffsets(ids, ends);
    }

    @Override
    public String decode(int[] ids) {
        IntArrayList list = new IntArrayList(ids.length);
        for (int id : ids) {
            list.add(id);
        }
        return encoding.decode(list);
    }

    @Override
    public String toString() {
        return "Gpt2Tokenizer[" + NAME + "]";
    }
}

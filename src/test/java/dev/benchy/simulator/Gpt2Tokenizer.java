package dev.benchy.simulator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.benchy.core.prompt.Tokenizer;

/** GPT-2's byte-level BPE (r50k, bundled with JTokkit, offline): a real subword tokenizer for the simulator tests. */
final class Gpt2Tokenizer implements Tokenizer {

    private final Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);

    @Override
    public String name() {
        return "gpt2 (r50k_base)";
    }

    @Override
    public int[] encode(String text) {
        return encoding.encodeOrdinary(text).toArray();
    }

    @Override
    public String decode(int[] ids) {
        IntArrayList list = new IntArrayList(ids.length);
        for (int id : ids) {
            list.add(id);
        }
        return encoding.decode(list);
    }
}

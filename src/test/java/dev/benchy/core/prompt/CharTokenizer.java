package dev.benchy.core.prompt;

/**
 * A test tokenizer with one token per code point, so every count is exact and every window's text is known:
 * {@link #withOffsets()} reports offsets (windows are cut), {@link #decodingOnly()} does not (windows are decoded).
 */
final class CharTokenizer implements Tokenizer {

    static final String NAME = "one token per character";

    private CharTokenizer() {
    }

    static Tokenizer decodingOnly() {
        return new CharTokenizer();
    }

    static OffsetTokenizer withOffsets() {
        CharTokenizer chars = new CharTokenizer();
        return new OffsetTokenizer() {
            @Override
            public TokenOffsets encodeWithOffsets(String text) {
                int[] ids = chars.encode(text);
                int[] ends = new int[ids.length];
                int index = 0;
                for (int i = 0; i < ids.length; i++) {
                    index += Character.charCount(ids[i]);
                    ends[i] = index;
                }
                return new TokenOffsets(ids, ends);
            }

            @Override
            public String name() {
                return chars.name();
            }

            @Override
            public int[] encode(String text) {
                return chars.encode(text);
            }

            @Override
            public String decode(int[] ids) {
                return chars.decode(ids);
            }
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int[] encode(String text) {
        return text.codePoints().toArray();
    }

    @Override
    public String decode(int[] ids) {
        return new String(ids, 0, ids.length);
    }
}

package dev.benchy.tokenizer;

/**
 * Walks a Java string forward in UTF-8 bytes and tells the UTF-16 index that a byte position falls at, rounded up to
 * the end of the character it is in. Tokenizers that count bytes (byte-level BPE, llama.cpp's pieces, TGI's offsets)
 * report where a token ends in bytes; a {@link dev.benchy.core.prompt.TokenOffsets} wants it in UTF-16 units.
 *
 * <p>Positions must be asked in non-decreasing order. A lone surrogate counts as one byte, as Java writes it ('?').
 * Not thread-safe: one cursor per text.
 */
final class Utf8Cursor {

    private final String text;
    private int chars;
    private long bytes;

    Utf8Cursor(String text) {
        this.text = text;
    }

    /**
     * The UTF-16 index just past the character that contains byte {@code byteEnd - 1}: the whole character goes
     * with the token that ends inside it.
     */
    int charIndexAt(long byteEnd) {
        while (bytes < byteEnd && chars < text.length()) {
            int codePoint = text.codePointAt(chars);
            bytes += utf8Length(codePoint);
            chars += Character.charCount(codePoint);
        }
        return chars;
    }

    static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            return 1; // a lone surrogate becomes '?' when Java writes UTF-8
        }
        if (codePoint < 0x10000) {
            return 3;
        }
        return 4;
    }
}

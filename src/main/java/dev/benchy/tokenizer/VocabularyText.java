package dev.benchy.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The bytes a token stands for, from its vocabulary string as Hugging Face tokenizers spell it (vLLM's
 * {@code token_strs}). Two spellings cover the models served today:
 * <ul>
 *   <li>byte-level BPE (GPT-2, Llama 3, Qwen, Mistral Nemo …) writes every byte as a printable character: a space is
 *       {@code Ġ}, a line break {@code Ċ}, a byte of a longer character one of 256 stand-ins;</li>
 *   <li>SentencePiece-style vocabularies (Llama 2, Mistral 7B, Gemma …) write a space as {@code ▁} and a byte that
 *       has no token of its own as {@code <0xE2>}.</li>
 * </ul>
 * Which one a list uses is read from the list itself: a {@code ▁} or a byte token means SentencePiece; strings made
 * only of byte-level stand-ins mean byte-level; anything else is taken as plain text.
 */
final class VocabularyText {

    private static final char METASPACE = '\u2581';
    private static final Pattern BYTE_TOKEN = Pattern.compile("<0x[0-9A-Fa-f]{2}>");
    /** The byte each byte-level stand-in character stands for, or -1. */
    private static final int[] BYTE_OF = byteLevelTable();

    private VocabularyText() {
    }

    static List<byte[]> bytes(List<String> tokens) {
        Spelling spelling = spelling(tokens);
        List<byte[]> bytes = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            bytes.add(token == null ? null : spelling.decode(token));
        }
        return bytes;
    }

    enum Spelling {
        BYTE_LEVEL {
            @Override
            byte[] decode(String token) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
                for (int i = 0; i < token.length(); i++) {
                    char c = token.charAt(i);
                    int b = c < BYTE_OF.length ? BYTE_OF[c] : -1;
                    if (b >= 0) {
                        out.write(b);
                    } else {
                        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                    }
                }
                return out.toByteArray();
            }
        },
        SENTENCEPIECE {
            @Override
            byte[] decode(String token) {
                if (BYTE_TOKEN.matcher(token).matches()) {
                    return new byte[] {(byte) Integer.parseInt(token.substring(3, 5), 16)};
                }
                return token.replace(METASPACE, ' ').getBytes(StandardCharsets.UTF_8);
            }
        },
        PLAIN {
            @Override
            byte[] decode(String token) {
                return token.getBytes(StandardCharsets.UTF_8);
            }
        };

        abstract byte[] decode(String token);
    }

    static Spelling spelling(List<String> tokens) {
        boolean byteLevel = true;
        for (String token : tokens) {
            if (token == null) {
                continue;
            }
            if (token.indexOf(METASPACE) >= 0 || BYTE_TOKEN.matcher(token).matches()) {
                return Spelling.SENTENCEPIECE;
            }
            for (int i = 0; i < token.length() && byteLevel; i++) {
                char c = token.charAt(i);
                byteLevel = c < BYTE_OF.length && BYTE_OF[c] >= 0;
            }
        }
        return byteLevel ? Spelling.BYTE_LEVEL : Spelling.PLAIN;
    }

    /**
     * GPT-2's byte-to-character map, inverted: printable Latin-1 characters stand for themselves, and the 68 bytes
     * that are not printable (controls, space, soft hyphen …) are moved, in order, to U+0100 and on.
     */
    private static int[] byteLevelTable() {
        int[] byteOf = new int[256 + 68];
        java.util.Arrays.fill(byteOf, -1);
        int moved = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            byteOf[printable ? b : 256 + moved++] = b;
        }
        return byteOf;
    }
}

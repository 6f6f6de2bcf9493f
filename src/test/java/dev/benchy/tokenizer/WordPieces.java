package dev.benchy.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tokenizer the fake servers in the tests use: simple enough that a test knows every count, shaped like the
 * real ones where it matters. A token is a run of whitespace followed by up to {@value #CHUNK} ASCII characters of a
 * word (so long words split in pieces, and a token carries its leading whitespace as byte-level BPE does); a
 * non-ASCII character becomes one token per UTF-8 byte (as byte fallback does). Token ids are stable for the life of
 * the process: {@value #BOS} is the beginning-of-sequence token, 3 + b the byte b, and words count from 1000.
 *
 * <p>Cutting a text at token boundaries and tokenising a piece again gives the same tokens, so a test can assert
 * exact window counts.
 */
public final class WordPieces {

    /** Longest ASCII run in one token. */
    public static final int CHUNK = 6;
    /** The beginning-of-sequence token, added when a server is asked for special tokens. */
    public static final int BOS = 1;

    private static final Map<String, Integer> IDS = new ConcurrentHashMap<>();
    private static final Map<Integer, String> WORDS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger(1000);

    /** One token: its id, its bytes and where they are in the UTF-8 of the text ([start, stop)). */
    public record Token(int id, byte[] bytes, int start, int stop, boolean partOfCharacter) {

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private WordPieces() {
    }

    public static List<Token> tokenize(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < utf8.length) {
            int start = i;
            while (i < utf8.length && isSpace(utf8[i])) {
                i++;
            }
            if (i == utf8.length || utf8[i] < 0) {
                if (i > start) {
                    tokens.add(word(utf8, start, i));
                }
                if (i < utf8.length) {
                    int length = sequenceLength(utf8[i]);
                    for (int k = 0; k < length && i < utf8.length; k++, i++) {
                        tokens.add(new Token(3 + (utf8[i] & 0xFF), new byte[] {utf8[i]}, i - k, i - k + length,
                                true));
                    }
                }
                continue;
            }
            int chars = 0;
            while (i < utf8.length && utf8[i] >= 0 && !isSpace(utf8[i]) && chars < CHUNK) {
                i++;
                chars++;
            }
            tokens.add(word(utf8, start, i));
        }
        return tokens;
    }

    public static int count(String text) {
        return tokenize(text).size();
    }

    public static int[] ids(List<Token> tokens) {
        return tokens.stream().mapToInt(Token::id).toArray();
    }

    /** The bytes of {@code ids}, decoded leniently (a byte token alone becomes U+FFFD). */
    public static String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id >= 3 && id < 259) {
                out.write(id - 3);
            } else if (WORDS.containsKey(id)) {
                out.writeBytes(WORDS.get(id).getBytes(StandardCharsets.UTF_8));
            } else if (id != BOS) {
                throw new IllegalArgumentException("no token has id " + id);
            }
        }
        return lenient(out.toByteArray());
    }

    private static Token word(byte[] utf8, int start, int end) {
        String text = new String(utf8, start, end - start, StandardCharsets.UTF_8);
        return new Token(idOf(text), java.util.Arrays.copyOfRange(utf8, start, end), start, end, false);
    }

    /** The id of a word piece (allocated on first sight). */
    public static int idOf(String piece) {
        return IDS.computeIfAbsent(piece, p -> {
            int id = NEXT.getAndIncrement();
            WORDS.put(id, p);
            return id;
        });
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }

    private static String lenient(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }
}

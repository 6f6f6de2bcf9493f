package dev.benchy.tokenizer;

import dev.benchy.core.prompt.GeneratedText;
import dev.benchy.core.prompt.TokenOffsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuggingFaceTokenizerTest {

    /** Ids in the fixture: bytes are their own ids, merges follow in order (see the fixture's README). */
    private static final int THE = 258;

    private static HuggingFaceTokenizer tokenizer;

    static Path fixtureFile() {
        try {
            return Path.of(HuggingFaceTokenizerTest.class.getResource("/tokenizer/tokenizer.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void load() throws IOException {
        tokenizer = HuggingFaceTokenizer.fromFile(fixtureFile(), "fixture/tokenizer.json");
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void isNamedAsGiven() {
        assertEquals("fixture/tokenizer.json", tokenizer.name());
    }

    @Test
    void encodesWithoutSpecialTokens() {
        assertArrayEquals(new int[] {THE, THE}, tokenizer.encode(" the the"));
        assertArrayEquals(new int[] {'a', 'b', 'c'}, tokenizer.encode("abc"));
        assertArrayEquals(new int[0], tokenizer.encode(""));
    }

    @Test
    void loadsFromTheFolderAsFromTheFile() throws IOException {
        try (HuggingFaceTokenizer fromFolder = HuggingFaceTokenizer.fromFile(fixtureFile().getParent(), "folder")) {
            String text = GeneratedText.text(3_000);

            assertEquals("folder", fromFolder.name());
            assertArrayEquals(tokenizer.encode(text), fromFolder.encode(text));
        }
    }

    @Test
    void encodesLongTextsWithoutTruncation() {
        String text = GeneratedText.text(6_000);
        int[] ids = tokenizer.encode(text);

        assertTrue(ids.length > 2_000, () -> "only " + ids.length + " tokens");
        assertEquals(text, tokenizer.decode(ids));
        assertEquals(ids.length, tokenizer.encodeWithOffsets(text).ids().length);
    }

    @Test
    void aTokenizerConfigWithAShortMaximumDoesNotTruncateEither(@TempDir Path dir) throws IOException {
        // DJL's own defaults cut at 512 tokens; a tokenizer_config.json beside the file must not bring a limit back
        Files.copy(fixtureFile(), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 16}");
        String text = GeneratedText.text(6_000);

        try (HuggingFaceTokenizer configured = HuggingFaceTokenizer.fromFile(dir, "configured")) {
            assertArrayEquals(tokenizer.encode(text), configured.encode(text));
        }
    }

    @Test
    void encodesConcurrently() throws Exception {
        String text = GeneratedText.text(20_000);
        int[] expected = tokenizer.encode(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> tokenizer.encode(text)));
            }
            for (Future<int[]> result : results) {
                assertArrayEquals(expected, result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void roundTripsAnyText() {
        String text = "Caf\u00e9 \u2014 na\u00efve \uD834\uDD1E clef,\r\n\ttabs  and  spaces <|endoftext|> \u65e5\u672c";

        assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
    }

    @Test
    void offsetsAreUtf16EndsEvenForSupplementaryCharacters() {
        // a, the four bytes of U+1D11E (two UTF-16 units), b: the four byte tokens all end after the character
        TokenOffsets offsets = tokenizer.encodeWithOffsets("a\uD834\uDD1Eb");

        assertArrayEquals(new int[] {'a', 0xF0, 0x9D, 0x84, 0x9E, 'b'}, offsets.ids());
        assertArrayEquals(new int[] {1, 3, 3, 3, 3, 4}, offsets.ends());
    }

    @Test
    void offsetsCutTheTextWhereTheTokensDo() {
        String text = GeneratedText.text(2_000);
        TokenOffsets offsets = tokenizer.encodeWithOffsets(text);
        int[] ids = offsets.ids();
        int[] ends = offsets.ends();

        assertEquals(text.length(), ends[ends.length - 1]);
        for (int i = 1; i < ids.length; i += 37) {
            int from = ends[i - 1];
            int to = ends[Math.min(ids.length - 1, i + 50)];
            assertEquals(text.substring(from, to), tokenizer.decode(Arrays.copyOfRange(ids, i,
                    Math.min(ids.length, i + 51))), "window at token " + i);
        }
    }

    @Test
    void aMissingFileIsAnIoError(@TempDir Path dir) {
        IOException missing = assertThrows(IOException.class,
                () -> HuggingFaceTokenizer.fromFile(dir, "empty folder"));
        assertEquals("no tokenizer.json at " + dir.resolve("tokenizer.json"), missing.getMessage());
    }

    @Test
    void anInvalidFileIsAnIoError(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 42}");

        assertThrows(IOException.class, () -> HuggingFaceTokenizer.fromFile(broken, "broken"));
    }
}

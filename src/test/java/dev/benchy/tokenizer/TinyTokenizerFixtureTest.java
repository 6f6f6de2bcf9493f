package dev.benchy.tokenizer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The committed {@code tokenizer.json} fixture is exactly what {@link TinyTokenizerJson} makes, so it cannot drift
 * from its documented recipe. Run with {@code -Dbenchy.fixtures.update=true} to rewrite it.
 */
class TinyTokenizerFixtureTest {

    private static final Path FIXTURE = Path.of("src/test/resources/tokenizer/tokenizer.json");

    @Test
    void theFixtureIsWhatTheGeneratorMakes() throws IOException {
        String generated = TinyTokenizerJson.json();
        if (Boolean.getBoolean("benchy.fixtures.update")) {
            Files.writeString(FIXTURE, generated, StandardCharsets.UTF_8);
        }

        assertEquals(generated, Files.readString(FIXTURE, StandardCharsets.UTF_8));
    }

    @Test
    void theVocabularyIsTheByteSymbolsPlusOneEntryPerMerge() throws IOException {
        String json = TinyTokenizerJson.json();
        int entries = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).at("/model/vocab").size();

        assertEquals(256 + TinyTokenizerJson.MERGES, entries);
        assertEquals("Ġ", TinyTokenizerJson.byteSymbols()[' ']);
        assertEquals("Ċ", TinyTokenizerJson.byteSymbols()['\n']);
        assertEquals("a", TinyTokenizerJson.byteSymbols()['a']);
    }
}

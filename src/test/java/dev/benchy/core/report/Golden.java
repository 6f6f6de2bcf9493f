package dev.benchy.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files: the expected output of a writer, kept in {@code src/test/resources/golden/} and compared exactly.
 * After an intended change of output, run the tests once with {@code -Dgolden.update=true}: the files are then
 * rewritten from the actual output instead of compared (review the diff before committing them).
 */
public final class Golden {

    private static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    public static void assertMatches(String fileName, String actual) throws IOException {
        Path file = DIRECTORY.resolve(fileName);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIRECTORY);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(file), () -> "golden file " + file.toAbsolutePath()
                + " must exist, but was missing; run once with -Dgolden.update=true to create it");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "output differs from " + file);
    }
}

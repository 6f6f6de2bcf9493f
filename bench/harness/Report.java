package harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Markdown a harness prints as it goes, kept to be written to a file at the end (--out). */
final class Report {

    private final StringBuilder text = new StringBuilder();

    /** Prints a section (and a blank line after it) and keeps it. */
    void print(String section) {
        System.out.println(section);
        text.append(section).append('\n');
    }

    void writeTo(Path file) throws IOException {
        Files.writeString(file, text);
    }
}

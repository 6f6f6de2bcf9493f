package dev.benchy.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The result formats of {@code bench}, as llama-benchy's {@code --format}. */
enum OutputFormat {
    MD, JSON, CSV, HTML;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OutputFormat parse(String value) {
        for (OutputFormat f : values()) {
            if (f.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("--format must be one of "
                + Arrays.stream(values()).map(OutputFormat::id).collect(Collectors.joining(", "))
                + ", but was " + value);
    }
}

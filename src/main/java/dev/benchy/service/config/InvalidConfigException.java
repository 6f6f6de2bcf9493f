package dev.benchy.service.config;

import java.util.LinkedHashSet;
import java.util.List;

/** The configuration cannot be used; each problem names the key and the value. */
public final class InvalidConfigException extends RuntimeException {

    private final List<String> problems;

    /** @param problems each problem once (a repeated one is listed once) */
    public InvalidConfigException(List<String> problems) {
        super("Invalid benchy configuration:\n  - " + String.join("\n  - ", distinct(problems)));
        this.problems = distinct(problems);
    }

    private static List<String> distinct(List<String> problems) {
        return List.copyOf(new LinkedHashSet<>(problems));
    }

    public List<String> problems() {
        return problems;
    }
}

package harness;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A program's command line: {@code --name value} pairs and {@code --no-name} flags, each name one the program knows.
 * A bad value is named with the option ("--runs: must be a whole number, but was x").
 */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code args}; {@code known} lists the names without "--" (a name starting "no-" is a flag). */
    static Options parse(String[] args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (!args[i].startsWith("--") || !known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + " (known: --"
                        + String.join(", --", new TreeSet<>(known)) + ")");
            }
            if (name.startsWith("no-")) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + ": needs a value");
            }
        }
        return new Options(values);
    }

    /** A program's body, which may throw. */
    interface Program {
        void run() throws Exception;
    }

    /**
     * Runs {@code program}; bad input (an {@link IllegalArgumentException}: an unknown option, a value that is not a
     * number) ends the process with its message and exit code 2 instead of a stack trace.
     */
    static void exitOnBadInput(Program program) throws Exception {
        try {
            program.run();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int whole(String name, int fallback) {
        return parsed(name, Integer.toString(fallback), Integer::parseInt, "a whole number");
    }

    double number(String name, double fallback) {
        return parsed(name, Double.toString(fallback), Double::parseDouble, "a number");
    }

    /** A comma-separated list of whole numbers, e.g. --runs 1,3. */
    List<Integer> wholes(String name, String fallback) {
        return parsed(name, fallback, text -> Arrays.stream(text.split(",")).map(v -> Integer.parseInt(v.trim()))
                .toList(), "whole numbers separated by commas");
    }

    private <T> T parsed(String name, String fallback, Function<String, T> parser, String what) {
        String text = text(name, fallback);
        try {
            return parser.apply(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": must be " + what + ", but was " + text);
        }
    }

    /** A list of words given as one option value, e.g. JVM options: --bench-java-options "-Xmx256m -Dx=y". */
    List<String> words(String name) {
        String value = text(name, "").trim();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }
}

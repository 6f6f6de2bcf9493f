package dev.benchy.service.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the configuration's text values as numbers, durations, switches and paths. A value that is not one is not
 * thrown: it is added to the problems, named by key with the accepted forms ({@code benchy.targets.vllm.plan.runs:
 * must be a whole number, but was abc}), and read as absent, so that every problem of a file is found in one pass.
 */
final class ConfigValues {

    static final String DURATION_FORMS = "a duration such as 30s, 15m, 1h or 1h30m";

    /** {@code 1h30m}, {@code 15m}, {@code 500ms}, {@code 2d}: whole numbers with units, largest first. */
    private static final Pattern DURATION =
            Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

    private final List<String> problems;

    /** @param problems where problems are added */
    ConfigValues(List<String> problems) {
        this.problems = problems;
    }

    List<String> problems() {
        return problems;
    }

    void problem(String text) {
        problems.add(text);
    }

    Optional<Integer> wholeNumber(String key, Optional<String> raw) {
        return whole(key, raw, Integer.MIN_VALUE, Integer.MAX_VALUE).map(Long::intValue);
    }

    Optional<Long> longNumber(String key, Optional<String> raw) {
        return whole(key, raw, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private Optional<Long> whole(String key, Optional<String> raw, long min, long max) {
        return raw.flatMap(v -> {
            Long n = parseWhole(v, min, max);
            if (n == null) {
                problems.add(key + ": must be a whole number, but was " + v.strip());
            }
            return Optional.ofNullable(n);
        });
    }

    /** A list of whole numbers: each value that is not one is a problem of its own. */
    Optional<List<Integer>> wholeNumbers(String key, Optional<List<String>> raw) {
        return raw.flatMap(values -> {
            List<Integer> numbers = new ArrayList<>(values.size());
            boolean ok = true;
            for (String v : values) {
                Long n = parseWhole(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
                if (n == null) {
                    problems.add(key + ": values must be whole numbers, but was " + v.strip());
                    ok = false;
                } else {
                    numbers.add(n.intValue());
                }
            }
            return ok ? Optional.of(numbers) : Optional.empty();
        });
    }

    Optional<Boolean> trueOrFalse(String key, Optional<String> raw) {
        return raw.flatMap(v -> {
            switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on":
                    return Optional.of(true);
                case "false", "no", "off":
                    return Optional.of(false);
                default:
                    problems.add(key + ": must be true or false, but was " + v.strip());
                    return Optional.empty();
            }
        });
    }

    Optional<Duration> duration(String key, Optional<String> raw) {
        return raw.flatMap(v -> {
            Duration d = parseDuration(v.strip());
            if (d == null) {
                problems.add(key + ": must be " + DURATION_FORMS + ", but was " + v.strip());
                return Optional.empty();
            }
            return Optional.of(d);
        });
    }

    Optional<Path> path(String key, String raw) {
        try {
            return Optional.of(Path.of(raw.strip()));
        } catch (InvalidPathException e) {
            problems.add(key + ": must be a path, but was " + raw + " (" + e.getReason() + ")");
            return Optional.empty();
        }
    }

    private static Long parseWhole(String text, long min, long max) {
        String t = text.strip();
        if (!WHOLE.matcher(t).matches()) {
            return null;
        }
        try {
            long n = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * {@code 30s}, {@code 15m}, {@code 1h30m}, {@code 500ms}, {@code 2d}; a plain number is seconds and ISO-8601
     * ({@code PT15M}) is read too, as Quarkus reads durations. Null when the text is none of these.
     */
    static Duration parseDuration(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (WHOLE.matcher(text).matches()) {
            Long seconds = parseWhole(text, Long.MIN_VALUE, Long.MAX_VALUE);
            return seconds == null ? null : Duration.ofSeconds(seconds);
        }
        if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        try {
            Duration d = Duration.ZERO;
            d = d.plusDays(part(m.group(1))).plusHours(part(m.group(2))).plusMinutes(part(m.group(3)))
                    .plusSeconds(part(m.group(4))).plusMillis(part(m.group(5)));
            return d;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static long part(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}

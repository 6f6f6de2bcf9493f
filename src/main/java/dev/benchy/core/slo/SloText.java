package dev.benchy.core.slo;

import dev.benchy.core.report.SloThreshold;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Service-level limits as people write them, in the configuration and in {@code bench --slo}: times as durations
 * ({@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}), speeds as tokens per second ({@code 40}), the error rate as a
 * fraction ({@code 0.01}) or a percentage ({@code 1%}). Each is read into the report's unit ({@link SloThreshold});
 * a wrong value gives a message saying what was expected and what was given, for the caller to prefix with the key
 * or flag.
 */
public final class SloText {

    private static final String NUMBER = "(\\d+(?:\\.\\d*)?|\\.\\d+)";
    private static final Pattern DURATION = Pattern.compile(NUMBER + "\\s*(ms|s|m)");
    private static final Pattern PLAIN = Pattern.compile(NUMBER);
    private static final Pattern PERCENT = Pattern.compile(NUMBER + "\\s*%");

    private SloText() {
    }

    /** The threshold a configuration key or {@code --slo} name stands for ({@code tg-min}), if any. */
    public static Optional<SloThreshold> threshold(String key) {
        return Arrays.stream(SloThreshold.values()).filter(t -> t.key().equals(key)).findFirst();
    }

    /** The keys, as a message lists them: {@code ttfr, e2e-ttft, pp-min, tg-min, error-rate}. */
    public static String keys() {
        return Arrays.stream(SloThreshold.values()).map(SloThreshold::key).collect(Collectors.joining(", "));
    }

    /**
     * One limit in the threshold's unit.
     *
     * @throws IllegalArgumentException "must be …, but was X", without the key
     */
    public static double limit(SloThreshold threshold, String text) {
        String value = text == null ? "" : text.strip();
        return switch (threshold) {
            case TTFR, E2E_TTFT -> millis(value);
            case PP_MIN, TG_MIN -> tokensPerSecond(value);
            case ERROR_RATE -> fraction(value);
        };
    }

    /**
     * Limits written as {@code name=value} pairs separated by commas: {@code ttfr=500ms,tg-min=40,error-rate=1%}.
     *
     * @throws IllegalArgumentException naming the pair or the key that is wrong
     */
    public static Map<SloThreshold, Double> limits(String text) {
        Map<SloThreshold, Double> limits = new EnumMap<>(SloThreshold.class);
        for (String pair : (text == null ? "" : text).split(",", -1)) {
            String[] parts = pair.split("=", 2);
            Optional<SloThreshold> threshold = parts.length == 2 ? threshold(parts[0].strip()) : Optional.empty();
            if (threshold.isEmpty()) {
                throw new IllegalArgumentException("each limit must be NAME=VALUE with NAME one of " + keys()
                        + ", but was '" + pair.strip() + "'");
            }
            try {
                limits.put(threshold.get(), limit(threshold.get(), parts[1]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(threshold.get().key() + ": " + e.getMessage(), e);
            }
        }
        return limits;
    }

    private static double millis(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a duration such as 500ms or 2s, but was " + value);
        }
        double number = Double.parseDouble(m.group(1));
        double ms = switch (m.group(2)) {
            case "ms" -> number;
            case "s" -> number * 1000;
            default -> number * 60_000;
        };
        if (!(ms > 0) || Double.isInfinite(ms)) {
            throw new IllegalArgumentException("must be a duration above 0, such as 500ms or 2s, but was " + value);
        }
        return ms;
    }

    private static double tokensPerSecond(String value) {
        double rate = PLAIN.matcher(value).matches() ? Double.parseDouble(value) : Double.NaN;
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("must be a number of tokens per second above 0, such as 40, but was "
                    + value);
        }
        return rate;
    }

    private static double fraction(String value) {
        Matcher percent = PERCENT.matcher(value);
        double rate = percent.matches() ? Double.parseDouble(percent.group(1)) / 100
                : PLAIN.matcher(value).matches() ? Double.parseDouble(value) : Double.NaN;
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("must be a fraction from 0 to 1 or a percentage such as 1%, but was "
                    + value);
        }
        return rate;
    }
}

package dev.benchy.service.config;

import java.time.Duration;

/** Durations as people write them in the configuration: {@code 30s}, {@code 15m}, {@code 1h30m}, {@code 500ms}. */
public final class DurationText {

    private DurationText() {
    }

    public static String of(Duration d) {
        if (d.isNegative()) {
            return "-" + of(d.negated());
        }
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int millis = d.toMillisPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0) {
            out.append(seconds).append('s');
        }
        if (millis > 0) {
            out.append(millis).append("ms");
        }
        return out.length() == 0 ? d.toNanos() + "ns" : out.toString();
    }
}

package dev.benchy.core.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the network latency that is subtracted from ttfr (giving est_ppt) is measured. */
public enum LatencyMode {
    /** Time to the first byte of {@code GET /models}. */
    API,
    /** Time to the first event of a one-token streaming completion. */
    GENERATION,
    /** No latency correction: est_ppt equals ttfr. */
    NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LatencyMode parse(String value) {
        for (LatencyMode mode : values()) {
            if (mode.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("latency mode must be one of "
                + Arrays.stream(values()).map(LatencyMode::id).collect(Collectors.joining(", "))
                + ", but was " + value);
    }
}

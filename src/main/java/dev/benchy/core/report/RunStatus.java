package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a benchmark run ended. */
public enum RunStatus {
    /** Every test ran and at least one request of each succeeded. */
    OK,
    /** The run finished but some requests or tests failed. */
    PARTIAL,
    /** The run stopped on an error (coherence failure, exit-on-first-fail, no request succeeded...). */
    FAILED,
    /** The run was interrupted (Ctrl-C, shutdown) before it finished. */
    CANCELLED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

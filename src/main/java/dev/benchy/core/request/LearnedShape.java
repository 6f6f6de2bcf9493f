package dev.benchy.core.request;

import java.util.Objects;

/**
 * The request shape of one target as learned so far: it starts as configured and loses each optional field the
 * server refuses, for as long as this object lives (one run on the command line, the service's life for a
 * configured target). Safe to share between threads.
 */
public final class LearnedShape {

    private final RequestShape configured;
    private volatile RequestShape current;

    public LearnedShape(RequestShape configured) {
        this.configured = Objects.requireNonNull(configured, "configured");
        this.current = configured;
    }

    /** The shape as configured, before anything was learned. */
    public RequestShape configured() {
        return configured;
    }

    /** The shape to send now. */
    public RequestShape current() {
        return current;
    }

    /**
     * Stops sending {@code field}, refused by the server for {@code reason}.
     *
     * @return true when this is news (the field was still being sent)
     */
    public synchronized boolean drop(OptionalField field, String reason) {
        if (current.dropped().containsKey(field)) {
            return false;
        }
        current = current.dropping(field, reason);
        return true;
    }
}

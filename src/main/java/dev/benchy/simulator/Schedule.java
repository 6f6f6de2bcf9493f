package dev.benchy.simulator;

/**
 * When each event of one response is due, on an absolute timeline, so that late timers never accumulate drift.
 * Prefill ends {@code uncached / ppSpeed} after arrival; the first token event is due right then (the prefill pass
 * yields the first token, as on a real server) and event {@code i} is due {@code i / tgSpeed} after the first. The
 * time to the first token is therefore the prefill time, and the decode rate measured from the first to the last
 * event is exactly {@code tgSpeed} events/s.
 *
 * <p>A stream anchors the decode offsets at the moment its first token actually went out, so a first token that is
 * late (a busy machine, a slow tokenizer) delays the whole decode instead of bursting the backlog afterwards, which
 * would inflate the measured decode rate.
 *
 * @param arrivalNanos    when the request arrived
 * @param prefillEndNanos when prompt processing ends and the first token event is due
 * @param stepsPerSecond  decode steps (events) per second
 * @param tokensPerStep   tokens per event (MTP); the last event may carry fewer
 * @param tokens          tokens generated in all
 */
record Schedule(long arrivalNanos, long prefillEndNanos, double stepsPerSecond, int tokensPerStep, int tokens) {

    private static final double NANOS_PER_SECOND = 1e9;

    static Schedule of(long arrivalNanos, int uncachedPromptTokens, int tokens, SimulatorSettings settings) {
        long prefill = Math.round(uncachedPromptTokens * NANOS_PER_SECOND / settings.ppSpeed());
        return new Schedule(arrivalNanos, arrivalNanos + prefill, settings.tgSpeed(), settings.mtp(), tokens);
    }

    int events() {
        return (tokens + tokensPerStep - 1) / tokensPerStep;
    }

    /** When {@code event} is due if the first token goes out on time. */
    long dueNanos(int event) {
        return prefillEndNanos + decodeOffsetNanos(event);
    }

    /** How long after the first token event {@code event} is due. */
    long decodeOffsetNanos(int event) {
        return Math.round(event * NANOS_PER_SECOND / stepsPerSecond);
    }

    long lastDueNanos() {
        return dueNanos(events() - 1);
    }

    /** Position in the generated stream of the first token of {@code event}. */
    int firstToken(int event) {
        return event * tokensPerStep;
    }

    int tokensIn(int event) {
        return Math.min(tokens, firstToken(event) + tokensPerStep) - firstToken(event);
    }
}

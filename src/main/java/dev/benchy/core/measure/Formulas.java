package dev.benchy.core.measure;

import dev.benchy.core.stream.RequestTrace;

import java.util.OptionalDouble;

/**
 * Every per-request and per-batch formula, each a small static function, so each number in a report has one
 * definition and one test. Durations are seconds, rates tokens per second; an undefined value is absent, never
 * 0 or NaN.
 */
public final class Formulas {

    public static final double NANOS_PER_SECOND = 1_000_000_000.0;

    /** A server prompt-token count is trusted only when it is less than this fraction away from the expected one. */
    public static final double PROMPT_TOKEN_TOLERANCE = 0.2;

    private Formulas() {
    }

    /** The time from {@code fromNanos} to {@code toNanos}, in seconds (the long difference is exact). */
    public static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / NANOS_PER_SECOND;
    }

    /** Time to first response: start to the first event with a non-empty {@code choices}; absent when none came. */
    public static OptionalDouble ttfr(RequestTrace trace) {
        return since(trace.startNanos(), trace.firstResponseNanos());
    }

    /** End-to-end time to first token: start to the first event carrying content, reasoning or a tool call. */
    public static OptionalDouble e2eTtft(RequestTrace trace) {
        return since(trace.startNanos(), trace.firstTokenNanos());
    }

    /** Time to first content: start to the first event carrying non-reasoning content or a tool call. */
    public static OptionalDouble contentTtft(RequestTrace trace) {
        return since(trace.startNanos(), trace.firstContentNanos());
    }

    /** Request latency: start to the end of the response body; absent when the end was not recorded. */
    public static OptionalDouble requestLatency(RequestTrace trace) {
        return since(trace.startNanos(), trace.endNanos());
    }

    /**
     * The gaps between consecutive content events, seconds, in arrival order: one fewer than the events. It is what
     * a client can observe of inter-token latency; like vLLM's, one gap per streamed output, whatever the number of
     * tokens the output carried. Events completed by the same network read share its time, so their gap is 0.
     */
    public static double[] eventGaps(RequestTrace trace) {
        long[] events = trace.eventNanos();
        double[] gaps = new double[Math.max(0, events.length - 1)];
        for (int i = 1; i < events.length; i++) {
            gaps[i - 1] = seconds(events[i - 1], events[i]);
        }
        return gaps;
    }

    /**
     * Estimated prompt-processing time: ttfr minus the network latency, as llama-benchy's README defines it.
     * It is clamped at 0 when the latency exceeds ttfr (a latency probe slower than the request): the 0 is still a
     * sample of est_ppt, but {@link #ppRate} gives no pp speed for it, so no infinite rate is averaged in.
     */
    public static double estPpt(double ttfrSeconds, double latencySeconds) {
        return Math.max(0.0, ttfrSeconds - latencySeconds);
    }

    /**
     * Whether {@link #estPpt} clamps: a latency was subtracted and ttfr was not above it. Such a request's est_ppt
     * is 0 and it gives no pp t/s; the row counts these (est_ppt_clamped).
     */
    public static boolean estPptClamped(double ttfrSeconds, double latencySeconds) {
        return latencySeconds > 0 && ttfrSeconds <= latencySeconds;
    }

    /**
     * The prompt-token numerator of pp t/s. As llama-benchy: the expected count, unless the server reported a count
     * above 0 that is less than 20 % away from it ({@code |reported − expected| < 0.2·expected}), then the server's.
     * The rule keeps chat-template overhead in (the server counts it) but rejects counts of another kind, such as
     * depth + pp when only pp new tokens were processed after a cached context.
     *
     * @param serverReported usage.prompt_tokens, or {@link RequestTrace#ABSENT}
     */
    public static int promptTokens(int expected, int serverReported) {
        if (serverReported > 0 && Math.abs(serverReported - expected) < expected * PROMPT_TOKEN_TOLERANCE) {
            return serverReported;
        }
        return expected;
    }

    /**
     * Prompt-processing rate: prompt tokens over the time spent on them; absent when that time is not positive
     * (a clamped est_ppt of 0, or a batch whose first token came at its start).
     */
    public static OptionalDouble ppRate(long promptTokens, double seconds) {
        return seconds > 0 ? OptionalDouble.of(promptTokens / seconds) : OptionalDouble.empty();
    }

    /**
     * Generation rate over an interval: tokens generated after the first token over the interval; absent when
     * either is not positive.
     */
    public static OptionalDouble tgRate(long tokensAfterFirst, double seconds) {
        return tokensAfterFirst > 0 && seconds > 0
                ? OptionalDouble.of(tokensAfterFirst / seconds)
                : OptionalDouble.empty();
    }

    /**
     * How many timestamps lie strictly after the earliest one. Tokens that arrived together with the first are not
     * decode work measured by the interval (a first block of MTP or block streaming), so they are not counted.
     */
    public static int tokensAfterFirst(double[] timestamps) {
        if (timestamps.length == 0) {
            return 0;
        }
        double first = min(timestamps);
        int after = 0;
        for (double t : timestamps) {
            if (t > first) {
                after++;
            }
        }
        return after;
    }

    /**
     * A request's tg t/s: tokens strictly after the first timestamp over (last − first timestamp), as upstream after
     * 0.3.6 (commits 5adb890, ece1fa6). 0.3.6 divided (n − 1) by the time to the end of the body, which counts the
     * finish and usage events and assumes one token in the first event. Absent for fewer than two timestamps or
     * when all share one instant (the whole answer in one chunk has no measurable decode rate).
     */
    public static OptionalDouble tgSpeed(double[] timestamps) {
        if (timestamps.length < 2) {
            return OptionalDouble.empty();
        }
        return tgRate(tokensAfterFirst(timestamps), max(timestamps) - min(timestamps));
    }

    static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static OptionalDouble since(long startNanos, long eventNanos) {
        return eventNanos == RequestTrace.ABSENT
                ? OptionalDouble.empty()
                : OptionalDouble.of(seconds(startNanos, eventNanos));
    }
}

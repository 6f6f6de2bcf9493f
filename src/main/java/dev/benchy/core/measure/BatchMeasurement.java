package dev.benchy.core.measure;

import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.core.stream.RequestTrace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one batch (one run: {@code c} requests in flight together) measured: its successful requests and the
 * batch totals of spec §11.2. Times are seconds since the batch's first start.
 *
 * <p>A batch in which any request failed is partial: its successful requests keep their own figures, but it has no
 * totals and no peak. The failed requests loaded the server during the window too, so their absence from the
 * numerator would understate the server's rate (two of four failed gave half the pp total), and no numerator can
 * count work the client never saw.
 *
 * @param requests  the successful requests, in batch order
 * @param complete  whether every request of the batch succeeded (only then are the totals present)
 * @param ppTotal   Σ prompt tokens / (last first-token − first start): not latency-corrected, as llama-benchy
 * @param tgTotal   Σ tokens after each request's first / (last token − first first-token)
 * @param peakTotal the peak of all the batch's token timestamps merged
 * @param tokens    all the batch's token timestamps merged, ascending (empty for a partial batch)
 */
record BatchMeasurement(
        List<RequestMeasurement> requests,
        boolean complete,
        OptionalDouble ppTotal,
        OptionalDouble tgTotal,
        OptionalDouble peakTotal,
        double[] tokens) {

    /** The batch's measurement, or empty when no request of it succeeded (such a batch contributes nothing). */
    static Optional<BatchMeasurement> of(List<RequestTrace> batch, int expectedPromptTokens, double latencySeconds,
                                         Tokenizer tokenizer) {
        List<RequestTrace> valid = batch.stream().filter(RequestTrace::ok).toList();
        if (valid.isEmpty()) {
            return Optional.empty();
        }
        long origin = valid.stream().mapToLong(RequestTrace::startNanos).min().orElseThrow();
        List<RequestMeasurement> requests = new ArrayList<>(valid.size());
        for (RequestTrace trace : valid) {
            requests.add(RequestMeasurement.of(trace, origin, expectedPromptTokens, latencySeconds, tokenizer));
        }
        if (valid.size() < batch.size()) {
            return Optional.of(new BatchMeasurement(List.copyOf(requests), false, OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), new double[0]));
        }
        double[] merged = merge(requests);
        return Optional.of(new BatchMeasurement(List.copyOf(requests), true, ppTotal(valid, requests, origin),
                tgTotal(requests), Peak.of(merged), merged));
    }

    /** Σ prompt tokens / (latest first token − earliest start); absent when no request produced a first token. */
    static OptionalDouble ppTotal(List<RequestTrace> valid, List<RequestMeasurement> requests, long originNanos) {
        long lastFirstToken = valid.stream().filter(RequestTrace::hasFirstToken)
                .mapToLong(RequestTrace::firstTokenNanos).max().orElse(RequestTrace.ABSENT);
        if (lastFirstToken == RequestTrace.ABSENT) {
            return OptionalDouble.empty();
        }
        long promptTokens = requests.stream().mapToLong(RequestMeasurement::promptTokens).sum();
        return Formulas.ppRate(promptTokens, Formulas.seconds(originNanos, lastFirstToken));
    }

    /** Σ tokens after each request's first token / (latest last token − earliest first token). */
    static OptionalDouble tgTotal(List<RequestMeasurement> requests) {
        long after = 0;
        double firstToken = Double.POSITIVE_INFINITY;
        double lastToken = Double.NEGATIVE_INFINITY;
        for (RequestMeasurement r : requests) {
            double[] stamps = r.timeline().seconds();
            if (stamps.length > 0) {
                after += Formulas.tokensAfterFirst(stamps);
                firstToken = Math.min(firstToken, Formulas.min(stamps));
                lastToken = Math.max(lastToken, Formulas.max(stamps));
            }
        }
        return after == 0 ? OptionalDouble.empty() : Formulas.tgRate(after, lastToken - firstToken);
    }

    private static double[] merge(List<RequestMeasurement> requests) {
        int total = requests.stream().mapToInt(r -> r.timeline().count()).sum();
        double[] merged = new double[total];
        int at = 0;
        for (RequestMeasurement r : requests) {
            double[] stamps = r.timeline().seconds();
            System.arraycopy(stamps, 0, merged, at, stamps.length);
            at += stamps.length;
        }
        Arrays.sort(merged);
        return merged;
    }
}

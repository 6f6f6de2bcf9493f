package dev.benchy.core.run;

import dev.benchy.core.measure.Latency;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.report.LatencyEstimate;
import dev.benchy.core.stream.RequestTrace;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Measures the network latency subtracted from ttfr to estimate prompt-processing time. One discarded warm-up probe
 * (it pays for connection set-up), then {@value #PROBES} probes, of which the median is used
 * ({@link Latency#estimate}). Probes that fail are left out; when none succeeds there is no estimate (the latency
 * is 0) and the report says so.
 */
final class LatencyMeter {

    static final int PROBES = 5;

    private LatencyMeter() {
    }

    /** The estimate, or null when the mode is {@code none} or no probe answered. */
    static LatencyEstimate measure(LatencyMode mode, RequestSender requests, String servedModel,
                                   Consumer<String> warnings) {
        if (mode == LatencyMode.NONE) {
            return null;
        }
        probe(mode, requests, servedModel);
        double[] answered = new double[PROBES];
        int ok = 0;
        String lastError = null;
        for (int i = 0; i < PROBES; i++) {
            try {
                answered[ok] = probe(mode, requests, servedModel);
                ok++;
            } catch (BenchmarkFailure e) {
                lastError = e.getMessage();
            }
        }
        if (ok == 0) {
            warnings.accept(String.format(Locale.ROOT,
                    "Latency (%s) could not be measured (%s); est_ppt equals ttfr", mode.id(), lastError));
            return null;
        }
        return Latency.estimate(Arrays.copyOf(answered, ok), PROBES - ok);
    }

    private static double probe(LatencyMode mode, RequestSender requests, String servedModel) {
        if (mode == LatencyMode.API) {
            return requests.modelsLatencyNanos() / 1e9;
        }
        RequestTrace trace = requests.stream(
                ChatRequest.streamedProbe(servedModel, List.of(Message.user("hello")), 1));
        if (!trace.ok() || trace.firstByteNanos() == RequestTrace.ABSENT) {
            throw new BenchmarkFailure(trace.ok() ? "no response body" : trace.error());
        }
        return (trace.firstByteNanos() - trace.startNanos()) / 1e9;
    }
}

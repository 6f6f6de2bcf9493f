package harness;

import java.util.List;

/**
 * CPU seconds per 1,000 tokens in the steady state of a run's last batch: between two thread samples inside the
 * span where every stream of the batch is decoding (its middle 80 %), over the tokens the server sent in that span
 * (each stream paces its tokens evenly from its first to its last). Both processes stamp with CLOCK_MONOTONIC, so
 * the harness's sample times and the server's stamps share one clock.
 *
 * @param client                 all of the client's threads
 * @param clientWithoutJit       the client's threads without its JIT compiler threads
 * @param server                 all of the server's threads
 * @param serverWithoutJit       the server's threads without its JIT compiler threads
 */
record SteadyCpu(double client, double clientWithoutJit, double server, double serverWithoutJit) {

    /** When the batch is too short to hold two samples. */
    static final SteadyCpu UNMEASURED = new SteadyCpu(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static SteadyCpu of(BenchRun run) {
        List<ServedBatch> batches = run.batches();
        ServedBatch batch = batches.get(batches.size() - 1);
        long from = batch.latest(StampedStream::firstTokenNanos);
        long to = batch.earliest(StampedStream::lastTokenNanos);
        long margin = (to - from) / 10;
        ThreadSample[] c = ThreadSample.within(run.clientThreads(), from + margin, to - margin);
        ThreadSample[] s = ThreadSample.within(run.serverThreads(), from + margin, to - margin);
        if (c == null || s == null) {
            return UNMEASURED;
        }
        double client = perThousandTokens(batch, c);
        double server = perThousandTokens(batch, s);
        return new SteadyCpu(c[0].cpuTo(c[1], false) * client, c[0].cpuTo(c[1], true) * client,
                s[0].cpuTo(s[1], false) * server, s[0].cpuTo(s[1], true) * server);
    }

    /** Seconds per tick per 1,000 tokens the batch sent between the two samples. */
    private static double perThousandTokens(ServedBatch batch, ThreadSample[] window) {
        return 1000 / batch.tokensBetween(window[0].nanos(), window[1].nanos()) / ProcFs.TICKS_PER_SECOND;
    }
}

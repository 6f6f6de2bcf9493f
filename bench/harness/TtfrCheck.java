package harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * TTFR at concurrency 1 in a warm client: a fresh simulator first serves 256 short requests (16 x 16), so its
 * once-per-request path is compiled, as a long-running server's is; then one bench process sends many short
 * requests, the first third dropped (the client's JIT warm-up), each compared with the simulator's real prefill
 * (arrival to first token written) and with the configured prefill time.
 */
final class TtfrCheck {

    private static final int SIMULATOR_WARM_UP_CONCURRENCY = 16;
    private static final int SIMULATOR_WARM_UP_RUNS = 16;
    private static final int TG = 8;

    private TtfrCheck() {
    }

    static String run(String jar, List<String> benchJavaOptions, SimulatorProcess sim, Path work, int runs, int pp,
                      double ppSpeed) throws Exception {
        BenchRun.run(jar, benchJavaOptions, new BenchShape(pp, TG, SIMULATOR_WARM_UP_CONCURRENCY,
                SIMULATOR_WARM_UP_RUNS, false), sim, work);
        BenchRun run = BenchRun.run(jar, benchJavaOptions, new BenchShape(pp, TG, 1, runs, false), sim, work);
        List<ServedBatch> batches = run.batches();
        double[] values = run.test().values("ttfr");
        if (batches.size() != runs || values.length != runs) {
            return "## TTFR at concurrency 1\n\nNot compared: " + batches.size() + " batches, " + values.length
                    + " values\n";
        }
        int from = runs / 3;
        double vsServer = 0;
        double vsConfigured = 0;
        double worst = 0;
        double serverLate = 0;
        for (int k = from; k < runs; k++) {
            StampedStream s = batches.get(k).streams().get(0);
            double configured = s.uncachedPromptTokens() / ppSpeed * 1000;
            double server = s.firstWriteMs();
            double measured = values[k];
            vsServer += (measured - server) / (runs - from);
            vsConfigured += (measured - configured) / (runs - from);
            serverLate += (server - configured) / (runs - from);
            worst = ConcurrencyPoint.worse(worst, measured - configured);
        }
        return String.format(Locale.ROOT, "## TTFR at concurrency 1 (warm: requests %d–%d of %d, pp %d, tg %d; "
                + "the simulator served %d requests before, so its once-per-request path is compiled)%n%n"
                + "| | mean |%n|---|---|%n| benchy ttfr − configured prefill | %+.2f ms (worst %+.2f ms) |%n"
                + "| benchy ttfr − simulator's real prefill (arrival to first token written) | %+.2f ms |%n"
                + "| simulator's real prefill − configured (its own timer lateness) | %+.2f ms |%n", from + 1, runs,
                runs, pp, TG, SIMULATOR_WARM_UP_CONCURRENCY * SIMULATOR_WARM_UP_RUNS, vsConfigured, worst,
                vsServer, serverLate);
    }
}

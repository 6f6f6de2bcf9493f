package harness;

import java.util.List;
import java.util.Locale;

/**
 * benchy against the simulator at one concurrency, over the warm batches (all but the first when there are
 * several): a short and a long bench run; t/s and ttfr compared batch by batch on the long run, client CPU per
 * 1,000 tokens marginal (long − short run) and in the steady state of the long run's last batch.
 */
final class ConcurrencyPoint {

    static final String HEAD = "| c | server t/s (req) | server t/s (total) | benchy/server (req) "
            + "| benchy/server (total) | ttfr − server prefill, ms | ttfr − configured prefill, ms "
            + "| client CPU s/1k tok: marginal, steady, steady w/o JIT | simulator CPU s/1k tok: marginal, "
            + "steady, steady w/o JIT | client peak RSS, MB |\n";
    static final String RULE = "|---|---|---|---|---|---|---|---|---|---|\n";

    private final int concurrency;
    private final int runs;
    private final int tg;
    private final int firstWarm;
    private int firstCompared;
    private double serverReq;
    private double serverTotal;
    private double benchyReq;
    private double benchyTotal;
    private double worstReq;
    private double worstTotal;
    private double ttfr;
    private double serverPrefill;
    private double configuredPrefill;
    private double ttfrWorst;
    private final double clientCpuPerK;
    private final double simCpuPerK;
    private final SteadyCpu steady;
    private final double peakRss;
    private final long marginalTokens;
    private final String problem;

    ConcurrencyPoint(int concurrency, int runs, int tg, double ppSpeed, BenchRun small, BenchRun large) {
        this.concurrency = concurrency;
        this.runs = runs;
        this.tg = tg;
        this.firstWarm = runs > 1 ? 1 : 0;
        marginalTokens = large.stats().tokensSent() - small.stats().tokensSent();
        clientCpuPerK = (large.cost().cpuSeconds() - small.cost().cpuSeconds()) / marginalTokens * 1000;
        simCpuPerK = (large.serverCpuSeconds() - small.serverCpuSeconds()) / marginalTokens * 1000;
        peakRss = large.cost().peakRssMb();
        steady = SteadyCpu.of(large);
        TestResult test = large.test();
        List<ServedBatch> batches = large.batches();
        // the simulator keeps the most recent 1,024 streams: at high concurrency only the last batches are there
        int offset = runs - batches.size();
        boolean whole = batches.stream().allMatch(b -> b.size() == concurrency);
        int requests = test.values("tg_req_throughput").length;
        if (offset < 0 || !whole || requests != runs * concurrency) {
            problem = "expected " + runs + " batches of " + concurrency + ", but the simulator saw "
                    + batches.size() + " batches and benchy reported " + requests + " requests";
            return;
        }
        problem = null;
        firstCompared = Math.max(firstWarm, offset);
        int warm = runs - firstCompared;
        for (int k = firstCompared; k < runs; k++) {
            ServedBatch batch = batches.get(k - offset);
            double sReq = batch.meanDecodeRate();
            double bReq = test.batchMean("tg_req_throughput", k);
            double bTtfr = test.batchMean("ttfr", k);
            double sTotal = batch.totalDecodeRate();
            double total = test.batchTotal(k, runs);
            double bTotal = Double.isNaN(total) ? bReq : total;
            double sPrefill = batch.meanFirstWriteMs();
            double configured = batch.mean(s -> s.uncachedPromptTokens() / ppSpeed * 1000);
            serverReq += sReq / warm;
            serverTotal += sTotal / warm;
            benchyReq += bReq / warm;
            benchyTotal += bTotal / warm;
            ttfr += bTtfr / warm;
            serverPrefill += sPrefill / warm;
            configuredPrefill += configured / warm;
            worstReq = worse(worstReq, bReq / sReq - 1);
            worstTotal = worse(worstTotal, bTotal / sTotal - 1);
            ttfrWorst = worse(ttfrWorst, bTtfr - sPrefill);
        }
    }

    /** Of two deviations, the one further from 0. */
    static double worse(double a, double b) {
        return Math.abs(b) > Math.abs(a) ? b : a;
    }

    String table() {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "## Concurrency %d%n%n", concurrency));
        if (problem != null) {
            return t.append("Not compared: ").append(problem).append("\n").toString();
        }
        t.append(String.format(Locale.ROOT, "%d tokens per request; compared batches %d–%d of %d (batch 1 is the "
                + "JIT warm-up); marginal tokens for CPU: %d.%n%n", tg, firstCompared + 1, runs, runs,
                marginalTokens));
        t.append("| | server (simulator) achieved | benchy measured | benchy vs server (worst batch) |\n"
                + "|---|---|---|---|\n");
        t.append(String.format(Locale.ROOT, "| tg t/s (req), batch mean | %.2f | %.2f | %+.2f %% (%+.2f %%) |%n",
                serverReq, benchyReq, (benchyReq / serverReq - 1) * 100, worstReq * 100));
        t.append(String.format(Locale.ROOT, "| tg t/s (total) | %.1f | %.1f | %+.2f %% (%+.2f %%) |%n",
                serverTotal, benchyTotal, (benchyTotal / serverTotal - 1) * 100, worstTotal * 100));
        t.append(String.format(Locale.ROOT, "| ttfr vs prefill, ms (configured %.2f) | %.2f | %.2f | %+.2f ms "
                + "(%+.2f ms) |%n", configuredPrefill, serverPrefill, ttfr, ttfr - serverPrefill, ttfrWorst));
        t.append(String.format(Locale.ROOT, "| CPU s per 1,000 tokens, marginal (long − short run) | %.4f "
                + "| %.4f | |%n", simCpuPerK, clientCpuPerK));
        t.append(String.format(Locale.ROOT, "| CPU s per 1,000 tokens, steady state of the last batch "
                + "(without JIT compiler threads) | %.4f (%.4f) | %.4f (%.4f) | |%n", steady.server(),
                steady.serverWithoutJit(), steady.client(), steady.clientWithoutJit()));
        t.append(String.format(Locale.ROOT, "| client peak RSS | | %.0f MB | |%n", peakRss));
        return t.toString();
    }

    String summaryRow() {
        if (problem != null) {
            return String.format(Locale.ROOT, "| %d | %s |%n", concurrency, problem);
        }
        return String.format(Locale.ROOT, "| %d | %.2f | %.1f | %.4f | %.4f | %+.2f | %+.2f | %.4f, %.4f, %.4f "
                + "| %.4f, %.4f, %.4f | %.0f |%n", concurrency, serverReq, serverTotal, benchyReq / serverReq,
                benchyTotal / serverTotal, ttfr - serverPrefill, ttfr - configuredPrefill, clientCpuPerK,
                steady.client(), steady.clientWithoutJit(), simCpuPerK, steady.server(), steady.serverWithoutJit(),
                peakRss);
    }
}

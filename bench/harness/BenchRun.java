package harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code bench} process against a stamping server: its report, what the server says it did, and what both
 * processes cost (the client's whole process from /usr/bin/time, the server's CPU over the same time, and both
 * processes' threads sampled every 100 ms).
 */
record BenchRun(BenchShape shape, BenchReport report, ServerStats stats, TimedProcess.Cost cost,
                double serverCpuSeconds, List<ThreadSample> clientThreads, List<ThreadSample> serverThreads) {

    /**
     * Resets the server's statistics, runs bench as a fresh process under /usr/bin/time, then reads what the server
     * did. Throws when bench does not exit 0.
     */
    static BenchRun run(String jar, List<String> javaOptions, BenchShape shape, StampingServer server, Path work)
            throws Exception {
        server.reset();
        long serverTicks = ProcFs.cpuTicks(server.pid());
        Path json = work.resolve("bench.json");
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar));
        command.addAll(shape.args(server, json.toString()));
        TimedProcess bench = TimedProcess.start(command, work, "bench");
        ThreadSampler client = ThreadSampler.start(bench.childPid());
        ThreadSampler serverSampler = ThreadSampler.start(server.pid());
        int exit = bench.waitFor();
        List<ThreadSample> clientThreads = client.finish();
        List<ThreadSample> serverThreads = serverSampler.finish();
        if (exit != 0) {
            throw new IllegalStateException("bench must exit 0, but exited " + exit + "\n" + command + "\n"
                    + bench.log());
        }
        double serverCpu = (ProcFs.cpuTicks(server.pid()) - serverTicks) / ProcFs.TICKS_PER_SECOND;
        return new BenchRun(shape, BenchReport.read(json), server.stats(), bench.cost(), serverCpu, clientThreads,
                serverThreads);
    }

    /** The test this run asked for (at its concurrency). */
    TestResult test() {
        return report.test(shape.concurrency());
    }

    List<ServedBatch> batches() {
        return stats.batches();
    }
}

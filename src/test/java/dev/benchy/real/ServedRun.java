package dev.benchy.real;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One {@code bench} run against the real server, with what the server itself recorded meanwhile: the tasks it logged
 * and its {@code /metrics} counters before and after.
 *
 * @param bench   the run as benchy printed it
 * @param tasks   every completion the server ran during it (probes and warm-ups included), oldest first
 * @param before  the server's counters before the run
 * @param after   the server's counters after it
 */
record ServedRun(BenchJar.Run bench, List<ServerLog.Task> tasks, Map<String, Double> before,
                 Map<String, Double> after) {

    /** Runs {@code bench} (see {@link BenchJar#bench}), which must exit 0, and reads what the server recorded. */
    static ServedRun bench(LlamaServer server, String name, String... flags) throws IOException, InterruptedException {
        int mark = server.log().lastTask();
        Map<String, Double> before = server.metrics();
        BenchJar.Run run = BenchJar.bench(name, server.baseUrl(), flags);
        if (run.exit() != 0) {
            throw new AssertionError("bench " + name + " failed: " + run);
        }
        Map<String, Double> after = server.metrics();
        return new ServedRun(run, server.log().after(mark, task -> true), before, after);
    }

    /** The measured requests: benchy's probes and warm-ups ask for 1 or 8 tokens, never {@code tg}. */
    List<ServerLog.Task> measured(int tg) {
        return tasks.stream().filter(task -> task.predictedN() == tg).toList();
    }

    /** The report's rows, each with the server's tasks of its requests. */
    List<ServedRows.Row> rows(int tg) {
        return ServedRows.pair(bench.report(), measured(tg));
    }

    /** Fails naming the row and its errors when any request of the run failed. */
    void assertNoFailedRequest() {
        for (JsonNode row : bench.report().get("benchmarks")) {
            if (row.get("failed_requests").asInt() != 0) {
                throw new AssertionError(row.get("test").asText() + ": " + row.get("failed_requests").asInt() + " of "
                        + row.get("requests").asInt() + " requests failed: " + row.get("errors"));
            }
        }
    }

    /** How much a {@code llamacpp:} counter grew during the run. */
    double growth(String counter) {
        return after.get(counter) - before.get(counter);
    }
}

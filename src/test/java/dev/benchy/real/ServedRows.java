package dev.benchy.real;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Pairs the rows of a benchy report with the server tasks that served them. benchy runs its tests one after the
 * other and each run's batch after the previous one, so the measured requests reach the server in the report's
 * order: a test's {@code runs × c} requests, or with {@code --enable-prefix-caching} at depth &gt; 0 a context batch
 * then an inference batch per run (the context row first in the report).
 */
final class ServedRows {

    /** A report row and the tasks of its requests, in the order the server started them. */
    record Row(JsonNode row, List<ServerLog.Task> tasks) {

        String name() {
            return row.get("test").asText();
        }

        int pp() {
            return row.get("prompt_size").asInt();
        }

        int depth() {
            return row.get("context_size").asInt();
        }

        /** The per-request values benchy reported for {@code metric} ({@code tg_req_throughput}, …). */
        List<Double> values(String metric) {
            JsonNode node = row.get(metric);
            if (node == null || node.isNull()) {
                return List.of();
            }
            return StreamSupport.stream(node.get("values").spliterator(), false).map(JsonNode::asDouble).toList();
        }
    }

    private ServedRows() {
    }

    /**
     * Splits {@code tasks} (the measured requests only, oldest first) over the report's rows. Fails when the server
     * ran a different number of them than the report counts, naming both.
     */
    static List<Row> pair(JsonNode report, List<ServerLog.Task> tasks) {
        List<Row> rows = new ArrayList<>();
        JsonNode benchmarks = report.get("benchmarks");
        int next = 0;
        for (int i = 0; i < benchmarks.size(); i++) {
            JsonNode row = benchmarks.get(i);
            int c = row.get("concurrency").asInt();
            int requests = row.get("requests").asInt();
            if (row.get("is_context_prefill_phase").asBoolean()) {
                JsonNode inference = benchmarks.get(++i);
                List<ServerLog.Task> context = new ArrayList<>();
                List<ServerLog.Task> served = new ArrayList<>();
                for (int run = 0; run < requests / c; run++) {
                    context.addAll(slice(tasks, next, c));
                    served.addAll(slice(tasks, next + c, c));
                    next += 2 * c;
                }
                rows.add(new Row(row, context));
                rows.add(new Row(inference, served));
            } else {
                rows.add(new Row(row, slice(tasks, next, requests)));
                next += requests;
            }
        }
        if (next != tasks.size()) {
            throw new AssertionError("the report counts " + next + " measured requests, the server ran "
                    + tasks.size() + " (tasks " + ids(tasks) + ")");
        }
        return rows;
    }

    private static List<ServerLog.Task> slice(List<ServerLog.Task> tasks, int from, int n) {
        if (from + n > tasks.size()) {
            throw new AssertionError("the report counts more measured requests than the " + tasks.size()
                    + " the server ran (tasks " + ids(tasks) + ")");
        }
        return tasks.subList(from, from + n);
    }

    private static List<Integer> ids(List<ServerLog.Task> tasks) {
        return tasks.stream().map(ServerLog.Task::id).toList();
    }
}

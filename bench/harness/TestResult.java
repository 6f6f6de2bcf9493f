package harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;

/**
 * One test of a report: per-request values (every request of every batch, batch after batch) and per-batch totals.
 */
record TestResult(JsonNode json) {

    int concurrency() {
        return json.get("concurrency").asInt();
    }

    int tg() {
        return json.get("response_size").asInt();
    }

    int failedRequests() {
        return json.path("failed_requests").asInt();
    }

    /** The values of one metric ({@code tg_req_throughput}, {@code ttfr}…), empty when it is absent. */
    double[] values(String metric) {
        JsonNode values = json.path(metric).path("values");
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        return v;
    }

    /** The mean of a per-request metric over batch {@code batch} (from 0), NaN when the report holds fewer. */
    double batchMean(String metric, int batch) {
        double[] v = values(metric);
        int c = concurrency();
        int from = batch * c;
        return from + c <= v.length ? Arrays.stream(v, from, from + c).average().orElseThrow() : Double.NaN;
    }

    /** tg t/s (total) of batch {@code batch}: benchy's batch throughput (at c = 1 the request's rate), or NaN. */
    double batchTotal(int batch, int batches) {
        double[] v = values("tg_throughput");
        return v.length == batches ? v[batch] : Double.NaN;
    }

    /** The row's flags as the report gives them, or "" when it has none. */
    String flags() {
        JsonNode flags = json.path("flags");
        return flags.isMissingNode() || flags.isNull() || flags.isEmpty() ? "" : flags.toString();
    }
}

package dev.benchy.real;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Concurrent batches against llama-server, which closes the connection after every streamed response without saying
 * so beforehand: a client that reuses the pooled connection loses its next request before the server sees it.
 */
@ExtendWith(RealLlamaServer.class)
class ConcurrencyIT {

    private static final int TG = 32;
    private static final int RUNS = 3;

    private static ServedRun run;

    @BeforeAll
    static void bench(LlamaServer server) throws Exception {
        run = ServedRun.bench(server, "concurrency", "--pp", "256", "--tg", Integer.toString(TG),
                "--depth", "0", "512", "--concurrency", "2", "4", "--runs", Integer.toString(RUNS));
    }

    @Test
    void noRequestIsLostAtConcurrencyTwoAndFour() {
        run.assertNoFailedRequest();
        JsonNode report = run.bench().report();
        int asked = 0;
        for (JsonNode row : report.get("benchmarks")) {
            int c = row.get("concurrency").asInt();
            assertEquals(RUNS * c, row.get("requests").asInt(), row.get("test").asText() + ": requests");
            asked += RUNS * c;
        }
        assertEquals("ok", report.get("status").asText(), "the run's status");
        assertEquals(asked, run.measured(TG).size(), "measured requests the server ran");
    }

    /** Requests of a batch share the server's decode steps; their mean is compared, row by row. */
    @Test
    void tgPerRequestIsWithinOnePercentOfTheServersOnAverage() {
        for (ServedRows.Row row : run.rows(TG)) {
            SingleStreamIT.within(SingleStreamIT.TG_BAND,
                    mean(row.tasks().stream().map(ServerLog.Task::predictedPerSecond).toList()),
                    mean(row.values("tg_req_throughput")), row.name() + " tg (req), the mean of its requests");
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}

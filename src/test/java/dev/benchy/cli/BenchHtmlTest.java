package dev.benchy.cli;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench --format html}: one self-contained page on stdout, the console footer on stderr. */
class BenchHtmlTest {

    private static Vertx vertx;
    private static SimulatorPeer simulator;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = SimulatorPeer.start(vertx, SimulatorPeer.fast().withTgSpeed(200));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void onePageWithTheTableTheDataAndTheChartCode() throws Exception {
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), "--pp", "64", "--tg", "8",
                "--depth", "0", "128", "--concurrency", "1", "2", "--runs", "1", "--save-total-throughput-timeseries",
                "--format", "html");
        assertEquals(0, r.exit(), r.toString());
        String page = r.stdout();
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.endsWith("</html>\n"), "the page alone on stdout");
        assertTrue(page.contains("<td>tg8 @ d128 (c2)</td>"), "the table's rows");
        assertTrue(page.contains("\"throughput_over_time\":[["), "the recorded series travel with the page");
        assertTrue(page.contains("var uPlot="));
        assertFalse(page.contains("benchy (") && page.contains("latency mode:"), "the footer is not in the page");
        assertTrue(r.stderr().contains("latency mode:"), "the footer goes to stderr, as for json");
    }
}

package dev.benchy.service.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchy.core.report.RunStatus;
import dev.benchy.service.BenchyService;
import dev.benchy.service.TestReports;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web UI's page and the endpoints it reads, on the service's embedded simulator. */
@QuarkusTest
class UiApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BenchyService service;

    @TestHTTPResource("/api/events")
    URL events;

    private static String awaitFirstReport() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String id = given().get("/api/targets/simulator").then().statusCode(200).extract().path("last_report_id");
            if (id != null) {
                return id;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no run completed within 90 s");
    }

    @Test
    void thePageAndItsAssetsAreServedOffline() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script src=\"ui/app.js\"></script>"));
        given().get("/ui/app.js").then().statusCode(200);
        given().get("/ui/charts.js").then().statusCode(200).body(containsString("BenchyCharts"));
        given().get("/ui/benchy.css").then().statusCode(200);
        given().get("/ui/vendor/uplot.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(startsWith("/*! https://github.com/leeoniya/uPlot"));
        given().get("/ui/vendor/uplot.css").then().statusCode(200).body(containsString(".uplot"));
    }

    @Test
    void aTargetsReportsWithTheirFigures() throws InterruptedException {
        String id = awaitFirstReport();
        given().get("/api/targets/simulator/reports?limit=500").then().statusCode(200)
                .body("[0].figures.rows.size()", equalTo(8))
                .body("[0].figures.max_concurrency", equalTo(2))
                .body("[0].figures.rows[0].test", equalTo("pp512"))
                .body("[0].figures.rows[0].kind", equalTo("pp"))
                .body("[0].figures.rows[0].means.t_s", greaterThan(100f))
                .body("id", org.hamcrest.Matchers.hasItem(id));
        given().get("/api/targets/simulator/reports?limit=0").then().statusCode(400)
                .body("detail", equalTo("limit must be a whole number from 1 to 500, but was 0"));
        given().get("/api/targets/nope/reports").then().statusCode(404);
        given().get("/api/targets/simulator/reports/latest").then().statusCode(200)
                .body("target", equalTo("simulator"));
    }

    @Test
    void aReportAsOneHtmlPage() throws InterruptedException {
        String id = awaitFirstReport();
        given().get("/api/reports/" + id + "?format=html").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(startsWith("<!DOCTYPE html>"))
                .body(containsString("report " + id))
                .body(containsString("var uPlot="));
    }

    @Test
    void compareTwoReportsOrAReportAgainstItsTargetsMedian() throws InterruptedException {
        String id = awaitFirstReport();
        given().get("/api/compare?a=" + id + "&b=" + id).then().statusCode(200)
                .body("rows.size()", greaterThan(0))
                .body("rows.verdict", everyItem(equalTo("same")));
        given().get("/api/compare?a=" + id + "&b=" + id + "&format=md").then().statusCode(200)
                .body(startsWith("A: " + id));
        given().get("/api/compare?a=" + id + "&b=" + id + "&format=html").then().statusCode(200)
                .body(containsString("<table class=\"compare\">"));

        // a target of its own, so the median is of these reports only: 900, 1000 and 1100 t/s in the week before B;
        // a failed run and a run older than a week, both at 5000 t/s, are left out
        String target = "seeded-" + System.nanoTime();
        Instant at = Instant.parse("2026-11-20T12:00:00Z");
        seed(target, "b", RunStatus.OK, at, 1200);
        seed(target, "1", RunStatus.OK, at.minus(Duration.ofHours(3)), 900);
        seed(target, "2", RunStatus.PARTIAL, at.minus(Duration.ofHours(2)), 1100);
        seed(target, "3", RunStatus.OK, at.minus(Duration.ofDays(6)), 1000);
        seed(target, "failed", RunStatus.FAILED, at.minus(Duration.ofHours(1)), 5000);
        seed(target, "old", RunStatus.OK, at.minus(Duration.ofDays(8)), 5000);
        given().get("/api/compare?a=median&b=" + target + "-b").then().statusCode(200)
                .body("a.label", equalTo("median of 3 runs of " + target + ", 2026-11-14T12:00:00Z to"
                        + " 2026-11-20T10:00:00Z"))
                .body("rows.find { it.test == 'pp512' && it.metric == 't_s' }.a", equalTo(1000.0f))
                .body("rows.find { it.test == 'pp512' && it.metric == 't_s' }.change_percent", equalTo(20.0f))
                .body("rows.find { it.test == 'pp512' && it.metric == 't_s' }.verdict", equalTo("better"));
        given().get("/api/compare?a=median&b=" + target + "-old").then().statusCode(404)
                .body("detail", containsString("no ok or partial run in the 7 days before"));

        given().get("/api/compare?a=" + id).then().statusCode(400).body("detail", containsString("b=null"));
        given().get("/api/compare?a=" + id + "&b=nope").then().statusCode(404);
        given().get("/api/compare?a=" + id + "&b=" + id + "&format=csv").then().statusCode(400)
                .body("detail", equalTo("format must be one of md, json, html, but was csv"));
    }

    @Test
    void aRunsProgressArrivesLiveAsServerSentEvents() throws Exception {
        awaitFirstReport();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(events.toURI())
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<JsonNode> seen = new ArrayList<>();
        // every run seen from its start to its end while watching (a scheduled run may be one of them)
        BlockingQueue<String> finishedRuns = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readEvents(response.body(), seen, finishedRuns), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            String id = triggerRun();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String finished = null;
            while (!id.equals(finished) && System.nanoTime() < deadline) {
                finished = finishedRuns.poll(1, TimeUnit.SECONDS);
            }
            assertEquals(id, finished, "the triggered run was seen from its start to its end");
            List<JsonNode> ofRun;
            synchronized (seen) {
                ofRun = seen.stream().filter(e -> id.equals(e.path("report_id").asText())).toList();
            }
            assertEquals("run_started", ofRun.get(0).path("type").asText(), ofRun.toString());
            List<Integer> steps = ofRun.stream().filter(e -> e.path("type").asText().equals("progress"))
                    .map(e -> e.path("step").asInt()).toList();
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), steps, "2 depths x 2 concurrencies x 2 runs, in order");
            assertEquals(8, ofRun.stream().filter(e -> e.path("type").asText().equals("progress")).findFirst()
                    .orElseThrow().path("steps").asInt());
            JsonNode last = ofRun.get(ofRun.size() - 1);
            assertEquals("run_finished", last.path("type").asText());
            assertEquals("ok", last.path("status").asText());
        } finally {
            response.body().close();
        }
    }

    private void seed(String target, String suffix, RunStatus status, Instant finished, double ppRate) {
        service.store().save(TestReports.report(target, target + "-" + suffix, status, finished,
                List.of(TestReports.run(0, 512, 32, 1, ppRate, 50, 500))));
    }

    private static String triggerRun() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var answer = given().post("/api/targets/simulator/runs").then().extract();
            if (answer.statusCode() == 202) {
                return answer.path("id");
            }
            assertEquals(409, answer.statusCode(), answer.asString());
            Thread.sleep(300);
        }
        throw new AssertionError("the simulator target stayed busy for 60 s");
    }

    private static void readEvents(InputStream body, List<JsonNode> seen, BlockingQueue<String> finishedRuns) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                JsonNode event = JSON.readTree(line.substring("data:".length()));
                synchronized (seen) {
                    seen.add(event);
                }
                if ("run_finished".equals(event.path("type").asText())) {
                    boolean started;
                    synchronized (seen) {
                        started = seen.stream().anyMatch(e -> "run_started".equals(e.path("type").asText())
                                && e.path("report_id").asText().equals(event.path("report_id").asText()));
                    }
                    if (started) {
                        finishedRuns.add(event.path("report_id").asText());
                    }
                }
            }
        } catch (Exception e) {
            finishedRuns.add("reading the events failed: " + e);
        }
    }
}

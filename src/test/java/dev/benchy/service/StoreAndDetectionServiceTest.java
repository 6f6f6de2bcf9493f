package dev.benchy.service;

import dev.benchy.core.NanoClock;
import dev.benchy.simulator.Simulator;
import dev.benchy.simulator.SimulatorServer;
import dev.benchy.simulator.SimulatorSettings;
import dev.benchy.tokenizer.Gpt2Tokenizer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service with one target whose model is detected, on a simulator of its own: the detected model is shown by
 * the API; a report the folder cannot take in the middle of a run (the folder replaced by a plain file, which stops
 * root too, unlike file permissions) is logged, counted, served from memory and written once the folder is back;
 * and when the target goes down, its model labels and the API keep the detected model.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreAndDetectionServiceTest.OwnSimulator.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreAndDetectionServiceTest {

    static final Path REPORTS = Path.of("target/test-reports-store");
    static final Path ASIDE = Path.of("target/test-reports-store.aside");
    static final Path LOG = Path.of("target/store-service.log");
    static final String MODEL = SimulatorSettings.DEFAULT_MODEL_ID;
    /** The first run's report, written to disk before the folder breaks. */
    static String firstId;

    /** A simulator on a free port, and the service configured with one target on it, no model named. */
    public static class OwnSimulator implements QuarkusTestResourceLifecycleManager {
        static volatile SimulatorServer server;
        private Vertx vertx;

        @Override
        public Map<String, String> start() {
            try {
                for (Path p : List.of(REPORTS, ASIDE)) {
                    delete(p);
                }
                Files.deleteIfExists(LOG);
                vertx = Vertx.vertx();
                server = SimulatorServer.start(vertx, new Simulator(SimulatorSettings.defaults().withPpSpeed(20_000)
                                .withTgSpeed(200), new Gpt2Tokenizer(), NanoClock.SYSTEM), "127.0.0.1", 0)
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Map<String, String> config = new HashMap<>();
            String t = "benchy.targets.sim.";
            config.put(t + "base-url", "http://127.0.0.1:" + server.actualPort() + "/v1");
            config.put(t + "tokenizer", "builtin:gpt2");
            config.put(t + "book-url", "builtin:generated");
            config.put(t + "schedule", "1h");
            config.put(t + "plan.pp", "64");
            config.put(t + "plan.tg", "48");
            config.put(t + "plan.depth", "0,64");
            config.put(t + "plan.runs", "3");
            config.put(t + "plan.latency-mode", "none");
            config.put("quarkus.http.test-port", "0");
            config.put("benchy.reports.dir", REPORTS.toString());
            config.put("quarkus.log.file.enabled", "true");
            config.put("quarkus.log.file.path", LOG.toString());
            return config;
        }

        @Override
        public void stop() {
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
        }
    }

    @Test
    @Order(1)
    void theDetectedModelIsShown() throws InterruptedException {
        String id = awaitFinished(null);
        firstId = id;
        given().get("/api/reports/" + id).then().statusCode(200).body("model", equalTo(MODEL));
        given().get("/api/targets/sim").then().statusCode(200)
                .body("model", equalTo(MODEL)).body("served_model", equalTo(MODEL));
    }

    @Test
    @Order(2)
    void aReportTheFolderCannotTakeMidRunIsLoggedCountedServedAndWrittenLater() throws Exception {
        double failures = metrics().value("benchy_report_store_failures_total", Map.of());
        String id = start();
        awaitState(id, "running");
        Files.move(REPORTS, ASIDE);
        Files.writeString(REPORTS, "a file where the report folder was");

        assertEquals(id, awaitFinished(id));

        given().get("/api/targets/sim").then().body("last_report_id", equalTo(id)).body("last_status", equalTo("ok"));
        given().get("/api/reports/" + id).then().statusCode(200).body("id", equalTo(id))
                .body("status", equalTo("ok"));
        given().get("/api/reports?target=sim").then().statusCode(200).body("id", hasItem(id));
        given().get("/api/reports/" + firstId).then().statusCode(503).contentType(containsString("problem+json"))
                .body("detail", startsWith("Report " + firstId + " could not be read: " + REPORTS.resolve(firstId
                        + ".json") + ": "));
        String text = given().accept("text/plain; version=0.0.4").get("/q/metrics").then().extract().asString();
        Exposition m = Exposition.parse(text);
        String store = text.lines().filter(l -> l.contains("report")).collect(Collectors.joining("\n"));
        assertEquals(failures + 1, m.value("benchy_report_store_failures_total", Map.of()), store);
        assertEquals(1, m.value("benchy_reports_unsaved", Map.of()), store);
        String log = Files.readString(LOG);
        assertTrue(log.contains("Report " + id + " of target sim could not be written: " + REPORTS
                + ": exists and is not a directory; it is kept in memory (listed and served as usual) and written"
                + " when the report folder works again (tried every 30 s)"), log);

        Files.delete(REPORTS);
        Files.move(ASIDE, REPORTS);
        String next = start();
        awaitFinished(next);

        assertTrue(Files.exists(REPORTS.resolve(id + ".json")), "the report kept in memory is written");
        assertTrue(Files.exists(REPORTS.resolve(next + ".json")));
        assertEquals(0, metrics().value("benchy_reports_unsaved", Map.of()));
        assertTrue(Files.readString(LOG).contains("works again: 2 report(s) held in memory were written"));
    }

    @Test
    @Order(3)
    void whenTheTargetGoesDownItsModelLabelsStay() throws Exception {
        OwnSimulator.server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String id = start();
        awaitFinished(id);

        given().get("/api/reports/" + id).then().body("status", equalTo("failed")).body("model", equalTo("unknown"));
        given().get("/api/targets/sim").then().body("model", equalTo(MODEL)).body("last_status", equalTo("failed"));
        Exposition m = metrics();
        assertEquals(List.of(Map.of("target", "sim", "model", MODEL, "served_model", MODEL)),
                m.find("benchy_target_info", Map.of("target", "sim")).stream().map(Exposition.Sample::labels)
                        .toList());
        assertTrue(m.find("benchy_generation_tokens_per_second", Map.of("target", "sim")).stream()
                .allMatch(s -> s.labels().get("model").equals(MODEL)));
        assertEquals(0, m.value("benchy_run_success", Map.of("target", "sim")));
    }

    private static String start() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response r;
        do {
            r = given().post("/api/targets/sim/runs");
            if (r.statusCode() == 409) {
                Thread.sleep(100);
            }
        } while (r.statusCode() == 409 && System.nanoTime() < deadline);
        return r.then().statusCode(202).extract().path("id");
    }

    private static void awaitState(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!state.equals(given().get("/api/runs/" + id).then().statusCode(200).extract().path("state"))) {
            assertTrue(System.nanoTime() < deadline, "run " + id + " never " + state);
            Thread.sleep(20);
        }
    }

    /** Waits until the run (or, for null, any first run) has finished, and returns its id. */
    private static String awaitFinished(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String last = given().get("/api/targets/sim").then().statusCode(200).extract().path("last_report_id");
            if (last != null && (id == null || id.equals(last))) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no finished run " + id + " within 60 s");
    }

    private static Exposition metrics() {
        return Exposition.parse(given().accept("text/plain; version=0.0.4").get("/q/metrics").then()
                .statusCode(200).extract().asString());
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } else {
            Files.deleteIfExists(path);
        }
    }
}

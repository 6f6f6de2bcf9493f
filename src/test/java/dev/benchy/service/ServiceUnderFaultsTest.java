package dev.benchy.service;

import dev.benchy.faults.FaultCases;
import dev.benchy.faults.FaultCases.Case;
import dev.benchy.faults.FaultServer;
import dev.benchy.faults.FaultServer.Fault;
import dev.benchy.faults.FaultServerResource;
import dev.benchy.faults.ServerFaultTest;
import dev.benchy.faults.InjectFaultServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.benchy.faults.FaultServerResource.API_KEY;
import static dev.benchy.faults.FaultServerResource.API_TOKEN;
import static dev.benchy.faults.FaultServerResource.TARGET;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service with targets on a misbehaving server and on unreachable endpoints, through every case of
 * {@link FaultCases}: each failure becomes a stored report saying what failed,
 * {@code benchy_run_success} 0 and counted failures, while the service stays healthy and the next run succeeds once
 * the server does; POST needs the api token; bad REST input gets 4xx problems; and the api key is nowhere: not in
 * the API, the metrics, the reports (stored or served) or the DEBUG log, and neither is an extra header's value.
 */
@QuarkusTest
@QuarkusTestResource(value = FaultServerResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceUnderFaultsTest {

    private static final Map<String, String> OF_TARGET = Map.of("target", TARGET);

    @InjectFaultServer
    FaultServer server;

    @Test
    @Order(1)
    void everyFaultIsRecordedCountedAndRecoveredFromWhileTheServiceStaysHealthy() throws Exception {
        server.fault(Fault.NORMAL);
        // the scheduled first runs (5 s after start) come before the faults, so they cannot count among them
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (FaultCases.Endpoint endpoint : FaultCases.Endpoint.values()) {
            while (given().get("/api/targets/" + FaultServerResource.target(endpoint)).then().extract()
                    .path("last_report_id") == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        assertEquals("ok", run(TARGET).extract().path("status"), "the first run, against a good server");
        Set<Thread> threadsBefore = ServerFaultTest.ownThreads();

        for (Case c : FaultCases.all()) {
            String target = FaultServerResource.target(c.endpoint());
            Map<String, String> ofTarget = Map.of("target", target);
            Exposition before = metrics();
            double failures = before.value("benchy_run_failures_total", ofTarget);
            Map<String, String> ofReason = c.reason() == null ? null
                    : Map.of("target", target, "reason", c.reason().id());
            double errors = ofReason == null ? 0 : before.value("benchy_request_errors_total", ofReason);
            server.fault(c.fault());

            ValidatableResponse report = run(target).body("status", equalTo(c.status().id()));
            String expected = c.expectedError(server);
            if (expected != null) {
                report.body("error", containsString(expected))
                        .body("benchmarks[0].failed_requests", equalTo(c.failed()))
                        .body("benchmarks[0].errors[0]", containsString(expected))
                        .body("benchmarks[0].error_reasons." + c.reason().id(), equalTo(c.failed()));
            }
            Exposition m = metrics();
            if (ofReason != null) {
                assertEquals(errors + c.failed(), m.value("benchy_request_errors_total", ofReason), c.name());
            }
            assertEquals(c.succeeds() ? 1.0 : 0.0, m.value("benchy_run_success", ofTarget), c.name());
            assertEquals(failures + (c.succeeds() ? 0 : 1), m.value("benchy_run_failures_total", ofTarget),
                    c.name());
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/q/health/live").then().statusCode(200);
            given().get("/api/targets/" + target).then().statusCode(200)
                    .body("last_status", equalTo(c.status().id()))
                    .body("state", equalTo("idle"));

            if (!c.succeeds() && c.endpoint() == FaultCases.Endpoint.FAULT_SERVER) {
                server.fault(Fault.NORMAL);
                assertEquals("ok", run(TARGET).extract().path("status"), c.name() + ": the next run, once the"
                        + " server behaves");
                assertEquals(1.0, metrics().value("benchy_run_success", OF_TARGET), c.name());
            }
        }
        server.fault(Fault.NORMAL);
        assertEquals(0, server.awaitNoOpenConnections(5_000), "connections the service left open");
        assertEquals(List.of(), ServerFaultTest.newThreads(threadsBefore), "threads left behind");
    }

    @Test
    @Order(2)
    void startingARunNeedsTheApiToken() {
        given().post("/api/targets/" + TARGET + "/runs").then().statusCode(401)
                .contentType(containsString("problem+json"));
        given().header("Authorization", "Bearer " + API_TOKEN + "x").post("/api/targets/" + TARGET + "/runs")
                .then().statusCode(401);
        given().header("Authorization", API_TOKEN).post("/api/targets/" + TARGET + "/runs").then().statusCode(401);
        given().header("Authorization", "Bearer " + API_TOKEN).post("/api/targets/nope/runs").then().statusCode(404)
                .contentType(containsString("problem+json"));
    }

    @Test
    @Order(3)
    void aRequestCannotChooseTheUrlOrACommand() throws Exception {
        server.fault(Fault.NORMAL);
        Path marker = Path.of("target/fault-service-post-run-cmd-ran");
        Files.deleteIfExists(marker);
        String body = "{\"base_url\":\"http://127.0.0.1:9/v1\",\"base-url\":\"http://127.0.0.1:9/v1\","
                + "\"post_run_cmd\":\"touch " + marker + "\",\"post-run-cmd\":\"touch " + marker + "\"}";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        String id = null;
        do {
            var response = given().header("Authorization", "Bearer " + API_TOKEN).contentType("application/json")
                    .body(body).queryParam("base_url", "http://127.0.0.1:9/v1").queryParam("post_run_cmd", "touch "
                            + marker).post("/api/targets/" + TARGET + "/runs").then().extract();
            status = response.statusCode();
            id = status == 202 ? response.path("id") : null;
            if (status == 409) {
                Thread.sleep(200);
            }
        } while (status == 409 && System.nanoTime() < deadline);
        assertEquals(202, status);
        while (System.nanoTime() < deadline
                && !id.equals(given().get("/api/targets/" + TARGET).then().extract().path("last_report_id"))) {
            Thread.sleep(100);
        }
        given().get("/api/reports/" + id).then().statusCode(200)
                .body("base_url", equalTo("http://127.0.0.1:" + server.port() + "/v1"))
                .body("status", equalTo("ok"));
        assertFalse(Files.exists(marker), "a command from the request ran");
    }

    @Test
    @Order(4)
    void badRestInputIsA4xxProblemNeverA500() {
        String id = given().get("/api/reports?limit=1").then().statusCode(200).extract().path("[0].id");
        List<String[]> cases = List.of(
                new String[]{"/api/reports/no-such-report", "404"},
                new String[]{"/api/reports/..%2F..%2Fetc%2Fpasswd", "404"},
                new String[]{"/api/reports/" + id + "?format=xml", "400"},
                new String[]{"/api/reports/" + id + "?format=", "200"},
                new String[]{"/api/reports?limit=0", "400"},
                new String[]{"/api/reports?limit=1001", "400"},
                new String[]{"/api/reports?limit=ten", "400"},
                new String[]{"/api/reports?limit=-5", "400"},
                new String[]{"/api/reports?target=nope", "200"},
                new String[]{"/api/targets/nope", "404"},
                new String[]{"/api/targets/nope/reports/latest", "404"},
                new String[]{"/api/targets/" + TARGET + "/reports/latest?format=pdf", "400"});
        for (String[] c : cases) {
            ValidatableResponse r = given().get(c[0]).then().statusCode(lessThan(500));
            r.statusCode(Integer.parseInt(c[1]));
            if (!c[1].equals("200")) {
                r.contentType(containsString("problem+json")).body("status", equalTo(Integer.parseInt(c[1])));
            }
        }
    }

    @Test
    @Order(5)
    void theApiKeyIsNowhere() throws IOException {
        List<String> places = new ArrayList<>();
        places.add(given().get("/api/targets").then().statusCode(200).extract().asString());
        places.add(given().get("/api/targets/" + TARGET).then().statusCode(200).extract().asString());
        places.add(given().accept("text/plain; version=0.0.4").get("/q/metrics").then().extract().asString());
        List<String> ids = given().get("/api/reports").then().statusCode(200).extract().path("id");
        assertTrue(ids.size() >= 20, "reports to search: " + ids);
        for (String id : ids) {
            for (String format : List.of("json", "md", "csv")) {
                places.add(given().get("/api/reports/" + id + "?format=" + format).then().statusCode(200)
                        .extract().asString());
            }
        }
        try (Stream<Path> files = Files.list(FaultServerResource.REPORTS)) {
            for (Path f : files.toList()) {
                places.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        String log = Files.readString(FaultServerResource.LOG, StandardCharsets.UTF_8);
        assertTrue(log.contains("benchy effective configuration") && log.contains("api-key=****")
                        && log.contains("headers=[X-Org] (values masked)"),
                "the log holds the effective configuration, its key and header values masked");
        assertTrue(log.contains("DEBUG"), "the log is at DEBUG, so debug lines are searched too");
        places.add(log);
        for (String text : places) {
            assertFalse(text.contains(API_KEY), () -> "the api key leaked into: " + text.substring(0,
                    Math.min(300, text.length())));
            assertFalse(text.contains(API_TOKEN), "the api token leaked");
            assertFalse(text.contains(FaultServerResource.HEADER_SECRET), "a header value leaked");
        }
    }

    /** Starts a run of the target now (with the token) and waits for its report. */
    private static ValidatableResponse run(String target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        String id = null;
        do {
            var response = given().header("Authorization", "Bearer " + API_TOKEN)
                    .post("/api/targets/" + target + "/runs").then().extract();
            status = response.statusCode();
            if (status == 202) {
                id = response.path("id");
            } else {
                Thread.sleep(200);
            }
        } while (status == 409 && System.nanoTime() < deadline);
        assertEquals(202, status, "POST answered " + status);
        while (System.nanoTime() < deadline) {
            // the target's state moves on after the report is stored and the metrics published
            if (id.equals(given().get("/api/targets/" + target).then().extract().path("last_report_id"))) {
                return given().get("/api/reports/" + id).then().statusCode(200);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no report " + id + " within 60 s");
    }

    private static Exposition metrics() {
        return Exposition.parse(given().accept("text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200)
                .extract().asString());
    }
}

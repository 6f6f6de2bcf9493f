package dev.benchy.service;

import dev.benchy.core.report.JsonReportWriter;
import dev.benchy.core.report.RunStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service with a YAML configuration: a target reached over HTTP, an API token guarding POST, and a report
 * folder that already holds a report from before a restart.
 */
@QuarkusTest
@TestProfile(ConfiguredServiceTest.Configured.class)
@QuarkusTestResource(value = ConfiguredServiceTest.SeededReports.class, restrictToAnnotatedClass = true)
class ConfiguredServiceTest {

    static final String SECRET = "sk-test-4f1c9a7e-never-show-me";
    static final String HEADER_SECRET = "org-test-5e0b3d-never-show-me";
    static final Path REPORTS = Path.of("target/test-reports-configured");
    static final String SEEDED_ID = "sim-20260101T000000000Z";
    static final Path LOG = Path.of("target/configured-service.log");

    /** Reads the YAML file under test and keeps reports apart from other tests. */
    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.config.locations", "config/service-test.yaml",
                    "benchy.reports.dir", REPORTS.toString(),
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.category.\"dev.benchy\".level", "DEBUG");
        }
    }

    /** A report written by an earlier run of the service, before it was restarted. */
    public static class SeededReports implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                if (Files.exists(REPORTS)) {
                    try (Stream<Path> files = Files.walk(REPORTS)) {
                        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(REPORTS);
                Files.writeString(REPORTS.resolve(SEEDED_ID + ".json"), new JsonReportWriter().write(
                        TestReports.report("sim", SEEDED_ID, RunStatus.OK, Instant.parse("2026-01-01T00:00:00Z"),
                                List.of(TestReports.run(0, 256, 16, 1, 2000, 50, 130)))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void yamlConfigurationIsServedWithoutSecrets() {
        String targets = given().get("/api/targets").then().statusCode(200)
                .body("[0].name", equalTo("sim"))
                .body("[0].schedule_seconds", equalTo(7200))
                .body("[0].plan.pp[0]", equalTo(256))
                .body("[0].plan.runs", equalTo(1))
                .extract().asString();
        assertFalse(targets.contains(SECRET) || targets.contains(HEADER_SECRET), targets);
    }

    @Test
    void reportsFromBeforeARestartAreThere() {
        given().get("/api/reports?target=sim").then().statusCode(200).body("id", hasItem(SEEDED_ID));
        given().get("/api/reports/" + SEEDED_ID).then().statusCode(200).body("model", equalTo("org/model"));
    }

    @Test
    void runsNeedTheTokenThenRunAndLeakNoSecret() throws InterruptedException {
        given().post("/api/targets/sim/runs").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").body("detail", containsString("Bearer"));
        given().header("Authorization", "Bearer wrong").post("/api/targets/sim/runs").then().statusCode(401);
        given().header("Authorization", "test-token-123").post("/api/targets/sim/runs").then().statusCode(401);
        given().header("Authorization", "Basic test-token-123").post("/api/targets/sim/runs").then().statusCode(401);

        // the scheduled first run may still be going: wait for the target to be free
        long free = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        io.restassured.response.Response accepted;
        do {
            // the scheme name is case-insensitive (RFC 9110), the token is not
            accepted = given().header("Authorization", "bearer test-token-123").post("/api/targets/sim/runs");
            if (accepted.statusCode() == 409) {
                Thread.sleep(300);
            }
        } while (accepted.statusCode() == 409 && System.nanoTime() < free);
        String id = accepted.then().statusCode(202).header("Location", containsString("/api/runs/"))
                .extract().path("id");
        given().header("Authorization", "BEARER test-token-123").post("/api/targets/sim/runs")
                .then().statusCode(409);
        given().header("Authorization", "bearer TEST-TOKEN-123").post("/api/targets/sim/runs").then().statusCode(401);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 404;
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(300);
            status = given().get("/api/reports/" + id).then().extract().statusCode();
        }
        String report = given().get("/api/reports/" + id).then().statusCode(200)
                .body("status", equalTo("ok")).body("target", equalTo("sim")).extract().asString();
        assertFalse(report.contains(SECRET), "the report carries the api key");
        assertFalse(report.contains(HEADER_SECRET), "the report carries a header value");
        assertTrue(report.contains("\"headers\": [\n      \"X-Org\"\n    ]"), "the report names the header: " + report);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("benchy_runs_total"), "no benchy metrics");
        assertFalse(metrics.contains(SECRET), "the metrics carry the api key");
        assertFalse(metrics.contains(HEADER_SECRET), "the metrics carry a header value");
        given().get("/api/targets/sim").then().statusCode(200).body("last_report_id", equalTo(id));
    }

    @Test
    void eachRunIsJudgedAgainstTheTargetsSlo() throws InterruptedException {
        // the first scheduled run (or one started by another test) judges the target: ttfr 1ms cannot be met
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (given().get("/api/targets/sim").then().extract().path("slo") == null
                && System.nanoTime() < deadline) {
            Thread.sleep(300);
        }
        given().get("/api/targets/sim").then().statusCode(200)
                .body("slo.state", equalTo("degraded"))
                .body("slo.breaches[0].threshold", equalTo("ttfr"))
                .body("slo.breaches[0].row", equalTo("pp256"))
                .body("slo.breaches[0].limit", equalTo(1.0f))
                .body("slo.thresholds.threshold", equalTo(List.of("ttfr", "tg_min", "error_rate")));
        Exposition metrics = Exposition.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
        assertEquals(1.0, metrics.value("benchy_target_state", Map.of("target", "sim", "state", "degraded")));
        assertEquals(0.0, metrics.value("benchy_target_state", Map.of("target", "sim", "state", "healthy")));
        assertEquals(1.0, metrics.value("benchy_slo_breaches", Map.of("target", "sim", "threshold", "ttfr")));
        assertEquals(0.5, metrics.value("benchy_slo_limit", Map.of("target", "sim", "threshold", "error_rate")));
        assertFalse(metrics.find("benchy_time_to_first_response_seconds_bucket", Map.of("target", "sim")).isEmpty(),
                "the requests' histograms are published");
    }

    @Test
    void theEffectiveThresholdsAreLogged() throws IOException {
        assertTrue(Files.readString(LOG).contains("\n    slo: ttfr \u2264 1 ms, tg t/s (req) \u2265 1 t/s,"
                + " error rate \u2264 50 %\n"), "the thresholds, the defaults' error rate merged in");
    }

    @Test
    void theEffectiveConfigurationIsLoggedWithTheKeyMasked() throws IOException {
        String log = Files.readString(LOG);
        assertTrue(log.contains("target sim: base-url=http://127.0.0.1:18081/simulator/v1, api-key=****"), log);
        assertTrue(log.contains("api.token: ****"), log);
        assertFalse(log.contains(SECRET), "the log carries the api key");
        assertFalse(log.contains(HEADER_SECRET), "the log carries a header value");
        assertFalse(log.contains("test-token-123"), "the log carries the api token");
    }
}

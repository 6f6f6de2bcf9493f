package dev.benchy.service;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service on its embedded default (the built-in simulator as its only target), as Prometheus, a dashboard and
 * a person with curl use it.
 */
@QuarkusTest
class ServiceTest {

    /** The first run of this service's life (the report folder may hold reports of earlier test runs). */
    private static String awaitFirstReport() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String id = given().get("/api/targets/simulator").then().statusCode(200)
                    .extract().path("last_report_id");
            if (id != null) {
                return id;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no run completed within 90 s");
    }

    @Test
    void aRunBecomesAReportAndGauges() throws InterruptedException {
        String id = awaitFirstReport();

        given().get("/api/reports/" + id).then().statusCode(200)
                .body("model", equalTo("benchy-sim"))
                .body("status", equalTo("ok"))
                .body("benchmarks.size()", equalTo(4));
        given().get("/api/reports/" + id + "?format=md").then().statusCode(200)
                .body(startsWith("| model"));
        given().get("/api/reports/" + id + "?format=csv").then().statusCode(200)
                .body(startsWith("model,test_name,t_s_mean"));
        given().get("/api/targets/simulator/reports/latest").then().statusCode(200)
                .body("target", equalTo("simulator"));

        String text = given().accept("text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200)
                .extract().asString();
        Exposition metrics = Exposition.parse(text);
        assertEquals(1.0, metrics.value("benchy_run_success", Map.of("target", "simulator")));
        assertTrue(metrics.value("benchy_runs_total", Map.of("target", "simulator")) >= 1);
        double tg = metrics.value("benchy_generation_request_tokens_per_second", Map.of("target", "simulator",
                "model", "benchy-sim", "test", "tg32", "depth", "0", "pp", "512", "tg", "32", "concurrency", "1"));
        assertTrue(Math.abs(tg - 50) < 5, "the simulator decodes at 50 t/s, the gauge says " + tg);
        double ttfr = metrics.value("benchy_ttfr_seconds", Map.of("target", "simulator", "test", "pp512 @ d1024",
                "concurrency", "1"));
        // 1536 prompt tokens at 2000 t/s
        assertTrue(ttfr > 0.6 && ttfr < 1.2, "ttfr " + ttfr);
        assertEquals(1, metrics.find("benchy_build_info", Map.of()).size());
        assertEquals(8, metrics.find("benchy_ttfr_seconds", Map.of()).size()
                + metrics.find("benchy_generation_tokens_per_second", Map.of()).size());
    }

    @Test
    void targetsAndErrors() {
        given().get("/api/targets").then().statusCode(200)
                .body("[0].name", equalTo("simulator"))
                .body("[0].plan.pp[0]", equalTo(512));
        given().get("/api/targets/nope").then().statusCode(404)
                .contentType(containsString("problem+json"))
                .body("detail", containsString("nope"));
        given().post("/api/targets/nope/runs").then().statusCode(404);
        given().get("/api/reports?limit=abc").then().statusCode(400)
                .body("detail", containsString("abc"));
        given().get("/api/reports/does-not-exist").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void onDemandRunIsAcceptedThenConflicts() throws InterruptedException {
        awaitFirstReport();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        do {
            status = given().post("/api/targets/simulator/runs").then().extract().statusCode();
            if (status == 409) {
                Thread.sleep(500);
            }
        } while (status == 409 && System.nanoTime() < deadline);
        assertTrue(status == 202, "POST answered " + status);
        given().post("/api/targets/simulator/runs").then().statusCode(409);
        RestAssured.reset();
    }
}

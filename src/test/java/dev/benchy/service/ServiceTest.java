package dev.benchy.service;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
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

    @Test
    void aStartedRunAnswersAtItsLocationWithItsProgressThenPointsAtItsReport() throws InterruptedException {
        awaitFirstReport();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        io.restassured.response.Response accepted;
        do {
            accepted = given().post("/api/targets/simulator/runs");
            if (accepted.statusCode() == 409) {
                Thread.sleep(200);
            }
        } while (accepted.statusCode() == 409 && System.nanoTime() < deadline);
        String id = accepted.then().statusCode(202).extract().path("id");
        accepted.then().header("Location", endsWith("/api/runs/" + id))
                .body("location", equalTo("/api/runs/" + id))
                .body("report", equalTo("/api/reports/" + id));
        given().get("/api/reports/" + id).then().statusCode(404)
                .body("detail", equalTo("run '" + id + "' has not finished yet; its progress: /api/runs/" + id));

        Map<String, Object> progress = null;
        io.restassured.response.Response run;
        while (true) {
            run = given().redirects().follow(false).get("/api/runs/" + id);
            if (run.statusCode() != 200 || System.nanoTime() > deadline) {
                break;
            }
            run.then().body("id", equalTo(id)).body("target", equalTo("simulator"))
                    .body("state", either(equalTo("queued")).or(equalTo("running")));
            if (progress == null && run.path("progress") != null) {
                progress = run.path("progress");
            }
            Thread.sleep(50);
        }
        assertTrue(progress != null, "the run was seen running with its progress");
        assertEquals(4, progress.get("tests"), "4 tests: depth 0 and 1024, concurrency 1 and 2: " + progress);
        assertEquals(2, progress.get("runs"), progress.toString());
        assertTrue((Integer) progress.get("test") >= 1 && (Integer) progress.get("run") >= 1, progress.toString());
        assertTrue(((String) progress.get("test_name")).startsWith("pp512 tg32"), progress.toString());

        run.then().statusCode(303).header("Location", endsWith("/api/reports/" + id))
                .body("state", equalTo("finished")).body("status", equalTo("ok"))
                .body("report", equalTo("/api/reports/" + id));
        given().get("/api/runs/" + id).then().statusCode(200).body("id", equalTo(id))
                .body("benchmarks.size()", equalTo(4));
        given().get("/api/runs/simulator-20200101T000000000Z").then().statusCode(404)
                .contentType(containsString("problem+json"))
                .body("detail", equalTo("no run with id 'simulator-20200101T000000000Z'"));
    }

    @Test
    void theOpenApiDocumentIsTypedAndDeclaresTheBearerScheme() {
        String doc = "/q/openapi?format=json";
        given().get(doc).then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/api/targets/{name}/runs'.post.security[0]", hasKey("bearer"))
                .body("paths.'/api/targets/{name}/runs'.post.responses.keySet()",
                        containsInAnyOrder("202", "401", "404", "409"))
                .body("paths.'/api/targets/{name}/runs'.post.responses.'202'.content.'application/json'.schema.$ref",
                        endsWith("/RunAccepted"))
                .body("paths.'/api/reports'.get.parameters.find { it.name == 'limit' }.schema.type",
                        equalTo("integer"))
                .body("paths.'/api/reports'.get.responses.keySet()", containsInAnyOrder("200", "400"))
                .body("paths.'/api/reports/{id}'.get.responses.'200'.content.'application/json'.schema.$ref",
                        endsWith("/RunReport"))
                .body("paths.'/api/reports/{id}'.get.responses.keySet()",
                        containsInAnyOrder("200", "400", "404", "503"))
                .body("paths.'/api/targets/{name}/reports/latest'.get.responses.keySet()",
                        containsInAnyOrder("200", "400", "404", "503"))
                .body("paths.'/api/targets/{name}/reports/latest'.get.responses.'200'.content.keySet()",
                        containsInAnyOrder("application/json", "text/markdown", "text/csv"))
                .body("paths.'/api/runs/{id}'.get.responses.keySet()", containsInAnyOrder("200", "303", "404"))
                .body("paths.'/api/targets'.get.responses.'200'.content.'application/json'.schema.items.$ref",
                        endsWith("/Target"))
                .body("components.schemas.RunReport.properties.benchmarks.type", equalTo("array"))
                .body("components.schemas.ReportSummary.properties.keySet()", hasItem("finished_at"))
                .body("components.schemas.Target.properties.keySet()", hasItem("last_report_id"))
                .body("components.schemas.Run.properties.keySet()", hasItem("progress"))
                .body("components.schemas.Problem.properties.keySet()",
                        containsInAnyOrder("status", "title", "detail"));
    }

    @Test
    void aWrongMethodIsA405WithAllowAndAProblem() {
        given().delete("/api/targets").then().statusCode(405)
                .header("Allow", containsString("GET"))
                .contentType(containsString("problem+json"))
                .body("status", equalTo(405))
                .body("detail", containsString("GET"));
        given().put("/api/targets/simulator/runs").then().statusCode(405)
                .header("Allow", containsString("POST"))
                .body("status", equalTo(405));
    }

    @Test
    void reportsInEveryFormatNameOneCharset() throws InterruptedException {
        String id = awaitFirstReport();
        for (String format : List.of("json", "md", "csv", "html")) {
            String type = given().get("/api/reports/" + id + "?format=" + format).then().statusCode(200)
                    .extract().contentType();
            assertEquals(1, type.toLowerCase(java.util.Locale.ROOT).split("charset", -1).length - 1, type);
            assertTrue(type.toLowerCase(java.util.Locale.ROOT).contains("charset=utf-8"), type);
        }
    }
}

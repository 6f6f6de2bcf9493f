package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Azure OpenAI's deployment URL with its {@code api-version} query and its {@code api-key} header, against a strict
 * fake ({@link StrictServers#azure}): the query goes with every call, the key in the header asked for, the model
 * is the deployment's name (no {@code /models} of the deployment needed), and the key and the extra header's value
 * are nowhere in the output.
 */
class BenchAzureTest {

    private static final String KEY = "azure-key-8c41d0a2f5";
    private static final String ORG = "org-value-51bd77e2";
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static String deploymentUrl(FakeOpenAiServer server, String query) {
        return server.baseUrl().replace("/v1", "/openai/deployments/gpt-4o-mini") + query;
    }

    @Test
    void aDeploymentUrlWithItsApiVersionAndKeyHeaderIsBenchmarkedAndTheModelIsTheDeployment() throws Exception {
        try (FakeOpenAiServer azure = FakeOpenAiServer.start(StrictServers.azure("gpt-4o-mini", KEY))) {
            String url = deploymentUrl(azure, "?api-version=2024-10-21");
            InProcessBench.Result r = InProcessBench.run(vertx, url, "--auth-header", "api-key", "--api-key", KEY,
                    "--header", "X-Org: " + ORG, "--pp", "20", "--tg", "4", "--runs", "1", "--format", "json");

            assertEquals(0, r.exit(), r.toString());
            JsonNode report = r.json();
            assertEquals("ok", report.get("status").asText());
            assertEquals("gpt-4o-mini", report.get("model").asText());
            assertEquals("gpt-4o-mini", report.get("served_model").asText());
            assertEquals(url, report.get("base_url").asText());
            assertTrue(report.get("latency_ms").asDouble() > 0, "api latency from the resource's model list");
            JsonNode shape = report.get("request_shape");
            assertEquals("api-key", shape.get("auth_header").asText());
            assertEquals("[\"X-Org\"]", shape.get("headers").toString());
            assertEquals("return_token_ids", shape.get("dropped").get(0).get("field").asText());
            assertTrue(azure.requests().stream().noneMatch(q -> q.path().endsWith("/deployments/gpt-4o-mini/models")),
                    "the deployment has no model list and none is asked for");
            String everything = r.stdout() + r.stderr();
            assertFalse(everything.contains(KEY), "the key is never shown");
            assertFalse(everything.contains(ORG), "a header value is never shown");
        }
    }

    @Test
    void withoutTheKeyHeaderAzureRefusesAndTheErrorSaysSoWithoutTheKey() throws Exception {
        try (FakeOpenAiServer azure = FakeOpenAiServer.start(StrictServers.azure("gpt-4o-mini", KEY))) {
            InProcessBench.Result r = InProcessBench.run(vertx, deploymentUrl(azure, "?api-version=2024-10-21"),
                    "--api-key", KEY, "--pp", "20", "--tg", "4", "--runs", "1");

            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("HTTP 401"), r.stderr());
            assertFalse((r.stdout() + r.stderr()).contains(KEY));
        }
    }

    @Test
    void withoutTheApiVersionAzureAnswersNotFound() throws Exception {
        try (FakeOpenAiServer azure = FakeOpenAiServer.start(StrictServers.azure("gpt-4o-mini", KEY))) {
            InProcessBench.Result r = InProcessBench.run(vertx, deploymentUrl(azure, ""), "--auth-header",
                    "api-key", "--api-key", KEY, "--pp", "20", "--tg", "4", "--runs", "1");

            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("HTTP 404: {\"error\":{\"code\":\"404\",\"message\":\"Resource not found\"}}"),
                    r.stderr());
        }
    }
}

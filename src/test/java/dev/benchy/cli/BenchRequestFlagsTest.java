package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * llama-benchy's newer request flags ({@code --extra-body}, {@code --exact-tg}) and benchy's {@code --header} and
 * {@code --auth-header}: what reaches the server, what the report records (names, never header values), and the
 * one-line refusal of each wrong value.
 */
class BenchRequestFlagsTest {

    private static final String TRACE = "trace-value-2f9e01c7";
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void extraBodyExactTgAndHeadersReachTheServer() throws Exception {
        List<String> traces = Collections.synchronizedList(new ArrayList<>());
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            traces.add(exchange.getRequestHeaders().getFirst("X-Trace"));
            FakeOpenAiServer.honestly(request, exchange);
        })) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--model", "m", "--pp", "20",
                    "--tg", "4", "--runs", "1", "--format", "json", "--exact-tg",
                    "--extra-body", "top_k=20", "--extra-body", "chat_template_kwargs={\"enable_thinking\": false}",
                    "--extra-body", "stop=END", "--extra-body", "return_token_ids=null",
                    "--header", "X-Trace: " + TRACE);

            assertEquals(0, r.exit(), r.toString());
            for (FakeOpenAiServer.Request measured : fake.benchmarkRequests()) {
                JsonNode body = measured.body();
                assertEquals(4, body.get("max_tokens").asInt());
                assertEquals(4, body.get("min_tokens").asInt());
                assertTrue(body.get("ignore_eos").asBoolean());
                assertTrue(body.get("top_k").isInt());
                assertEquals(20, body.get("top_k").asInt());
                assertFalse(body.get("chat_template_kwargs").get("enable_thinking").asBoolean(true));
                assertEquals("END", body.get("stop").asText());
                assertFalse(body.has("return_token_ids"), "KEY=null removes benchy's field");
                assertTrue(body.get("stream_options").get("include_usage").asBoolean());
            }
            fake.requests().stream().filter(q -> q.chat() && !q.streaming()).forEach(q -> {
                assertEquals(20, q.body().get("top_k").asInt(), "the extra body goes with every request");
                assertFalse(q.body().has("min_tokens") || q.body().has("ignore_eos"), "exact-tg is for measured ones");
            });
            assertTrue(traces.size() > 4 && traces.stream().allMatch(TRACE::equals), traces.toString());
            JsonNode shape = r.json().get("request_shape");
            assertEquals("[\"model\",\"messages\",\"max_tokens\",\"stream\",\"stream_options\",\"top_k\","
                    + "\"chat_template_kwargs\",\"stop\",\"min_tokens\",\"ignore_eos\"]", shape.get("fields").toString());
            assertEquals("[\"top_k\",\"chat_template_kwargs\",\"stop\",\"return_token_ids\"]",
                    shape.get("extra_body").toString());
            assertTrue(shape.get("exact_tg").asBoolean());
            assertEquals("[\"X-Trace\"]", shape.get("headers").toString());
            assertEquals("Authorization", shape.get("auth_header").asText());
            assertFalse((r.stdout() + r.stderr()).contains(TRACE), "a header value is a secret");
        }
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of(List.of("--extra-body", "top_k"),
                        "benchy bench: --extra-body: must be KEY=VALUE, but was 'top_k'"),
                Arguments.of(List.of("--extra-body", "max_tokens=5"),
                        "benchy bench: --extra-body: a key must not be one benchy sets itself (model, messages,"
                                + " max_tokens, stream), but was max_tokens"),
                Arguments.of(List.of("--header", "sk-secret-without-a-name"),
                        "benchy bench: --header: must be 'Name: value', but had no name before a ':' (the value is"
                                + " not shown: header values are secrets)"),
                Arguments.of(List.of("--header", "X Org: sk-secret-value"),
                        "benchy bench: --header: a header name must be letters, digits or !#$%&'*+-.^_`|~, but was"
                                + " 'X Org'"),
                Arguments.of(List.of("--header", "X-Org:"),
                        "benchy bench: --header: the value of header X-Org must not be empty, but was empty"),
                Arguments.of(List.of("--header", "Content-Length: 12"),
                        "benchy bench: --header: a header must not be one the HTTP client sets itself (Host,"
                                + " Content-Length, Transfer-Encoding, Connection...), but was Content-Length"),
                Arguments.of(List.of("--api-key", "sk-secret-key", "--header", "authorization: Bearer sk-secret-2"),
                        "benchy bench: --header: a header must not be the one the api key is sent in when a key is"
                                + " given, but was authorization"),
                Arguments.of(List.of("--auth-header", "api key"),
                        "benchy bench: --auth-header: a header name must be letters, digits or !#$%&'*+-.^_`|~, but"
                                + " was 'api key'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongValues")
    void aWrongValueIsRefusedInOneLineWithoutItsSecret(List<String> flags, String expected) throws Exception {
        List<String> args = new ArrayList<>(List.of("--base-url", "http://127.0.0.1:9/v1"));
        args.addAll(flags);
        InProcessBench.Result r = InProcessBench.runExactly(vertx, args.toArray(String[]::new));

        assertEquals(2, r.exit(), r.toString());
        assertEquals(expected, r.stderr().lines().findFirst().orElse(""), r.toString());
        assertFalse(r.stderr().contains("sk-secret"), r.stderr());
    }

    @Test
    void aBaseUrlCarryingAKeyInItsQueryIsRefusedWithoutTheKey() throws Exception {
        InProcessBench.Result r = InProcessBench.runExactly(vertx, "--base-url",
                "https://example.invalid/v1?api-version=2024-10-21&key=sk-secret-in-url");

        assertEquals(2, r.exit(), r.toString());
        assertEquals("benchy bench: --base-url: base URL must not carry credentials (give the api key or a header"
                + " instead), but its query had 'key'", r.stderr().lines().findFirst().orElse(""));
        assertFalse(r.stderr().contains("sk-secret"), r.stderr());
    }
}

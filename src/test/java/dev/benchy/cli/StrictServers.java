package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Servers that check what they are sent, each answering a request it does not accept the way the real one does
 * (from its documented behaviour and source):
 * <ul>
 *     <li>OpenAI (and the hosted providers that copy its checks, Azure OpenAI among them): HTTP 400
 *     {@code {"error": {"message": "Unrecognized request argument supplied: return_token_ids", "type":
 *     "invalid_request_error", "param": null, "code": null}}}, several fields listed in one message;</li>
 *     <li>SGLang: accepts {@code return_token_ids} on non-streaming requests only; a streaming one gets HTTP 400
 *     {@code {"object": "error", "message": "return_token_ids is not supported with streaming on
 *     /v1/chat/completions. Please set stream=false when using return_token_ids=true.", "type": "BadRequestError",
 *     "param": null, "code": 400}};</li>
 *     <li>TensorRT-LLM ({@code trtllm-serve}): pydantic request models with {@code extra="forbid"}, the validation
 *     error turned into HTTP 400 {@code {"error": "<str of the error list>"}}, every extra field an
 *     {@code extra_forbidden} entry whose {@code loc} is {@code ('body', field)};</li>
 *     <li>a FastAPI server with forbidden extras and FastAPI's own handler: HTTP 422 {@code {"detail": [{"type":
 *     "extra_forbidden", "loc": ["body", field], "msg": "Extra inputs are not permitted", "input": …}]}}.</li>
 * </ul>
 * What they accept they answer honestly: "Paris" to a blocking request, {@code max_tokens} events of one word
 * (" the", one GPT-2 token) to a streaming one, without {@code token_ids}, with a usage event only when
 * {@code stream_options.include_usage} asks for it. Their usage counts {@code usageTokensPerEvent} tokens for each
 * event, so a test can tell whose count benchy used.
 */
final class StrictServers {

    /** Top-level chat completion fields of OpenAI's API reference (those benchy could ever send among them). */
    static final Set<String> OPENAI_FIELDS = Set.of("model", "messages", "max_tokens", "max_completion_tokens",
            "stream", "stream_options", "temperature", "top_p", "n", "stop", "presence_penalty", "frequency_penalty",
            "logit_bias", "logprobs", "top_logprobs", "user", "seed", "tools", "tool_choice", "response_format",
            "parallel_tool_calls", "reasoning_effort", "metadata", "store", "service_tier", "modalities");
    /** OpenAI's fields, and TensorRT-LLM's sampling extensions (no return_token_ids, no cache_prompt). */
    static final Set<String> TRTLLM_FIELDS = union(OPENAI_FIELDS, Set.of("top_k", "min_tokens", "ignore_eos",
            "min_p", "repetition_penalty", "chat_template_kwargs"));

    static final long GAP_MILLIS = 10;

    private StrictServers() {
    }

    /** The rate at which a server wrote the events of its streams of one length, as it saw it. */
    static final class EventRates {
        private final int tokens;
        private final List<Double> rates = java.util.Collections.synchronizedList(new ArrayList<>());

        EventRates(int tokens) {
            this.tokens = tokens;
        }

        void record(int streamed, long firstNanos, long lastNanos) {
            if (streamed == tokens && lastNanos > firstNanos) {
                rates.add((streamed - 1) / ((lastNanos - firstNanos) / 1e9));
            }
        }

        /** Events per second, the mean over the streams of that length. */
        double mean() {
            synchronized (rates) {
                return rates.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            }
        }
    }

    static FakeOpenAiServer.Behaviour openAi(int usageTokensPerEvent) {
        return openAi(OPENAI_FIELDS, usageTokensPerEvent, null);
    }

    /** OpenAI's field check over {@code accepted}; the event rate of each stream goes to {@code rates}, if any. */
    static FakeOpenAiServer.Behaviour openAi(Set<String> accepted, int usageTokensPerEvent, EventRates rates) {
        return (request, exchange) -> {
            List<String> unknown = unknownFields(request, accepted);
            if (!unknown.isEmpty()) {
                FakeOpenAiServer.json(exchange, 400, "{\"error\":{\"message\":\"Unrecognized request argument"
                        + (unknown.size() > 1 ? "s" : "") + " supplied: " + String.join(", ", unknown)
                        + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
            } else {
                answer(request, exchange, usageTokensPerEvent, rates);
            }
        };
    }

    static FakeOpenAiServer.Behaviour sglang() {
        return (request, exchange) -> {
            if (request.chat() && request.streaming() && request.body().path("return_token_ids").asBoolean(false)) {
                FakeOpenAiServer.json(exchange, 400, "{\"object\":\"error\",\"message\":\"return_token_ids is not"
                        + " supported with streaming on /v1/chat/completions. Please set stream=false when using"
                        + " return_token_ids=true.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}");
            } else {
                answer(request, exchange, 1, null);
            }
        };
    }

    static FakeOpenAiServer.Behaviour tensorRtLlm() {
        return (request, exchange) -> {
            List<String> unknown = unknownFields(request, TRTLLM_FIELDS);
            if (!unknown.isEmpty()) {
                List<String> errors = new ArrayList<>();
                for (String field : unknown) {
                    errors.add("{'type': 'extra_forbidden', 'loc': ('body', '" + field + "'), 'msg': 'Extra inputs"
                            + " are not permitted', 'input': " + python(request.body().get(field)) + "}");
                }
                FakeOpenAiServer.json(exchange, 400, FakeOpenAiServer.JSON.createObjectNode()
                        .put("error", "[" + String.join(", ", errors) + "]").toString());
            } else {
                answer(request, exchange, 1, null);
            }
        };
    }

    static FakeOpenAiServer.Behaviour fastApi422(Set<String> accepted) {
        return (request, exchange) -> {
            List<String> unknown = unknownFields(request, accepted);
            if (!unknown.isEmpty()) {
                List<String> errors = new ArrayList<>();
                for (String field : unknown) {
                    errors.add("{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"" + field + "\"],\"msg\":\"Extra"
                            + " inputs are not permitted\",\"input\":" + request.body().get(field) + "}");
                }
                FakeOpenAiServer.json(exchange, 422, "{\"detail\":[" + String.join(",", errors) + "]}");
            } else {
                answer(request, exchange, 1, null);
            }
        };
    }

    /** What an accepted request gets: a model list, "Paris", or a stream without token ids. */
    static void answer(FakeOpenAiServer.Request request, HttpExchange exchange, int usageTokensPerEvent,
                       EventRates rates) throws Exception {
        if (request.path().endsWith("/models")) {
            FakeOpenAiServer.json(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"strict-model\","
                    + "\"object\":\"model\"}]}");
        } else if (!request.streaming()) {
            FakeOpenAiServer.complete(exchange, "Paris", null, "{\"prompt_tokens\":"
                    + FakeOpenAiServer.promptTokens(request) + ",\"completion_tokens\":1}");
        } else {
            int tokens = request.body().path("max_tokens").asInt(1);
            boolean usage = request.body().path("stream_options").path("include_usage").asBoolean(false);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            TimeUnit.MILLISECONDS.sleep(FakeOpenAiServer.PREFILL_MILLIS);
            long first = 0;
            long last = 0;
            for (int i = 0; i < tokens; i++) {
                if (i > 0) {
                    TimeUnit.MILLISECONDS.sleep(GAP_MILLIS);
                }
                FakeOpenAiServer.event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" the\"}}]}");
                last = System.nanoTime();
                first = i == 0 ? last : first;
            }
            if (rates != null) {
                rates.record(tokens, first, last);
            }
            FakeOpenAiServer.event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}");
            if (usage) {
                FakeOpenAiServer.event(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":"
                        + FakeOpenAiServer.promptTokens(request) + ",\"completion_tokens\":" + tokens * usageTokensPerEvent
                        + "}}");
            }
            FakeOpenAiServer.event(out, "[DONE]");
        }
    }

    /** The top-level fields of a chat request that are not in {@code accepted}, in the body's order. */
    static List<String> unknownFields(FakeOpenAiServer.Request request, Set<String> accepted) {
        List<String> unknown = new ArrayList<>();
        if (request.chat() && request.body() != null) {
            for (Iterator<String> names = request.body().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!accepted.contains(name)) {
                    unknown.add(name);
                }
            }
        }
        return unknown;
    }

    private static String python(JsonNode value) {
        if (value == null) {
            return "None";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "True" : "False";
        }
        return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * An Azure OpenAI resource with one deployment: chat completions at
     * {@code /openai/deployments/{deployment}/chat/completions}, the resource's model list at {@code /openai/models},
     * each only with an {@code api-version} query parameter (404 "Resource not found" without one) and the key in
     * the {@code api-key} header (401 otherwise; Azure ignores {@code Authorization: Bearer} for key auth); another
     * deployment is a 404 DeploymentNotFound; OpenAI's field check.
     */
    static FakeOpenAiServer.Behaviour azure(String deployment, String key) {
        FakeOpenAiServer.Behaviour fields = openAi(1);
        return (request, exchange) -> {
            String query = exchange.getRequestURI().getRawQuery();
            String path = request.path();
            if (query == null || !query.matches("(.*&)?api-version=[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?(&.*)?")) {
                FakeOpenAiServer.json(exchange, 404, "{\"error\":{\"code\":\"404\",\"message\":\"Resource not"
                        + " found\"}}");
            } else if (!key.equals(exchange.getRequestHeaders().getFirst("api-key"))) {
                FakeOpenAiServer.json(exchange, 401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied"
                        + " due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key"
                        + " for an active subscription and use a correct regional API endpoint for your"
                        + " resource.\"}}");
            } else if (path.equals("/openai/models")) {
                FakeOpenAiServer.json(exchange, 200, "{\"data\":[{\"id\":\"gpt-4o-mini-2024-07-18\","
                        + "\"object\":\"model\"},{\"id\":\"gpt-4o-2024-08-06\",\"object\":\"model\"}],"
                        + "\"object\":\"list\"}");
            } else if (!path.equals("/openai/deployments/" + deployment + "/chat/completions")) {
                FakeOpenAiServer.json(exchange, 404, "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":"
                        + "\"The API deployment for this resource does not exist.\"}}");
            } else {
                fields.answer(request, exchange);
            }
        };
    }
}

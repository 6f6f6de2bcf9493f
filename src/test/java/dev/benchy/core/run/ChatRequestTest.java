package dev.benchy.core.run;

import dev.benchy.core.request.OptionalField;
import dev.benchy.core.request.RequestShape;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one builder: every request's fields, from its kind and the target's request shape. */
class ChatRequestTest {

    private static final List<Message> MESSAGES = List.of(Message.system("ctx \"q\""), Message.user("hi"));

    private static String json(ChatRequest request, RequestShape shape) {
        return new String(request.toJson(shape), StandardCharsets.UTF_8);
    }

    @Test
    void byDefaultBenchySendsLlamaBenchysFields() {
        assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"ctx \\\"q\\\"\"},{\"role\":"
                + "\"user\",\"content\":\"hi\"}],\"max_tokens\":32,\"stream\":true,\"return_token_ids\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"cache_prompt\":false}",
                json(ChatRequest.measured("m", MESSAGES, 32, true), RequestShape.DEFAULT));
        assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1}",
                json(ChatRequest.blocking("m", List.of(Message.user("hi")), 1), RequestShape.DEFAULT));
    }

    @Test
    void refusedFieldsAreLeftOut() {
        RequestShape shape = RequestShape.DEFAULT.dropping(OptionalField.RETURN_TOKEN_IDS, "HTTP 400")
                .dropping(OptionalField.CACHE_PROMPT, "HTTP 400");

        assertEquals(List.of("model", "messages", "max_tokens", "stream", "stream_options"),
                ChatRequest.measured("m", MESSAGES, 32, true).fieldNames(shape));
    }

    @Test
    void theExtraBodyComesAfterAndReplacesOrRemovesBenchysFieldsThenExactTgWins() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("stream_options", Map.of("include_usage", true, "continuous_usage_stats", true));
        extra.put("return_token_ids", null);
        extra.put("top_k", 20);
        extra.put("ignore_eos", false);
        RequestShape shape = RequestShape.of(extra, true, "Authorization", List.of());

        assertEquals(List.of("model", "messages", "max_tokens", "stream", "stream_options", "top_k", "min_tokens",
                "ignore_eos"), ChatRequest.measured("m", MESSAGES, 8, false).fieldNames(shape));
        String body = json(ChatRequest.measured("m", MESSAGES, 8, false), shape);
        assertEquals(true, body.contains("\"max_tokens\":8,\"stream\":true,\"stream_options\":{"), body);
        assertEquals(true, body.endsWith("\"top_k\":20,\"min_tokens\":8,\"ignore_eos\":true}"), body);
        // streaming-only fields stay off blocking requests, even the user's; exact-tg is for measured requests
        assertEquals(List.of("model", "messages", "max_tokens", "top_k", "ignore_eos"),
                ChatRequest.blocking("m", MESSAGES, 1).fieldNames(shape));
        assertEquals(List.of("model", "messages", "max_tokens", "stream", "stream_options", "top_k", "ignore_eos"),
                ChatRequest.streamedProbe("m", MESSAGES, 1).fieldNames(shape));
    }

    @Test
    void aFieldTheUserReplacedIsNotBenchysToDrop() {
        RequestShape shape = RequestShape.of(Map.of("return_token_ids", false), false, "Authorization", List.of());

        assertEquals(List.of("stream_options", "cache_prompt"), shape.sentOptionalKeys());
    }
}

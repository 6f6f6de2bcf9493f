package dev.benchy.core.stream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.benchy.core.stream.RequestTrace.ABSENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatChunkParserTest {

    private final ChatChunkParser parser = new ChatChunkParser();
    private final ChatChunk chunk = new ChatChunk();

    private boolean parse(String json) {
        byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 2, bytes.length - 4, chunk);
    }

    @Test
    void contentDelta() {
        assertTrue(parse("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"Hel\\u00e9lo\"},\"logprobs\":null,\"finish_reason\":null}]}"));

        assertTrue(chunk.hasChoices());
        assertEquals("Hel\u00e9lo", chunk.content().toString());
        assertTrue(chunk.hasContent());
        assertFalse(chunk.hasReasoning());
        assertFalse(chunk.hasToolCall());
        assertEquals(ABSENT, chunk.tokenIds());
        assertNull(chunk.finishReason());
        assertTrue(chunk.carriesOutput());
        assertFalse(chunk.hasUsage());
    }

    @Test
    void roleOnlyDeltaHasChoicesButNoOutput() {
        assertTrue(parse("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"));

        assertTrue(chunk.hasChoices());
        assertFalse(chunk.carriesOutput());
    }

    @Test
    void reasoningContentAndReasoning() {
        assertTrue(parse("{\"choices\":[{\"delta\":{\"reasoning_content\":\"think\",\"content\":null}}]}"));
        assertEquals("think", chunk.reasoning().toString());
        assertFalse(chunk.hasContent());
        assertTrue(chunk.carriesOutput());

        assertTrue(parse("{\"choices\":[{\"delta\":{\"reasoning\":\"ponder\"}}]}"));
        assertEquals("ponder", chunk.reasoning().toString());
        assertTrue(chunk.hasReasoning());

        assertTrue(parse("{\"choices\":[{\"delta\":{\"reasoning\":\"same\",\"reasoning_content\":\"same\"}}]}"));
        assertEquals("same", chunk.reasoning().toString());
    }

    @Test
    void toolCallDelta() {
        assertTrue(parse("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}}]}}]}"));

        assertTrue(chunk.hasToolCall());
        assertTrue(chunk.carriesOutput());
        assertFalse(chunk.hasContent());
        assertEquals("get_weather{\"city\":", chunk.toolCallText().toString());

        assertTrue(parse("{\"choices\":[{\"delta\":{\"tool_calls\":[]}}]}"));
        assertFalse(chunk.hasToolCall());
        assertFalse(chunk.carriesOutput());
    }

    @Test
    void tokenIdsOnTheChoiceOrItsDelta() {
        assertTrue(parse("{\"choices\":[{\"delta\":{\"content\":\"ab\"},\"token_ids\":[12,34,56]}]}"));
        assertEquals(3, chunk.tokenIds());

        assertTrue(parse("{\"choices\":[{\"delta\":{\"content\":\"\",\"token_ids\":[7]}}]}"));
        assertEquals(1, chunk.tokenIds());
        assertTrue(chunk.carriesOutput(), "a token without text is still output");

        assertTrue(parse("{\"choices\":[{\"delta\":{},\"token_ids\":[],\"finish_reason\":\"stop\"}]}"));
        assertEquals(0, chunk.tokenIds());
        assertFalse(chunk.carriesOutput());
        assertEquals("stop", chunk.finishReason());
    }

    @Test
    void nullUsageIsNoUsage() {
        assertTrue(parse("{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":null}"));

        assertFalse(chunk.hasUsage());
        assertEquals(ABSENT, chunk.promptTokens());
        assertEquals(ABSENT, chunk.completionTokens());
        assertEquals(ABSENT, chunk.cachedTokens());
    }

    @Test
    void usageOnlyEventWithCachedTokens() {
        assertTrue(parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":2048,\"total_tokens\":2080,"
                + "\"completion_tokens\":32,\"prompt_tokens_details\":{\"cached_tokens\":1024}}}"));

        assertFalse(chunk.hasChoices());
        assertTrue(chunk.hasUsage());
        assertEquals(2048, chunk.promptTokens());
        assertEquals(32, chunk.completionTokens());
        assertEquals(1024, chunk.cachedTokens());
    }

    @Test
    void promptTokensMustBeAnInteger() {
        assertTrue(parse("{\"usage\":{\"prompt_tokens\":12.5,\"completion_tokens\":\"3\","
                + "\"prompt_tokens_details\":null}}"));

        assertTrue(chunk.hasUsage());
        assertEquals(ABSENT, chunk.promptTokens());
        assertEquals(ABSENT, chunk.completionTokens());
        assertEquals(ABSENT, chunk.cachedTokens());
    }

    @Test
    void llamaCppTimingsCacheNCountsWhenUsageLacksCachedTokens() {
        assertTrue(parse("{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],"
                + "\"usage\":{\"completion_tokens\":10,\"prompt_tokens\":100,\"total_tokens\":110},"
                + "\"timings\":{\"cache_n\":96,\"prompt_n\":4,\"prompt_ms\":12.5,\"predicted_ms\":80.1}}"));
        assertEquals(96, chunk.cachedTokens());
        assertEquals(100, chunk.promptTokens());

        assertTrue(parse("{\"timings\":{\"cache_n\":96},"
                + "\"usage\":{\"prompt_tokens_details\":{\"cached_tokens\":64}}}"));
        assertEquals(64, chunk.cachedTokens(), "usage wins over timings");
    }

    @Test
    void errorObjectAndErrorString() {
        assertTrue(parse("{\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"InternalServerError\","
                + "\"code\":500}}"));
        assertEquals("CUDA out of memory", chunk.error());
        assertFalse(chunk.hasChoices());

        assertTrue(parse("{\"error\":\"overloaded\"}"));
        assertEquals("overloaded", chunk.error());

        assertTrue(parse("{\"error\":{\"code\":500}}"));
        assertEquals("error object without a message", chunk.error());

        assertTrue(parse("{\"error\":null,\"choices\":[]}"));
        assertNull(chunk.error());
    }

    @Test
    void malformedJsonIsReportedAndLeavesTheChunkEmpty() {
        assertTrue(parse("{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}"));

        assertFalse(parse("{\"choices\":[{\"delta\":{\"content\":\"x\"}}"));
        assertFalse(chunk.hasChoices());
        assertFalse(chunk.hasContent());

        assertFalse(parse("not json"));
        assertFalse(parse("[1,2]"));
        assertFalse(parse("42"));
        assertFalse(parse("{\"a\":1} {\"b\":2}"));
        assertFalse(parse("{\"a\":1} trailing"));
        assertFalse(parse(""));
    }

    @Test
    void aHugePromptTokenIdsArrayIsSkipped() {
        StringBuilder json = new StringBuilder("{\"id\":\"c\",\"prompt_token_ids\":[");
        for (int i = 0; i < 500_000; i++) {
            json.append(i % 150_000).append(',');
        }
        json.append("1],\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"token_ids\":null}],\"nested\":{\"deep\":[[{\"x\":[1,{\"y\":null}]}]]}}");

        assertTrue(parse(json.toString()));

        assertTrue(chunk.hasChoices());
        assertFalse(chunk.carriesOutput());
        assertEquals(ABSENT, chunk.tokenIds());
    }

    @Test
    void onlyTheFirstChoiceCounts() {
        assertTrue(parse("{\"choices\":[{\"index\":0,\"delta\":{}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}"));

        assertTrue(chunk.hasChoices());
        assertFalse(chunk.hasContent());
    }

    @Test
    void eachParseForgetsThePreviousEvent() {
        assertTrue(parse("{\"choices\":[{\"delta\":{\"content\":\"a\"},\"token_ids\":[1],\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":5},\"error\":\"e\"}"));
        assertTrue(parse("{}"));

        assertFalse(chunk.hasChoices());
        assertEquals("", chunk.content().toString());
        assertEquals(ABSENT, chunk.tokenIds());
        assertNull(chunk.finishReason());
        assertFalse(chunk.hasUsage());
        assertEquals(ABSENT, chunk.promptTokens());
        assertNull(chunk.error());
    }
}

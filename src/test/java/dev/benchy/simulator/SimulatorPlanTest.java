package dev.benchy.simulator;

import dev.benchy.tokenizer.Gpt2Tokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The simulator's decisions, without HTTP: what a request is answered with and when. */
class SimulatorPlanTest {

    private static final Clock WALL = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
    private static final String SENTENCE = "The quick brown fox jumps over the lazy dog.";

    private final WordTokenizer words = new WordTokenizer();
    /** Ids of the cycle sentence, fixed before the simulator sees the tokenizer. */
    private final int[] sentence = words.encode(SENTENCE);

    private Simulator simulator(SimulatorSettings settings) {
        return new Simulator(settings, words, () -> 0L, WALL);
    }

    private static Completion plan(Simulator sim, String body, long arrival) {
        return sim.plan(body.getBytes(StandardCharsets.UTF_8), arrival);
    }

    @Test
    void promptTokensAddTheTemplateTokensOfEveryMessage() {
        Simulator sim = simulator(SimulatorSettings.defaults().withTemplateTokens(3));
        Completion c = plan(sim, """
                {"messages":[{"role":"system","content":"one two three four"},
                             {"role":"user","content":"five six seven eight nine"}]}""", 0);
        assertEquals(4 + 3 + 5 + 3, c.promptTokens());
        assertEquals(0, c.cachedTokens());
    }

    @Test
    void prefillEndsWhenTheUncachedPromptTokensAreProcessed() {
        Simulator sim = simulator(SimulatorSettings.defaults().withPpSpeed(400));
        Completion c = plan(sim, "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "w ".repeat(100) + "\"}]}",
                1_000);
        assertEquals(1_000 + 250_000_000L, c.schedule().prefillEndNanos());
        assertEquals(16, c.completionTokens());
    }

    @Test
    void aSharedPrefixIsCachedUpToTheFirstDifferentToken() {
        Simulator sim = simulator(SimulatorSettings.defaults().withTemplateTokens(2).withPpSpeed(1000));
        String context = "c ".repeat(50);
        plan(sim, chat(context, "hello there"), 0);
        Completion second = plan(sim, chat(context, "goodbye now"), 0);
        assertEquals(2 + 50 + 2 + 2, second.promptTokens());
        assertEquals(2 + 50 + 2, second.cachedTokens());
        assertEquals(2_000_000L, second.schedule().prefillEndNanos());
    }

    @Test
    void aRepeatedPromptStillProcessesItsLastToken() {
        Simulator sim = simulator(SimulatorSettings.defaults());
        plan(sim, chat("a b c", "d e"), 0);
        Completion again = plan(sim, chat("a b c", "d e"), 0);
        assertEquals(4, again.cachedTokens());
        assertEquals(1_000_000L, again.schedule().prefillEndNanos());
    }

    @Test
    void cachePromptFalseSkipsTheLookupButStoresThePrompt() {
        Simulator sim = simulator(SimulatorSettings.defaults());
        plan(sim, chat("a b c", "d e"), 0);
        String uncached = "{\"cache_prompt\":false," + chat("a b c", "d e f").substring(1);
        assertEquals(0, plan(sim, uncached, 0).cachedTokens());
        assertEquals(6, plan(sim, chat("a b c", "d e f g"), 0).cachedTokens());
    }

    @Test
    void roleFirstChunkOpensWithTheRoleAndEmptyContent() {
        Completion c = plan(simulator(SimulatorSettings.defaults().withRoleFirst(true)), chat("x", "y"), 0);
        assertEquals("{\"id\":\"chatcmpl-sim-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"benchy-sim\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"finish_reason\":null}]}", c.roleChunk());
        assertEquals("{\"id\":\"chatcmpl-sim-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"benchy-sim\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The\"},"
                + "\"finish_reason\":null}]}", c.tokenChunk(0));
    }

    @Test
    void tokenChunksCarryTextAndTokenIdsWhenAsked() {
        Completion c = plan(simulator(SimulatorSettings.defaults()),
                "{\"max_tokens\":3,\"stream\":true,\"return_token_ids\":true,\"stream_options\":"
                        + "{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}", 0);
        String head = "{\"id\":\"chatcmpl-sim-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"benchy-sim\",";
        assertEquals(3, c.schedule().events());
        assertEquals(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"The\"},"
                + "\"finish_reason\":null,\"token_ids\":[" + sentence[0] + "]}]}", c.tokenChunk(0));
        assertEquals(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" brown\"},"
                + "\"finish_reason\":null,\"token_ids\":[" + sentence[2] + "]}]}", c.tokenChunk(2));
        assertEquals(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}",
                c.finishChunk());
        assertEquals(head + "\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3,"
                + "\"total_tokens\":5,\"prompt_tokens_details\":{\"cached_tokens\":0}}}", c.usageChunk());
    }

    @Test
    void multiTokenEventsSplitReasoningAndContentAtTheBoundary() {
        Simulator sim = simulator(SimulatorSettings.defaults().withMtp(3).withReasoningTokens(4));
        Completion c = plan(sim, "{\"max_tokens\":8,\"return_token_ids\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}", 0);
        assertEquals(3, c.schedule().events());
        assertEquals("{\"role\":\"assistant\",\"reasoning_content\":\"The quick brown\"}", delta(c.tokenChunk(0)));
        assertEquals("{\"reasoning_content\":\" fox\",\"content\":\" jumps over\"}", delta(c.tokenChunk(1)));
        assertEquals("{\"content\":\" the lazy\"}", delta(c.tokenChunk(2)));
        assertEquals(2, new Sse.Event(0, c.tokenChunk(2)).tokenIds());
    }

    @Test
    void theCoherenceQuestionIsAnsweredParisAndStops() {
        Simulator sim = simulator(SimulatorSettings.defaults());
        Completion c = plan(sim, "{\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"What is the capital of France? Please reply with one word only\"}]}", 0);
        assertEquals(1, c.completionTokens());
        assertEquals("stop", c.finishReason());
        assertEquals("{\"id\":\"chatcmpl-sim-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"benchy-sim\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Paris\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
                + "\"completion_tokens\":1,\"total_tokens\":13,\"prompt_tokens_details\":{\"cached_tokens\":0}}}",
                c.body());
    }

    @Test
    void reasoningGivesWaySoTheCoherenceAnswerFits() {
        Simulator sim = simulator(SimulatorSettings.defaults().withReasoningTokens(50));
        Completion c = plan(sim, "{\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"the capital of France?\"}]}", 0);
        assertEquals(4, c.completionTokens());
        assertEquals("length", c.finishReason());
        assertEquals("{\"role\":\"assistant\",\"content\":\"Paris\",\"reasoning_content\":\"The quick brown\"}",
                new Sse.Event(0, c.body()).json().path("choices").path(0).path("message").toString());
    }

    @Test
    void aNonStreamingAnswerHoldsReasoningContentAndTokenIds() {
        Simulator sim = simulator(SimulatorSettings.defaults().withReasoningTokens(2));
        Completion c = plan(sim, "{\"max_tokens\":4,\"return_token_ids\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}", 0);
        assertEquals("{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\" brown fox\","
                + "\"reasoning_content\":\"The quick\"},\"finish_reason\":\"length\",\"token_ids\":["
                + sentence[0] + "," + sentence[1] + "," + sentence[2] + "," + sentence[3] + "]}",
                new Sse.Event(0, c.body()).json().path("choices").path(0).toString());
    }

    @Test
    void generatedTextReTokenisesToTheTokenIdsSentWithGpt2() {
        Gpt2Tokenizer gpt2 = new Gpt2Tokenizer();
        Simulator sim = new Simulator(SimulatorSettings.defaults().withMtp(2).withReasoningTokens(5), gpt2,
                () -> 0L, WALL);
        Completion c = plan(sim, "{\"max_tokens\":101,\"stream\":true,\"return_token_ids\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story.\"}]}", 0);
        StringBuilder text = new StringBuilder();
        List<Integer> ids = new ArrayList<>();
        for (int event = 0; event < c.schedule().events(); event++) {
            JsonNode choice = new Sse.Event(0, c.tokenChunk(event)).json()
                    .path("choices").path(0);
            text.append(choice.path("delta").path("reasoning_content").asText(""))
                    .append(choice.path("delta").path("content").asText(""));
            choice.path("token_ids").forEach(id -> ids.add(id.asInt()));
        }
        assertEquals(51, c.schedule().events());
        assertEquals(101, ids.size());
        assertEquals(ids, Arrays.stream(gpt2.encode(text.toString())).boxed().toList());
        assertEquals(5, c.promptTokens());
    }

    @Test
    void contentPartsAndNullContentAreText() {
        Simulator sim = simulator(SimulatorSettings.defaults());
        Completion c = plan(sim, "{\"messages\":[{\"role\":\"system\",\"content\":null},{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"a b \"},{\"type\":\"text\",\"text\":\"c\"}]}]}", 0);
        assertEquals(3, c.promptTokens());
    }

    @Test
    void maxCompletionTokensStandsInForMaxTokens() {
        Completion c = plan(simulator(SimulatorSettings.defaults()),
                "{\"max_completion_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 0);
        assertEquals(5, c.completionTokens());
    }

    @Test
    void invalidRequestsNameTheFieldAndTheValue() {
        Simulator sim = simulator(SimulatorSettings.defaults());
        assertInvalid(sim, "{not json", null, "request body must be valid JSON, but was not: ");
        assertInvalid(sim, "[1]", null, "request body must be a JSON object, but was [1]");
        assertInvalid(sim, "{}", "messages", "messages must be a non-empty array, but was missing");
        assertInvalid(sim, "{\"messages\":[]}", "messages", "messages must be a non-empty array, but was []");
        assertInvalid(sim, "{\"messages\":[{\"content\":\"x\"}]}", "messages",
                "messages[0].role must be a string, but was missing");
        assertInvalid(sim, "{\"messages\":[{\"role\":\"user\",\"content\":5}]}", "messages",
                "messages[0].content must be a string or an array of parts, but was 5");
        assertInvalid(sim, chatWith("\"max_tokens\":0"), "max_tokens",
                "max_tokens must be an integer of at least 1, but was 0");
        assertInvalid(sim, chatWith("\"max_tokens\":2.5"), "max_tokens",
                "max_tokens must be an integer of at least 1, but was 2.5");
        assertInvalid(sim, chatWith("\"stream\":\"yes\""), "stream", "stream must be true or false, but was \"yes\"");
    }

    private static void assertInvalid(Simulator sim, String body, String param, String messageStart) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> plan(sim, body, 0));
        if (param == null) {
            assertNull(e.param());
        } else {
            assertEquals(param, e.param());
        }
        if (messageStart.endsWith(": ")) {
            assertEquals(messageStart, e.getMessage().substring(0, messageStart.length()));
        } else {
            assertEquals(messageStart, e.getMessage());
        }
    }

    private static String chatWith(String field) {
        return "{" + field + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    }

    private static String chat(String system, String user) {
        return "{\"messages\":[{\"role\":\"system\",\"content\":\"" + system + "\"},{\"role\":\"user\",\"content\":\""
                + user + "\"}]}";
    }

    private static String delta(String chunk) {
        return new Sse.Event(0, chunk).delta().toString();
    }
}

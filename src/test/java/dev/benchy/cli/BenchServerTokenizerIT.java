package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchy.JarRun;
import dev.benchy.tokenizer.FakeLlamaChat;
import dev.benchy.tokenizer.FakeTokenizeServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar's {@code bench} (Quarkus in command mode) against a fake llama-server that reports its GGUF
 * file as the model id: with no tokenizer named, prompts are counted by the server's own {@code /tokenize}, and the
 * server then processes exactly the prompt sizes the rows are labelled with. Without a tokenize endpoint, the
 * fallback to GPT-2 says what was tried and why.
 */
class BenchServerTokenizerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOK = "src/test/resources/corpus/book.txt";

    private static JarRun.Result bench(String baseUrl, String... flags) throws Exception {
        // no latency probe: on a loaded machine its spread warning would mix in with the tokenizer's
        List<String> args = new ArrayList<>(List.of("bench", "--base-url", baseUrl, "--book-url", BOOK, "--seed",
                "3", "--format", "json", "--latency-mode", "none"));
        args.addAll(List.of(flags));
        return JarRun.run(null, List.of(), args, 180);
    }

    @Test
    void aGgufModelIdIsBenchmarkedWithTheServersOwnTokenizerAndExactPromptSizes() throws Exception {
        FakeLlamaChat chat = new FakeLlamaChat();
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.LLAMA_CPP, chat)) {
            JarRun.Result r = bench(fake.baseUrl(), "--pp", "64", "--tg", "4", "--depth", "0", "256",
                    "--concurrency", "1", "2", "--runs", "2");

            assertEquals(0, r.exit(), r.stderr());
            JsonNode report = JSON.readTree(r.stdout());
            assertEquals(FakeLlamaChat.GGUF, report.get("model").asText());
            assertEquals("server:/tokenize (llama.cpp)", report.get("tokenizer").asText());
            assertEquals(0, report.get("warnings").size(), report.get("warnings").toString());
            assertTrue(r.stderr().contains("Tokenizer '" + FakeLlamaChat.GGUF + "' could not be loaded (a GGUF model"
                    + " file holds no tokenizer.json); counting with the server's own tokenizer instead:"
                    + " server:/tokenize (llama.cpp) at " + fake.root()), r.stderr());
            assertTrue(r.stderr().contains("Tokenizer: server:/tokenize (llama.cpp)"), r.stderr());
            List<Integer> expected = new ArrayList<>();
            for (int depth : new int[] {0, 256}) {
                for (int concurrency : new int[] {1, 2}) {
                    expected.addAll(Collections.nCopies(2 * concurrency, 64 + depth));
                }
            }
            assertEquals(expected, chat.streamedPromptTokens(), "the server processed exactly the tokens asked for");
        }
    }

    @Test
    void withoutATokenizeEndpointTheFallbackToGpt2NamesEachAttemptAndWhy() throws Exception {
        FakeLlamaChat chat = new FakeLlamaChat();
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.NONE, chat)) {
            JarRun.Result r = bench(fake.baseUrl(), "--pp", "64", "--tg", "4", "--runs", "1");

            assertEquals(0, r.exit(), r.stderr());
            JsonNode report = JSON.readTree(r.stdout());
            assertEquals("gpt2 (r50k_base)", report.get("tokenizer").asText());
            String warning = "Tokenizer '" + FakeLlamaChat.GGUF + "' could not be loaded (a GGUF model file holds no"
                    + " tokenizer.json), nor the server's own tokenizer (POST " + fake.root() + "/tokenize: no tokenize"
                    + " endpoint (/tokenize answered HTTP 404 {\"error\":{\"code\":404,\"message\":\"File Not"
                    + " Found\"}})); falling back to GPT-2's encoding (r50k_base): prompt sizes and token counts may"
                    + " be off (often by 10-20 %).";
            assertEquals(warning, report.get("warnings").get(0).asText());
            assertTrue(r.stderr().contains(warning), r.stderr());
        }
    }
}

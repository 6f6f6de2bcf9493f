package dev.benchy.real;

import dev.benchy.tokenizer.Gpt2Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One request at a time, as a user benchmarks a llama-server: no tokenizer named (the server reports its GGUF path as
 * the model id), {@code generation} latency mode and {@code --no-cache}. benchy's figures are held against the
 * server's own {@code timings} of the same requests.
 */
@ExtendWith(RealLlamaServer.class)
class SingleStreamIT {

    static final double TG_BAND = 0.01;
    static final double PP_BAND = 0.03;
    private static final int TG = 64;

    private static ServedRun run;

    @BeforeAll
    static void bench(LlamaServer server) throws Exception {
        run = ServedRun.bench(server, "single-stream", "--pp", "512", "--tg", Integer.toString(TG),
                "--depth", "0", "512", "--runs", "3", "--latency-mode", "generation", "--no-cache");
    }

    @Test
    void tgPerRequestIsWithinOnePercentOfTheServers() {
        eachRequestWithin(TG_BAND, "tg_req_throughput", ServerLog.Task::predictedPerSecond);
    }

    @Test
    void ppPerRequestIsWithinThreePercentOfTheServersInGenerationMode() {
        eachRequestWithin(PP_BAND, "pp_req_throughput", ServerLog.Task::promptPerSecond);
    }

    /** One request at a time: benchy's values of each row are in the order the server ran the requests. */
    private static void eachRequestWithin(double band, String metric, ToDoubleFunction<ServerLog.Task> server) {
        for (ServedRows.Row row : run.rows(TG)) {
            List<Double> values = row.values(metric);
            assertEquals(row.tasks().size(), values.size(), row.name() + ": a " + metric + " value per request");
            for (int i = 0; i < values.size(); i++) {
                within(band, server.applyAsDouble(row.tasks().get(i)), values.get(i),
                        row.name() + " request " + (i + 1) + " " + metric);
            }
        }
    }

    @Test
    void noCacheMakesTheServerComputeEveryPromptToken() {
        for (ServedRows.Row row : run.rows(TG)) {
            for (ServerLog.Task task : row.tasks()) {
                assertEquals(0, task.cacheN(), row.name() + ": cache_n of " + task);
                assertEquals(task.nTokens(), task.promptN(), row.name() + ": prompt_n of " + task);
            }
            assertEquals(List.of(0.0), row.values("cached_tokens").stream().distinct().toList(),
                    row.name() + ": the report's cached_tokens");
        }
    }

    /** Without a tokenizer benchy cuts its prompts with the server's own {@code /tokenize}, not GPT-2's encoding. */
    @Test
    void withoutATokenizerThePromptsHaveExactlyThePlannedSizeOnTheServer() {
        String tokenizer = run.bench().report().get("tokenizer").asText();
        assertNotEquals(Gpt2Tokenizer.NAME, tokenizer, "the tokenizer of record");
        assertFalse(run.bench().stderr().contains("falling back to GPT-2"), run.bench().stderr());
        // Known gap, in docs/REAL-SERVERS.md: the windows are cut from the book as the server tokenises it alone, and
        // at a window's edge inside the chat template a SentencePiece vocabulary can merge one token differently, so
        // a prompt can be one token off the plan per window (seen: 513 for 512, 1026 for 512 @ d512); more is a
        // defect.
        for (ServedRows.Row row : run.rows(TG)) {
            for (ServerLog.Task task : row.tasks()) {
                // one window (the prompt) at depth 0, two (context and prompt) at a depth: one token each at most
                assertEquals(row.pp() + row.depth(), task.nTokens(), row.depth() > 0 ? 2 : 1,
                        row.name() + ": the server's prompt tokens (usage.prompt_tokens) of task " + task.id());
            }
        }
    }

    /** The log read here accounts for every token the server's own counters saw: nothing above missed a task. */
    @Test
    void theServersLogAgreesWithItsMetrics() {
        assertEquals(run.growth("prompt_tokens_total"), run.tasks().stream().mapToInt(ServerLog.Task::promptN).sum(),
                "prompt tokens processed");
        assertEquals(run.growth("prompt_tokens_cached_total"),
                run.tasks().stream().mapToInt(ServerLog.Task::cacheN).sum(), "prompt tokens from the cache");
        assertEquals(run.growth("tokens_predicted_total"),
                run.tasks().stream().mapToInt(ServerLog.Task::predictedN).sum(), "tokens generated");
    }

    static void within(double band, double server, double benchy, String what) {
        double off = benchy / server - 1;
        assertTrue(Math.abs(off) <= band, String.format(Locale.ROOT,
                "%s: benchy %.2f t/s, the server %.2f t/s: %+.2f %% (allowed ±%.0f %%)",
                what, benchy, server, off * 100, band * 100));
    }
}

package dev.benchy.real;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --enable-prefix-caching}: each run loads its contexts first ({@code ctx_pp}), then asks its prompts over the
 * same contexts; the server must serve that second phase's contexts from its cache.
 */
@ExtendWith(RealLlamaServer.class)
class PrefixCachingIT {

    private static final int TG = 16;
    /**
     * The least share of its context-phase prompt that an inference request must find cached: all of it but the
     * {@code "."} user turn and the template's closing tokens (18 of about 570 tokens with this model).
     */
    private static final double SHARED = 0.95;

    private static ServedRun run;

    @BeforeAll
    static void bench(LlamaServer server) throws Exception {
        run = ServedRun.bench(server, "prefix-caching", "--pp", "128", "--tg", Integer.toString(TG),
                "--depth", "512", "--concurrency", "1", "2", "--runs", "2", "--enable-prefix-caching");
    }

    @Test
    void theInferencePhaseIsServedFromTheCache() {
        run.assertNoFailedRequest();
        List<ServedRows.Row> rows = run.rows(TG);
        for (int i = 0; i < rows.size(); i += 2) {
            ServedRows.Row context = rows.get(i);
            ServedRows.Row inference = rows.get(i + 1);
            int c = inference.row().get("concurrency").asInt();
            for (int t = 0; t < inference.tasks().size(); t++) {
                ServerLog.Task served = inference.tasks().get(t);
                List<ServerLog.Task> batch = context.tasks().subList(t / c * c, t / c * c + c);
                ServerLog.Task loaded = batch.stream().filter(task -> task.slot() == served.slot()).findFirst()
                        .orElseThrow(() -> new AssertionError(inference.name() + ": task " + served.id()
                                + " ran on slot " + served.slot() + ", which did not load a context: " + batch));
                assertTrue(served.cacheN() >= SHARED * loaded.nTokens(), inference.name() + ": task " + served.id()
                        + " found " + served.cacheN() + " of its context's " + loaded.nTokens() + " tokens cached");
            }
            assertTrue(inference.row().get("cache_hit").asBoolean(), inference.name() + ": cache_hit");
            assertEquals(inference.tasks().stream().map(task -> (double) task.cacheN()).sorted().toList(),
                    inference.values("cached_tokens").stream().sorted().toList(),
                    inference.name() + ": the report's cached_tokens are the server's cache_n");
        }
    }
}

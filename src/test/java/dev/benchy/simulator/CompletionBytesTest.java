package dev.benchy.simulator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sending path renders token events straight to bytes; they must be the String rendering's bytes exactly. */
class CompletionBytesTest {

    private static final Clock WALL = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    @Test
    void everyTokenEventRendersToTheSameBytesAsItsText() {
        Simulator sim = new Simulator(SimulatorSettings.defaults().withMtp(3).withReasoningTokens(4),
                new WordTokenizer(), () -> 0L, WALL);
        Completion c = sim.plan(("{\"max_tokens\":20,\"stream\":true,\"return_token_ids\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go \\\"quoted\\\" caf\\u00e9\"}]}")
                .getBytes(StandardCharsets.UTF_8), 0);
        assertEquals(7, c.schedule().events());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        for (int event = 0; event < c.schedule().events(); event++) {
            c.writeTokenChunk(event, all);
            expected.append(c.tokenChunk(event));
        }
        assertEquals(expected.toString(), all.toString(StandardCharsets.UTF_8));
    }
}

package dev.benchy.tokenizer;

import dev.benchy.core.prompt.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TokenizerLoaderTest {

    private static final String FALLBACK = "; falling back to GPT-2's encoding (r50k_base): prompt sizes and"
            + " token counts may be off (often by 10-20 %).";
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    /** Loads as the CLI does when the tokenizer is named and there is no server to ask. */
    private Tokenizer load(String spec, Map<String, String> environment) {
        TokenizerLoader.Outcome outcome = TokenizerLoader.load(spec, true, null, environment, SHORT);
        warnings.addAll(outcome.warnings());
        return outcome.tokenizer();
    }

    private Map<String, String> offline() {
        return Map.of("DJL_OFFLINE", "true", "HF_HOME", dir.toString());
    }

    @Test
    void loadsALocalTokenizerFileNamedAsGiven() {
        String spec = HuggingFaceTokenizerTest.fixtureFile().toString();
        Tokenizer tokenizer = load(spec, offline());

        assertInstanceOf(HuggingFaceTokenizer.class, tokenizer);
        assertEquals(spec, tokenizer.name());
        assertEquals(List.of(), warnings);
    }

    @Test
    void loadsALocalTokenizerFolder() {
        String spec = HuggingFaceTokenizerTest.fixtureFile().getParent().toString();
        Tokenizer tokenizer = load(spec, offline());

        assertInstanceOf(HuggingFaceTokenizer.class, tokenizer);
        assertEquals(spec, tokenizer.name());
        assertEquals(List.of(), warnings);
    }

    @Test
    void noTokenizerNamedGivesGpt2WithAnInfoLine() {
        Tokenizer tokenizer = load("  ", offline());

        assertInstanceOf(Gpt2Tokenizer.class, tokenizer);
        assertEquals(List.of("No tokenizer was named; using GPT-2's encoding (r50k_base): token counts are"
                + " approximate."), warnings);
        assertEquals(1, load(null, offline()).count("Hello"));
    }

    @Test
    void aMissingPathFallsBackToGpt2WithOneWarning() {
        String missing = dir.resolve("models").resolve("tokenizer.json").toString();
        Tokenizer tokenizer = load(missing, offline());

        assertInstanceOf(Gpt2Tokenizer.class, tokenizer);
        assertEquals(List.of("Tokenizer '" + missing + "' could not be loaded (no such file or folder: " + missing
                + ")" + FALLBACK), warnings);
    }

    @Test
    void aGgufPathIsNoTokenizerAndSaysSoWithoutReadingIt() throws IOException {
        // llama-server reports its model file as the model id; the file may even be on this machine
        Path gguf = Files.writeString(dir.resolve("qwen3-8b-Q4_K_M.gguf"), "GGUF");
        Tokenizer tokenizer = load(gguf.toString(), offline());

        assertInstanceOf(Gpt2Tokenizer.class, tokenizer);
        assertEquals(List.of("Tokenizer '" + gguf + "' could not be loaded (a GGUF model file holds no"
                + " tokenizer.json)" + FALLBACK), warnings);
    }

    @Test
    void theServersTokenizerWithNoServerToAskFallsBackToGpt2() {
        Tokenizer tokenizer = load(TokenizerLoader.SERVER, offline());

        assertInstanceOf(Gpt2Tokenizer.class, tokenizer);
        assertEquals(List.of("The server's own tokenizer could not be asked (no server is known here)" + FALLBACK),
                warnings);
    }

    @Test
    void aBrokenFileFallsBackToGpt2WithOneWarning() throws IOException {
        Path broken = Files.writeString(dir.resolve("tokenizer.json"), "not json");
        Tokenizer tokenizer = load(broken.toString(), offline());

        assertInstanceOf(Gpt2Tokenizer.class, tokenizer);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("Tokenizer '" + broken + "' could not be loaded ("), warnings.get(0));
        assertTrue(warnings.get(0).endsWith(FALLBACK), warnings.get(0));
    }

    @Test
    void aHubIdWhileOfflineFallsBackQuicklyWithoutTouchingTheNetwork() {
        Tokenizer tokenizer = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> load("Qwen/Qwen3-8B", offline()));

        assertInstanceOf(Gpt2Tokenizer.class, tokenizer);
        assertEquals(List.of("Tokenizer 'Qwen/Qwen3-8B' could not be loaded (offline mode is on (DJL_OFFLINE or"
                + " HF_HUB_OFFLINE) and it is not in the Hugging Face cache at " + dir.resolve("hub") + ")"
                + FALLBACK), warnings);
    }

    @Test
    void theProcessEnvironmentOfTheTestsIsOfflineToo() {
        assumeTrue("true".equals(System.getenv("DJL_OFFLINE")), "surefire sets DJL_OFFLINE=true");
        Tokenizer tokenizer = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> TokenizerLoader.load("acme/no-such-model-here", warnings::add));

        assertInstanceOf(Gpt2Tokenizer.class, tokenizer);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("Tokenizer 'acme/no-such-model-here' could not be loaded ("),
                warnings.get(0));
    }

    @Test
    void aHubIdWhileOfflineIsTakenFromTheHuggingFaceCache() throws IOException {
        Path repo = dir.resolve("hub").resolve("models--acme--tiny");
        Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve("0123abcd"));
        Files.copy(HuggingFaceTokenizerTest.fixtureFile(), snapshot.resolve("tokenizer.json"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs").resolve("main"), "0123abcd\n");

        Tokenizer tokenizer = load("acme/tiny", offline());

        assertInstanceOf(HuggingFaceTokenizer.class, tokenizer);
        assertEquals("acme/tiny", tokenizer.name());
        assertEquals(List.of(), warnings);
    }

    @Test
    void theHubCacheIsFoundAsHuggingFaceFindsIt() {
        assertEquals(Path.of("/c/hub-cache"), TokenizerLoader.hubCache(Map.of("HF_HUB_CACHE", "/c/hub-cache",
                "HF_HOME", "/c/home")));
        assertEquals(Path.of("/c/home", "hub"), TokenizerLoader.hubCache(Map.of("HF_HOME", "/c/home")));
        assertEquals(Path.of("/x", "huggingface", "hub"), TokenizerLoader.hubCache(Map.of("XDG_CACHE_HOME", "/x")));
        assertEquals(Path.of("/home/me", ".cache", "huggingface", "hub"),
                TokenizerLoader.hubCache(Map.of("HOME", "/home/me")));
    }

    @Test
    void offlineModeIsReadAsDjlAndHuggingFaceReadIt() {
        assertTrue(TokenizerLoader.offline(Map.of("DJL_OFFLINE", "true")));
        assertTrue(TokenizerLoader.offline(Map.of("HF_HUB_OFFLINE", "1")));
        assertTrue(TokenizerLoader.offline(Map.of("HF_HUB_OFFLINE", "TRUE")));
        assertFalse(TokenizerLoader.offline(Map.of("DJL_OFFLINE", "false", "HF_HUB_OFFLINE", "0")));
    }

    @Test
    void theHfTokenNeverAppearsInAWarning() {
        String secret = "hf_s3cretT0kenValue";
        Map<String, String> environment = Map.of("DJL_OFFLINE", "true", "HF_TOKEN", secret,
                "HF_HUB_CACHE", dir.resolve(secret).toString());

        load("acme/gated", environment);

        assertEquals(1, warnings.size());
        assertFalse(warnings.get(0).contains(secret), warnings.get(0));
        assertTrue(warnings.get(0).contains(dir.resolve("***").toString()), warnings.get(0));
    }

    @Test
    void aLoadThatTakesTooLongIsAbandonedAndItsLateResultClosed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch closing = new CountDownLatch(1);
        AutoCloseable late = () -> {
            closed.set(true);
            closing.countDown();
        };

        TimeoutException timeout = assertThrows(TimeoutException.class, () -> TokenizerLoader.withDeadline(() -> {
            release.await();
            return late;
        }, Duration.ofMillis(200)));
        release.countDown();

        assertEquals("no answer from the Hugging Face hub within 200 ms", timeout.getMessage());
        assertTrue(closing.await(5, TimeUnit.SECONDS), "the late result was not closed");
        assertTrue(closed.get());
    }

    @Test
    void aLoadThatFailsInTimeRethrowsItsCause() {
        IOException failure = assertThrows(IOException.class, () -> TokenizerLoader.withDeadline(() -> {
            throw new IOException("Dns Failed: resolve dns name");
        }, SHORT));

        assertEquals("Dns Failed: resolve dns name", failure.getMessage());
    }
}

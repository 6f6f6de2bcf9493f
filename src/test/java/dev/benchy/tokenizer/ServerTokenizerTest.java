package dev.benchy.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchy.app.PromptMaterial;
import dev.benchy.app.TargetBenchmark;
import dev.benchy.app.TargetDefinition;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.prompt.Book;
import dev.benchy.core.prompt.Corpus;
import dev.benchy.core.prompt.GeneratedText;
import dev.benchy.core.prompt.Prompt;
import dev.benchy.core.prompt.PromptFactory;
import dev.benchy.core.prompt.TokenOffsets;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.run.RunListener;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's own tokenizer against strict fakes of each family's tokenize endpoint, inside the application (the
 * REST client is built there, in the service as in the one-shot CLI). The fakes count with {@link WordPieces}, so
 * every count is known: windows cut from the book must have exactly the tokens asked for, as the server counts
 * them when asked again.
 */
@QuarkusTest
class ServerTokenizerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String BOOK = "src/test/resources/corpus/book.txt";
    private static final Map<String, String> OFFLINE = Map.of("DJL_OFFLINE", "true", "HF_HOME", "/nonexistent");
    private static final String FALLBACK = "; falling back to GPT-2's encoding (r50k_base): prompt sizes and token"
            + " counts may be off (often by 10-20 %).";

    @Inject
    Vertx vertx;

    @TempDir
    Path dir;

    private static ServerTokenizer.Target target(FakeTokenizeServer fake) {
        return new ServerTokenizer.Target(fake.baseUrl(), "EMPTY", FakeTokenizeServer.SERVED, TIMEOUT);
    }

    /** A port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String label(FakeTokenizeServer.Family family) {
        return switch (family) {
            case LLAMA_CPP -> "llama.cpp";
            case VLLM -> "vLLM";
            case SGLANG -> "SGLang";
            case TGI -> "TGI";
            case NONE -> throw new IllegalArgumentException();
        };
    }

    @ParameterizedTest
    @EnumSource(value = FakeTokenizeServer.Family.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void eachFamilyIsRecognisedAndCountsAsTheServerDoes(FakeTokenizeServer.Family family) throws Exception {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(family);
             ServerTokenizer tokenizer = ServerTokenizer.probe(target(fake))) {
            String text = "It was a crimson thing, for the coachman had never signed a wall so crimson.";

            assertEquals("server:/tokenize (" + label(family) + ")", tokenizer.name());
            assertEquals(label(family), tokenizer.family());
            assertEquals(fake.root(), tokenizer.root());
            assertArrayEquals(WordPieces.ids(WordPieces.tokenize(text)), tokenizer.encode(text),
                    "no special tokens, the server's own ids");
            assertEquals(WordPieces.count(text), tokenizer.count(text));
            assertTrue(fake.requests().stream().allMatch(r -> r.path().equals("/tokenize")
                    || r.path().equals("/detokenize")), "only the root endpoints: " + fake.requests());
        }
    }

    @ParameterizedTest
    @EnumSource(value = FakeTokenizeServer.Family.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void windowsCutFromTheBookHaveExactlyTheTokensAskedAsTheServerCountsThem(FakeTokenizeServer.Family family)
            throws Exception {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(family);
             ServerTokenizer tokenizer = ServerTokenizer.probe(target(fake))) {
            Corpus corpus = Corpus.of(new Book(GeneratedText.SOURCE, GeneratedText.text(40_000)), tokenizer);
            PromptFactory prompts = new PromptFactory(corpus, tokenizer, new SplittableRandom(11));

            assertTrue(corpus.cutsText(), "windows are cut from the text, not decoded");
            assertEquals(WordPieces.count(corpus.text()), corpus.size());
            for (int[] shape : new int[][] {{0, 1}, {0, 7}, {0, 64}, {0, 1000}, {512, 128}, {3000, 2048}}) {
                for (int i = 0; i < 3; i++) {
                    Prompt prompt = prompts.next(shape[0], shape[1], false);
                    assertEquals(shape[0], tokenizer.count(prompt.context()), "context of " + shape[0]);
                    assertEquals(shape[1], tokenizer.count(prompt.prompt()), "prompt of " + shape[1]);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = FakeTokenizeServer.Family.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void tokensArePlacedWhereTheServerPutThemAcrossCharactersOfSeveralBytes(FakeTokenizeServer.Family family)
            throws Exception {
        String text = "The caf\u00e9 \u2014 na\u00efve  reader \uD83D\uDE00 turned\n\n  organizational pages.\n";
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(family);
             ServerTokenizer tokenizer = ServerTokenizer.probe(target(fake))) {
            TokenOffsets offsets = tokenizer.encodeWithOffsets(text);
            List<WordPieces.Token> truth = WordPieces.tokenize(text);
            Utf8Cursor cursor = new Utf8Cursor(text);
            int[] expected = new int[truth.size()];
            for (int i = 0; i < expected.length; i++) {
                WordPieces.Token token = truth.get(i);
                // a character's bytes are separate tokens: the first one holds the whole character
                expected[i] = cursor.charIndexAt(token.partOfCharacter() ? token.start() + 1 : token.stop());
            }
            assertArrayEquals(WordPieces.ids(truth), offsets.ids());
            assertArrayEquals(expected, offsets.ends());
        }
    }

    @Test
    void aLongTextGoesInAFewCallsCutAtParagraphBreaksAndCountsAsOneCallWould() throws Exception {
        String book = GeneratedText.text(30_000);
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.LLAMA_CPP);
             ServerTokenizer tokenizer = ServerTokenizer.probe(target(fake), 8_000)) {
            int before = fake.requests("/tokenize").size();
            TokenOffsets offsets = tokenizer.encodeWithOffsets(book);
            List<FakeTokenizeServer.Request> calls = fake.requests("/tokenize").subList(before,
                    fake.requests("/tokenize").size());

            assertEquals(Paragraphs.split(book, 8_000).size(), calls.size());
            assertTrue(calls.size() >= 4 && calls.size() <= 6, calls.size() + " calls for 30,000 characters");
            assertArrayEquals(WordPieces.ids(WordPieces.tokenize(book)), offsets.ids());
            for (int i = 0; i < calls.size(); i++) {
                FakeTokenizeServer.Request call = calls.get(i);
                String content = call.body().get("content").textValue();
                assertTrue(content.length() <= 8_000, "a call of " + content.length() + " characters");
                assertTrue(i == calls.size() - 1 || !Character.isWhitespace(content.charAt(content.length() - 1)),
                        "a call ends before the whitespace that starts the next paragraph");
                assertEquals(false, call.body().get("add_special").booleanValue());
                assertEquals(true, call.body().get("with_pieces").booleanValue());
            }
        }
    }

    @Test
    void aTextTheServerRefusesForItsLengthIsSentInHalves() throws Exception {
        String book = GeneratedText.text(20_000);
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.TGI)
                .limitingTextTo(6_000);
             ServerTokenizer tokenizer = ServerTokenizer.probe(target(fake))) {
            TokenOffsets offsets = tokenizer.encodeWithOffsets(book);

            assertArrayEquals(WordPieces.ids(WordPieces.tokenize(book)), offsets.ids());
            assertTrue(fake.requests("/tokenize").size() > 4, "refused, halved, sent again");
        }
    }

    @Test
    void vllmIsAskedForItsServedModelWithoutSpecialTokens() throws Exception {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.VLLM);
             ServerTokenizer tokenizer = ServerTokenizer.probe(target(fake))) {
            tokenizer.count("Hello world");
            JsonNode last = fake.requests("/tokenize").get(fake.requests("/tokenize").size() - 1).body();

            assertEquals(FakeTokenizeServer.SERVED, last.get("model").textValue());
            assertEquals("Hello world", last.get("prompt").textValue());
            assertFalse(last.get("add_special_tokens").booleanValue());
            assertTrue(last.get("return_token_strs").booleanValue());
        }
    }

    @ParameterizedTest
    @EnumSource(value = FakeTokenizeServer.Family.class, names = {"LLAMA_CPP", "VLLM", "SGLANG"})
    void tokensDecodeThroughTheServer(FakeTokenizeServer.Family family) throws Exception {
        String text = "Holmes turned the pages.";
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(family);
             ServerTokenizer tokenizer = ServerTokenizer.probe(target(fake))) {
            String decoded = tokenizer.decode(tokenizer.encode(text));
            assertEquals(text, decoded);
        }
    }

    @Test
    void tgiHasNoDetokenizeEndpointAndSaysSo() throws Exception {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.TGI);
             ServerTokenizer tokenizer = ServerTokenizer.probe(target(fake))) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> tokenizer.decode(new int[] {1000}));
            assertTrue(e.getMessage().startsWith("TGI has no detokenize endpoint"), e.getMessage());
        }
    }

    @Test
    void aServerWithoutTokenizeEndpointIsToldInOneCall() throws IOException {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.NONE)) {
            ServerTokenizer.Unavailable e = assertThrows(ServerTokenizer.Unavailable.class,
                    () -> ServerTokenizer.probe(target(fake)));

            assertEquals("POST " + fake.root() + "/tokenize: no tokenize endpoint (/tokenize answered HTTP 404"
                    + " {\"error\":\"Not Found\"})", e.getMessage());
            assertTrue(e.lasting());
            assertEquals(1, fake.requests().size());
        }
    }

    @Test
    void aServerThatAnswersInNoKnownShapeIsToldWhatEachFamilyGot() throws IOException {
        // vLLM refuses a model name it does not serve; the other families' requests are not its own
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.VLLM)) {
            ServerTokenizer.Target wrongModel = new ServerTokenizer.Target(fake.baseUrl(), "EMPTY", "other-model",
                    TIMEOUT);
            ServerTokenizer.Unavailable e = assertThrows(ServerTokenizer.Unavailable.class,
                    () -> ServerTokenizer.probe(wrongModel));

            assertTrue(e.getMessage().startsWith("POST " + fake.root() + "/tokenize answered as none of the known"
                    + " servers (llama.cpp: /tokenize answered HTTP 400 "), e.getMessage());
            assertTrue(e.getMessage().contains("; vLLM: /tokenize answered HTTP 404 {\"error\":{\"message\":\"The"
                    + " model `other-model` does not exist."), e.getMessage());
            assertTrue(e.getMessage().contains("; SGLang: /tokenize answered HTTP 404 "), e.getMessage());
            assertTrue(e.getMessage().contains("; TGI: /tokenize answered HTTP 400 "), e.getMessage());
            assertTrue(e.lasting());
        }
    }

    @Test
    void aServerThatCannotBeReachedMayBeAskedAgainLater() throws IOException {
        int port = closedPort();
        ServerTokenizer.Unavailable e = assertThrows(ServerTokenizer.Unavailable.class, () -> ServerTokenizer.probe(
                new ServerTokenizer.Target("http://127.0.0.1:" + port + "/v1", "EMPTY", "m", TIMEOUT)));

        assertTrue(e.getMessage().startsWith("POST http://127.0.0.1:" + port + "/tokenize: cannot connect"),
                e.getMessage());
        assertFalse(e.lasting());
    }

    @Test
    void aServerThatDoesNotAnswerInTimeMayBeAskedAgainLater() throws IOException {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.NONE, (request, exchange) -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            ServerTokenizer.Unavailable e = assertThrows(ServerTokenizer.Unavailable.class, () -> ServerTokenizer.probe(
                    new ServerTokenizer.Target(fake.baseUrl(), "EMPTY", "m", Duration.ofMillis(400))));

            assertEquals("POST " + fake.root() + "/tokenize: no answer within 400 ms", e.getMessage());
            assertFalse(e.lasting(), e.getMessage());
        }
    }

    @Test
    void theApiKeyGoesOutAsABearerTokenAndNeverIntoAMessage() throws IOException {
        String key = "sk-tokenize-5f1e";
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.NONE, (request, exchange) ->
                FakeTokenizeServer.json(exchange, 401, "{\"error\":\"bad key " + request.authorization() + "\"}"))) {
            ServerTokenizer.Unavailable e = assertThrows(ServerTokenizer.Unavailable.class, () -> ServerTokenizer.probe(
                    new ServerTokenizer.Target(fake.baseUrl(), key, "m", TIMEOUT)));

            assertEquals("Bearer " + key, fake.requests().get(0).authorization());
            assertTrue(e.getMessage().contains("the api key was refused (/tokenize answered HTTP 401"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(key), e.getMessage());
        }
    }

    // The order of attempts: the named tokenizer (or the model name), the server's own, GPT-2.

    @Test
    void aGgufModelIdIsCountedWithTheServersTokenizerAndSaysWhy() throws IOException {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.LLAMA_CPP)) {
            TokenizerLoader.Outcome outcome = TokenizerLoader.load(FakeLlamaChat.GGUF, false, target(fake), OFFLINE,
                    TIMEOUT);

            assertInstanceOf(ServerTokenizer.class, outcome.tokenizer());
            assertEquals("server:/tokenize (llama.cpp)", outcome.tokenizer().name());
            assertEquals(List.of(), outcome.warnings());
            assertEquals(List.of("Tokenizer '" + FakeLlamaChat.GGUF + "' could not be loaded (a GGUF model file"
                    + " holds no tokenizer.json); counting with the server's own tokenizer instead:"
                    + " server:/tokenize (llama.cpp) at " + fake.root()), outcome.notes());
            assertTrue(outcome.lasting());
        }
    }

    @Test
    void aNamedTokenizerThatDoesNotLoadIsAWarningEvenWhenTheServerStandsIn() throws IOException {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.SGLANG)) {
            String missing = dir.resolve("tokenizer.json").toString();
            TokenizerLoader.Outcome outcome = TokenizerLoader.load(missing, true, target(fake), OFFLINE, TIMEOUT);

            assertEquals("server:/tokenize (SGLang)", outcome.tokenizer().name());
            assertEquals(List.of("Tokenizer '" + missing + "' could not be loaded (no such file or folder: " + missing
                    + "); counting with the server's own tokenizer instead: server:/tokenize (SGLang) at "
                    + fake.root()), outcome.warnings());
            assertEquals(List.of(), outcome.notes());
        }
    }

    @Test
    void serverForcesTheServersTokenizer() throws IOException {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.VLLM)) {
            TokenizerLoader.Outcome outcome = TokenizerLoader.load(TokenizerLoader.SERVER, true, target(fake),
                    OFFLINE, TIMEOUT);

            assertEquals("server:/tokenize (vLLM)", outcome.tokenizer().name());
            assertEquals(List.of(), outcome.warnings());
            assertEquals(List.of(), outcome.notes());
        }
    }

    @Test
    void withNoTokenizeEndpointTheFallbackToGpt2NamesEachAttemptAndWhy() throws IOException {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.NONE)) {
            TokenizerLoader.Outcome outcome = TokenizerLoader.load(FakeLlamaChat.GGUF, false, target(fake), OFFLINE,
                    TIMEOUT);

            assertInstanceOf(Gpt2Tokenizer.class, outcome.tokenizer());
            assertEquals(List.of("Tokenizer '" + FakeLlamaChat.GGUF + "' could not be loaded (a GGUF model file holds"
                    + " no tokenizer.json), nor the server's own tokenizer (POST " + fake.root() + "/tokenize: no"
                    + " tokenize endpoint (/tokenize answered HTTP 404 {\"error\":\"Not Found\"}))" + FALLBACK),
                    outcome.warnings());
            assertTrue(outcome.lasting());
        }
    }

    @Test
    void builtinGpt2AndALoadableTokenizerNeverAskTheServer() throws IOException {
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.LLAMA_CPP)) {
            TokenizerLoader.Outcome gpt2 = TokenizerLoader.load(TokenizerLoader.BUILTIN_GPT2, true, target(fake),
                    OFFLINE, TIMEOUT);
            String file = HuggingFaceTokenizerTest.fixtureFile().toString();
            TokenizerLoader.Outcome hf = TokenizerLoader.load(file, false, target(fake), OFFLINE, TIMEOUT);

            assertInstanceOf(Gpt2Tokenizer.class, gpt2.tokenizer());
            assertEquals(file, hf.tokenizer().name());
            assertEquals(List.of(), fake.requests());
        }
    }

    @Test
    void aServerThatIsDownIsAskedAgainByTheNextRun() throws IOException {
        int port = closedPort();
        PromptMaterial material = new PromptMaterial(dir);
        ServerTokenizer.Target down = new ServerTokenizer.Target("http://127.0.0.1:" + port + "/v1", "EMPTY", "m",
                TIMEOUT);
        PromptMaterial.Loaded first = material.load(FakeLlamaChat.GGUF, false, down, BOOK);
        PromptMaterial.Loaded second = material.load(FakeLlamaChat.GGUF, false, down, BOOK);

        assertInstanceOf(Gpt2Tokenizer.class, first.tokenizer());
        assertTrue(first.warnings().get(0).contains("cannot connect"), first.warnings().toString());
        assertFalse(first == second, "a fallback caused by a server that is down is not kept");
    }

    @Test
    void aServerThatFailsOnTheBookLeavesTheRunOnGpt2AndIsAskedAgainNextTime() throws IOException {
        // it answers the probe but refuses every text longer than 100 characters, however it is cut
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.LLAMA_CPP)
                .limitingTextTo(100)) {
            PromptMaterial material = new PromptMaterial(dir);
            PromptMaterial.Loaded first = material.load(FakeLlamaChat.GGUF, false, target(fake), BOOK);
            PromptMaterial.Loaded second = material.load(FakeLlamaChat.GGUF, false, target(fake), BOOK);

            assertInstanceOf(Gpt2Tokenizer.class, first.tokenizer());
            assertEquals(1, first.warnings().size(), first.warnings().toString());
            assertTrue(first.warnings().get(0).startsWith("The server's own tokenizer failed on the book"
                    + " (server:/tokenize (llama.cpp) at " + fake.root() + ": /tokenize answered HTTP 413"),
                    first.warnings().get(0));
            assertFalse(first == second, "not kept: the next run asks again");
        }
    }

    @Test
    void theServiceRunsATargetWhoseModelIdIsAGgufPathWithTheServersTokenizer() throws Exception {
        FakeLlamaChat chat = new FakeLlamaChat();
        try (FakeTokenizeServer fake = FakeTokenizeServer.start(FakeTokenizeServer.Family.LLAMA_CPP, chat)) {
            // no latency probe: on a loaded machine its spread warning would mix in with the tokenizer's
            BenchmarkPlan plan = new BenchmarkPlan(List.of(64), List.of(4), List.of(0, 256), List.of(1, 2), 1,
                    LatencyMode.NONE, false, false, true, true, true, TIMEOUT, 5L);
            TargetDefinition target = new TargetDefinition("llama", fake.baseUrl(), "EMPTY", null, null, null,
                    BOOK, plan, null, false, false, false);
            List<String> warnings = new ArrayList<>();
            List<String> info = new ArrayList<>();
            RunReport report = new TargetBenchmark(vertx, new PromptMaterial(dir), Clock.systemUTC(), "test")
                    .run(target, new RunListener() {
                        @Override
                        public void info(String line) {
                            info.add(line);
                        }

                        @Override
                        public void warning(String message) {
                            warnings.add(message);
                        }
                    }, null);

            assertEquals("ok", report.status().name().toLowerCase(), report.error());
            assertEquals(FakeLlamaChat.GGUF, report.model());
            assertEquals("server:/tokenize (llama.cpp)", report.tokenizer());
            assertEquals(List.of(), warnings);
            assertTrue(info.contains("Tokenizer: server:/tokenize (llama.cpp)"), info.toString());
            List<Integer> expected = new ArrayList<>();
            for (int concurrency : new int[] {1, 2}) {
                expected.addAll(java.util.Collections.nCopies(concurrency, 64));
            }
            for (int concurrency : new int[] {1, 2}) {
                expected.addAll(java.util.Collections.nCopies(concurrency, 64 + 256));
            }
            assertEquals(expected, chat.streamedPromptTokens(), "the server processed exactly the tokens asked for");
        }
    }
}

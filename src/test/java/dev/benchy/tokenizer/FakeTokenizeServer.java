package dev.benchy.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A strict stand-in for the tokenize endpoints of one server family, on 127.0.0.1 at a free port, written from each
 * family's documented request and response shapes. Its tokenizer is {@link WordPieces}, so a test knows every
 * count. A body that the real server would refuse is refused with the status it would send; every request is
 * recorded. Paths it does not serve go to the {@code other} handler (404 when there is none).
 */
public final class FakeTokenizeServer implements AutoCloseable {

    /** Which server family to imitate; {@code NONE} has no tokenize endpoint at all (as OpenAI's API). */
    public enum Family { LLAMA_CPP, VLLM, SGLANG, TGI, NONE }

    /** One request as it arrived. */
    public record Request(String method, String path, String authorization, JsonNode body) {
    }

    /** Answers the paths the tokenizer endpoints do not cover. */
    @FunctionalInterface
    public interface Other {
        void answer(Request request, HttpExchange exchange) throws IOException;
    }

    static final ObjectMapper JSON = new ObjectMapper();
    /** The model name the vLLM fake serves (it refuses others, as vLLM does). */
    public static final String SERVED = "served-model";
    /** What vLLM and SGLang say their context is. */
    static final int MAX_MODEL_LEN = 131_072;

    private final Family family;
    private final Other other;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int maxChars = Integer.MAX_VALUE;

    private FakeTokenizeServer(Family family, Other other) throws IOException {
        this.family = family;
        this.other = other;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeTokenizeServer start(Family family) throws IOException {
        return new FakeTokenizeServer(family, null);
    }

    public static FakeTokenizeServer start(Family family, Other other) throws IOException {
        return new FakeTokenizeServer(family, other);
    }

    /** Refuses a text longer than this with 413, as a server with a body limit does. */
    public FakeTokenizeServer limitingTextTo(int chars) {
        this.maxChars = chars;
        return this;
    }

    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The OpenAI-compatible base URL clients are given. */
    public String baseUrl() {
        return root() + "/v1";
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body;
            try {
                body = raw.length == 0 ? null : JSON.readTree(raw);
            } catch (IOException e) {
                json(exchange, 400, "{\"error\":\"invalid JSON\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Request request = new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            requests.add(request);
            boolean tokenizer = family != Family.NONE && (path.equals("/tokenize") || path.equals("/detokenize"));
            if (!tokenizer) {
                if (other != null) {
                    other.answer(request, exchange);
                } else {
                    json(exchange, 404, "{\"error\":\"Not Found\"}");
                }
                return;
            }
            if (!"POST".equals(request.method())) {
                json(exchange, 405, "{\"error\":\"Method Not Allowed\"}");
                return;
            }
            switch (family) {
                case LLAMA_CPP -> llamaCpp(request, exchange);
                case VLLM -> vllm(request, exchange);
                case SGLANG -> sglang(request, exchange);
                case TGI -> tgi(request, exchange);
                default -> throw new IllegalStateException(family.name());
            }
        }
    }

    // llama.cpp: tools/server (POST /tokenize {content, add_special, parse_special, with_pieces}; /detokenize {tokens})
    private void llamaCpp(Request request, HttpExchange exchange) throws IOException {
        JsonNode body = request.body() == null ? JSON.createObjectNode() : request.body();
        if (request.path().equals("/detokenize")) {
            json(exchange, 200, JSON.createObjectNode().put("content", WordPieces.decode(ids(body.path("tokens"))))
                    .toString());
            return;
        }
        ArrayNode out = JSON.createArrayNode();
        if (body.has("content")) { // llama-server answers an empty list when there is no content
            if (!body.get("content").isTextual()) {
                json(exchange, 500, "{\"error\":{\"code\":500,\"message\":\"content must be a string\"}}");
                return;
            }
            String content = body.get("content").textValue();
            if (tooLong(exchange, content)) {
                return;
            }
            boolean pieces = body.path("with_pieces").asBoolean(false);
            if (body.path("add_special").asBoolean(false)) {
                out.add(pieces ? JSON.createObjectNode().put("id", WordPieces.BOS).put("piece", "<s>")
                        : JSON.getNodeFactory().numberNode(WordPieces.BOS));
            }
            List<WordPieces.Token> tokens = WordPieces.tokenize(content);
            for (int i = 0; i < tokens.size(); i++) {
                WordPieces.Token token = tokens.get(i);
                if (!pieces) {
                    out.add(token.id());
                    continue;
                }
                ObjectNode piece = out.addObject().put("id", token.id());
                if (token.partOfCharacter()) {
                    piece.putArray("piece").add(token.bytes()[0] & 0xFF);
                } else if (i == 0 && !Character.isWhitespace(content.charAt(0))) {
                    piece.put("piece", " " + token.text()); // SentencePiece's space before the first word
                } else {
                    piece.put("piece", token.text());
                }
            }
        }
        json(exchange, 200, JSON.createObjectNode().set("tokens", out).toString());
    }

    // vLLM: entrypoints/serve/tokenize (TokenizeCompletionRequest, TokenizeResponse, DetokenizeRequest/Response)
    private void vllm(Request request, HttpExchange exchange) throws IOException {
        JsonNode body = request.body() == null ? JSON.createObjectNode() : request.body();
        if (body.has("model") && !SERVED.equals(body.get("model").asText())) {
            json(exchange, 404, "{\"error\":{\"message\":\"The model `" + body.get("model").asText()
                    + "` does not exist.\",\"type\":\"NotFoundError\",\"param\":\"model\",\"code\":404}}");
            return;
        }
        if (request.path().equals("/detokenize")) {
            if (!body.path("tokens").isArray() || body.path("tokens").path(0).isArray()) {
                json(exchange, 400, "{\"error\":{\"message\":\"tokens: Input should be a valid list of integers\","
                        + "\"type\":\"BadRequestError\",\"code\":400}}");
                return;
            }
            json(exchange, 200, JSON.createObjectNode().put("prompt", WordPieces.decode(ids(body.path("tokens"))))
                    .toString());
            return;
        }
        if (!body.path("prompt").isTextual()) {
            json(exchange, 400, "{\"error\":{\"message\":\"prompt: Field required\",\"type\":\"BadRequestError\","
                    + "\"code\":400}}");
            return;
        }
        String prompt = body.get("prompt").textValue();
        if (tooLong(exchange, prompt)) {
            return;
        }
        List<WordPieces.Token> tokens = WordPieces.tokenize(prompt);
        ArrayNode ids = JSON.createArrayNode();
        ArrayNode strings = JSON.createArrayNode();
        if (body.path("add_special_tokens").asBoolean(true)) {
            ids.add(WordPieces.BOS);
            strings.add("<|begin_of_text|>");
        }
        for (WordPieces.Token token : tokens) {
            ids.add(token.id());
            strings.add(ByteLevel.spell(token.bytes()));
        }
        ObjectNode answer = JSON.createObjectNode().put("count", ids.size()).put("max_model_len", MAX_MODEL_LEN);
        answer.set("tokens", ids);
        if (body.path("return_token_strs").asBoolean(false)) {
            answer.set("token_strs", strings);
        } else {
            answer.putNull("token_strs");
        }
        json(exchange, 200, answer.toString());
    }

    // SGLang: srt/entrypoints/openai/protocol.py (TokenizeRequest, TokenizeResponse, DetokenizeRequest/Response)
    private void sglang(Request request, HttpExchange exchange) throws IOException {
        JsonNode body = request.body() == null ? JSON.createObjectNode() : request.body();
        if (request.path().equals("/detokenize")) {
            JsonNode tokens = body.path("tokens");
            if (!tokens.isArray()) {
                json(exchange, 400, "{\"object\":\"error\",\"message\":\"tokens: Field required\",\"code\":400}");
                return;
            }
            JsonNode text;
            if (tokens.size() > 0 && tokens.get(0).isArray()) {
                ArrayNode texts = JSON.createArrayNode();
                tokens.forEach(list -> texts.add(decodeAlone(ids(list))));
                text = texts;
            } else {
                text = JSON.getNodeFactory().textNode(decodeAlone(ids(tokens)));
            }
            json(exchange, 200, JSON.createObjectNode().set("text", text).toString());
            return;
        }
        if (body.has("prompt") == body.has("messages")) {
            json(exchange, 400, "{\"object\":\"error\",\"message\":\"Exactly one of 'prompt' or 'messages' must be"
                    + " provided.\",\"type\":\"BadRequestError\",\"code\":400}");
            return;
        }
        boolean special = body.path("add_special_tokens").asBoolean(true);
        JsonNode prompt = body.get("prompt");
        if (prompt.isTextual()) {
            if (tooLong(exchange, prompt.textValue())) {
                return;
            }
            ArrayNode ids = sglangIds(prompt.textValue(), special);
            ObjectNode answer = JSON.createObjectNode().put("count", ids.size()).put("max_model_len", MAX_MODEL_LEN);
            answer.set("tokens", ids);
            json(exchange, 200, answer.toString());
            return;
        }
        ArrayNode lists = JSON.createArrayNode();
        ArrayNode counts = JSON.createArrayNode();
        for (JsonNode each : prompt) {
            ArrayNode ids = sglangIds(each.asText(), special);
            lists.add(ids);
            counts.add(ids.size());
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("tokens", lists);
        answer.set("count", counts);
        json(exchange, 200, answer.put("max_model_len", MAX_MODEL_LEN).toString());
    }

    private static ArrayNode sglangIds(String text, boolean special) {
        ArrayNode ids = JSON.createArrayNode();
        if (special) {
            ids.add(WordPieces.BOS);
        }
        WordPieces.tokenize(text).forEach(t -> ids.add(t.id()));
        return ids;
    }

    /** As a SentencePiece decode: the text, less the one space the first token starts with. */
    private static String decodeAlone(int[] ids) {
        String text = WordPieces.decode(ids);
        return text.startsWith(" ") ? text.substring(1) : text;
    }

    // TGI: router/src/server.rs (tokenize: GenerateRequest {inputs, parameters} -> [{id, text, start, stop}])
    private void tgi(Request request, HttpExchange exchange) throws IOException {
        if (request.path().equals("/detokenize")) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        JsonNode body = request.body() == null ? JSON.createObjectNode() : request.body();
        if (!body.path("inputs").isTextual()) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            byte[] bytes = "Failed to deserialize the JSON body into the target type: missing field `inputs`"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(422, bytes.length);
            exchange.getResponseBody().write(bytes);
            return;
        }
        String inputs = body.get("inputs").textValue();
        if (tooLong(exchange, inputs)) {
            return;
        }
        ArrayNode out = JSON.createArrayNode();
        out.addObject().put("id", WordPieces.BOS).put("text", "").put("start", 0).put("stop", 0);
        byte[] utf8 = inputs.getBytes(StandardCharsets.UTF_8);
        for (WordPieces.Token token : WordPieces.tokenize(inputs)) {
            out.addObject().put("id", token.id())
                    .put("text", new String(utf8, token.start(), token.stop() - token.start(), StandardCharsets.UTF_8))
                    .put("start", token.start()).put("stop", token.stop());
        }
        json(exchange, 200, out.toString());
    }

    private boolean tooLong(HttpExchange exchange, String text) throws IOException {
        if (text.length() <= maxChars) {
            return false;
        }
        json(exchange, 413, "{\"error\":\"Payload Too Large\"}");
        return true;
    }

    private static int[] ids(JsonNode tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens.get(i).intValue();
        }
        return ids;
    }

    public static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** GPT-2's byte-level spelling, written here independently of the code under test. */
    static final class ByteLevel {
        private static final char[] CHAR_OF = table();

        static String spell(byte[] bytes) {
            StringBuilder s = new StringBuilder();
            for (byte b : bytes) {
                s.append(CHAR_OF[b & 0xFF]);
            }
            return s.toString();
        }

        private static char[] table() {
            char[] charOf = new char[256];
            int next = 256;
            for (int b = 0; b < 256; b++) {
                boolean kept = b >= 33 && b <= 126 || b >= 161 && b <= 172 || b >= 174;
                charOf[b] = (char) (kept ? b : next++);
            }
            return charOf;
        }
    }
}

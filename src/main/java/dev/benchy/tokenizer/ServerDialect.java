package dev.benchy.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How each inference server family spells its tokenizer endpoints (both at the server root, not under {@code /v1}):
 * <ul>
 *   <li><b>llama.cpp</b> {@code llama-server}: {@code POST /tokenize {"content", "add_special", "with_pieces"}} →
 *       {@code {"tokens": [{"id", "piece"}]}}, a piece being a string, or a list of bytes when it is not valid
 *       UTF-8 on its own; {@code POST /detokenize {"tokens"}} → {@code {"content"}}.</li>
 *   <li><b>vLLM</b>: {@code POST /tokenize {"model", "prompt", "add_special_tokens", "return_token_strs"}} →
 *       {@code {"count", "max_model_len", "tokens", "token_strs"}}, the strings being vocabulary entries
 *       ({@link VocabularyText}); {@code POST /detokenize {"model", "tokens"}} → {@code {"prompt"}}.</li>
 *   <li><b>SGLang</b>: {@code POST /tokenize} as vLLM's but without token strings; {@code POST /detokenize
 *       {"model", "tokens", "skip_special_tokens"}} → {@code {"text"}}, where {@code tokens} may be a list of lists
 *       (and {@code text} is then a list): every token is decoded alone in one call to learn its text.</li>
 *   <li><b>TGI</b>: {@code POST /tokenize {"inputs"}} → {@code [{"id", "text", "start", "stop"}]} with byte offsets
 *       into the input; it always adds the model's special tokens (offsets 0..0), which are dropped here. TGI has no
 *       detokenize endpoint.</li>
 * </ul>
 * Special tokens (BOS) are never asked for: a prompt's text is counted as the chat template will hold it.
 */
enum ServerDialect {

    LLAMA_CPP("llama.cpp") {
        @Override
        Tokens tokenize(ServerEndpoint server, String model, String text) throws IOException {
            ObjectNode body = JSON.createObjectNode().put("content", text).put("add_special", false)
                    .put("with_pieces", true);
            JsonNode tokens = answer(server, TOKENIZE, body).path("tokens");
            if (!tokens.isArray()) {
                throw notLike("no \"tokens\" list");
            }
            int[] ids = new int[tokens.size()];
            List<byte[]> pieces = new ArrayList<>(tokens.size());
            for (int i = 0; i < ids.length; i++) {
                JsonNode token = tokens.get(i);
                if (!token.path("id").canConvertToInt()) {
                    throw notLike("token " + i + " is " + shortly(token) + ", not {\"id\", \"piece\"}");
                }
                ids[i] = token.get("id").intValue();
                pieces.add(pieceBytes(token.path("piece")));
            }
            return new Tokens(ids, pieces, null);
        }

        @Override
        String detokenize(ServerEndpoint server, String model, int[] ids) throws IOException {
            ObjectNode body = JSON.createObjectNode();
            body.set("tokens", ints(ids));
            return text(answer(server, DETOKENIZE, body).path("content"));
        }
    },

    VLLM("vLLM") {
        @Override
        Tokens tokenize(ServerEndpoint server, String model, String text) throws IOException {
            JsonNode answer = answer(server, TOKENIZE, openAiStyle(model, text).put("return_token_strs", true));
            int[] ids = ids(answer.path("tokens"));
            JsonNode strings = answer.path("token_strs");
            if (!strings.isArray() || strings.size() != ids.length) {
                throw notLike("no \"token_strs\" list beside its " + ids.length + " tokens");
            }
            List<String> vocabulary = new ArrayList<>(ids.length);
            strings.forEach(s -> vocabulary.add(s.isTextual() ? s.textValue() : null));
            return new Tokens(ids, VocabularyText.bytes(vocabulary), null);
        }

        @Override
        String detokenize(ServerEndpoint server, String model, int[] ids) throws IOException {
            ObjectNode body = JSON.createObjectNode().put("model", model);
            body.set("tokens", ints(ids));
            return text(answer(server, DETOKENIZE, body).path("prompt"));
        }
    },

    SGLANG("SGLang") {
        @Override
        Tokens tokenize(ServerEndpoint server, String model, String text) throws IOException {
            int[] ids = ids(answer(server, TOKENIZE, openAiStyle(model, text)).path("tokens"));
            List<byte[]> pieces = new ArrayList<>(ids.length);
            for (int from = 0; from < ids.length; from += DECODE_BATCH) {
                int to = Math.min(ids.length, from + DECODE_BATCH);
                ArrayNode each = JSON.createArrayNode();
                for (int i = from; i < to; i++) {
                    each.addArray().add(ids[i]);
                }
                ObjectNode body = JSON.createObjectNode().put("model", model);
                body.set("tokens", each);
                body.put("skip_special_tokens", false);
                JsonNode texts = answer(server, DETOKENIZE, body).path("text");
                if (!texts.isArray() || texts.size() != to - from) {
                    throw new IOException("/detokenize answered, but not as SGLang does: no \"text\" list for "
                            + (to - from) + " one-token lists");
                }
                texts.forEach(t -> pieces.add(t.isTextual() ? t.textValue().getBytes(StandardCharsets.UTF_8) : null));
            }
            return new Tokens(ids, pieces, null);
        }

        @Override
        String detokenize(ServerEndpoint server, String model, int[] ids) throws IOException {
            ObjectNode body = JSON.createObjectNode().put("model", model);
            body.set("tokens", ints(ids));
            body.put("skip_special_tokens", false);
            return text(answer(server, DETOKENIZE, body).path("text"));
        }
    },

    TGI("TGI") {
        @Override
        Tokens tokenize(ServerEndpoint server, String model, String text) throws IOException {
            JsonNode tokens = answer(server, TOKENIZE, JSON.createObjectNode().put("inputs", text));
            if (!tokens.isArray()) {
                throw notLike("not a list of {\"id\", \"text\", \"start\", \"stop\"}");
            }
            int first = 0;
            int last = tokens.size();
            while (first < last && special(tokens.get(first))) {
                first++;
            }
            while (last > first && special(tokens.get(last - 1))) {
                last--;
            }
            int[] ids = new int[last - first];
            long[] byteEnds = new long[ids.length];
            for (int i = first; i < last; i++) {
                JsonNode token = tokens.get(i);
                if (!token.path("id").canConvertToInt() || !token.path("stop").canConvertToLong()) {
                    throw notLike("token " + i + " is " + shortly(token));
                }
                ids[i - first] = token.get("id").intValue();
                byteEnds[i - first] = token.get("stop").longValue();
            }
            return new Tokens(ids, null, byteEnds);
        }

        @Override
        String detokenize(ServerEndpoint server, String model, int[] ids) {
            throw new UnsupportedOperationException("TGI has no detokenize endpoint; windows are cut from the"
                    + " text by its offsets instead");
        }

        /** TGI reports the special tokens its tokenizer adds with empty offsets (0, 0). */
        private boolean special(JsonNode token) {
            return token.path("start").asLong(-1) == 0 && token.path("stop").asLong(-1) == 0;
        }
    };

    static final String TOKENIZE = "tokenize";
    static final String DETOKENIZE = "detokenize";
    /** Tokens SGLang decodes one by one per detokenize call. */
    static final int DECODE_BATCH = 65_536;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String label;

    ServerDialect(String label) {
        this.label = label;
    }

    /** How reports name the family, e.g. {@code llama.cpp}. */
    String label() {
        return label;
    }

    /**
     * Tokenises {@code text} without special tokens.
     *
     * @throws Refused when the server answers with an error status
     * @throws IOException when it answers in another shape, or not at all
     */
    abstract Tokens tokenize(ServerEndpoint server, String model, String text) throws IOException;

    /** The text of {@code ids}. */
    abstract String detokenize(ServerEndpoint server, String model, int[] ids) throws IOException;

    /**
     * A text's tokens as a server gave them: the ids, and what says where each one ends: its bytes ({@code pieces},
     * null where unknown) or the byte offset of its end ({@code byteEnds}).
     */
    record Tokens(int[] ids, List<byte[]> pieces, long[] byteEnds) {

        /** Where each token ends in {@code text}, in UTF-16 units. */
        int[] ends(String text) {
            if (byteEnds == null) {
                return PieceAligner.ends(text, pieces);
            }
            Utf8Cursor cursor = new Utf8Cursor(text);
            int[] ends = new int[byteEnds.length];
            long previous = 0;
            for (int i = 0; i < ends.length; i++) {
                previous = Math.max(previous, byteEnds[i]); // offsets never go back, even when trimmed oddly
                ends[i] = cursor.charIndexAt(previous);
            }
            return ends;
        }
    }

    /** The server answered a call with an error status. */
    static final class Refused extends IOException {
        private final int status;

        Refused(String message, int status) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** The JSON body of a successful call. */
    private static JsonNode answer(ServerEndpoint server, String endpoint, JsonNode body) throws IOException {
        ServerEndpoint.Reply reply = server.call(endpoint, body);
        if (!reply.ok()) {
            throw new Refused("/" + endpoint + " answered HTTP " + reply.status()
                    + (reply.body().isBlank() ? "" : " " + server.shown(reply.body())), reply.status());
        }
        try {
            return JSON.readTree(reply.body());
        } catch (JsonProcessingException e) {
            throw new IOException("/" + endpoint + " answered HTTP " + reply.status() + " but not JSON: "
                    + server.shown(reply.body()));
        }
    }

    private static ObjectNode openAiStyle(String model, String text) {
        ObjectNode body = JSON.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        return body.put("prompt", text).put("add_special_tokens", false);
    }

    IOException notLike(String what) {
        return new IOException("/tokenize answered, but not as " + label + " does: " + what);
    }

    int[] ids(JsonNode tokens) throws IOException {
        if (!tokens.isArray()) {
            throw notLike("no \"tokens\" list of ids");
        }
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            if (!tokens.get(i).canConvertToInt() || !tokens.get(i).isIntegralNumber()) {
                throw notLike("token " + i + " is " + shortly(tokens.get(i)) + ", not an id");
            }
            ids[i] = tokens.get(i).intValue();
        }
        return ids;
    }

    private static String text(JsonNode text) throws IOException {
        if (!text.isTextual()) {
            throw new IOException("/detokenize answered without the text: " + shortly(text));
        }
        return text.textValue();
    }

    /** A llama.cpp piece: its text, or the bytes it lists when it is not valid UTF-8 alone; null when absent. */
    private static byte[] pieceBytes(JsonNode piece) {
        if (piece.isTextual()) {
            return piece.textValue().getBytes(StandardCharsets.UTF_8);
        }
        if (piece.isArray()) {
            byte[] bytes = new byte[piece.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) piece.get(i).asInt();
            }
            return bytes;
        }
        return null;
    }

    private static ArrayNode ints(int[] ids) {
        ArrayNode array = JSON.createArrayNode();
        for (int id : ids) {
            array.add(id);
        }
        return array;
    }

    private static String shortly(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}

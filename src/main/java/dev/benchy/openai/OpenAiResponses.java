package dev.benchy.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchy.core.run.ChatCompletion;
import dev.benchy.core.run.ServedModel;
import dev.benchy.core.stream.RequestTrace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the two non-streaming answers benchy needs: a chat completion (warmup, coherence) and the model list. They
 * are off the timed path and small, so a tree is fine here. Thread-safe.
 */
final class OpenAiResponses {

    private final ObjectMapper json = new ObjectMapper();

    /**
     * {@code choices[0].message.content}, {@code reasoning_content} or {@code reasoning}, and
     * {@code usage.prompt_tokens} (usage may be null) of a 200 response; an unparseable body is an error.
     */
    ChatCompletion completion(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return new ChatCompletion(200, "", "", RequestTrace.ABSENT, false,
                    "unparseable response body: " + reason(e));
        }
        if (root == null || !root.isObject()) {
            return new ChatCompletion(200, "", "", RequestTrace.ABSENT, false,
                    "response body must be a JSON object, but was " + (root == null ? "empty" : root.getNodeType()));
        }
        JsonNode choices = root.path("choices");
        boolean hasChoices = choices.isArray() && !choices.isEmpty();
        JsonNode message = hasChoices ? choices.get(0).path("message") : json.missingNode();
        String content = text(message.path("content"));
        String reasoning = text(message.path("reasoning_content"));
        if (reasoning.isEmpty()) {
            reasoning = text(message.path("reasoning"));
        }
        JsonNode promptTokens = root.path("usage").path("prompt_tokens");
        int prompt = promptTokens.isInt() && promptTokens.intValue() >= 0 ? promptTokens.intValue()
                : RequestTrace.ABSENT;
        return new ChatCompletion(200, content, reasoning, prompt, hasChoices, null);
    }

    /**
     * The models of an OpenAI style {@code {"data":[{"id":..,"root":..}]}} or Ollama style
     * {@code {"models":[{"model":..}]}} list (also {@code id} or {@code name}); entries without a name are skipped.
     *
     * @throws IllegalArgumentException when the body is neither, saying why
     */
    List<ServedModel> models(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("unparseable model list: " + reason(e));
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data != null && data.isArray()) {
            List<ServedModel> models = new ArrayList<>();
            for (JsonNode entry : data) {
                String id = text(entry.path("id"));
                if (!id.isEmpty()) {
                    String served = text(entry.path("root"));
                    models.add(new ServedModel(id, served.isEmpty() ? null : served));
                }
            }
            return List.copyOf(models);
        }
        JsonNode ollama = root == null ? null : root.get("models");
        if (ollama != null && ollama.isArray()) {
            List<ServedModel> models = new ArrayList<>();
            for (JsonNode entry : ollama) {
                String id = firstText(entry, "model", "id", "name");
                if (!id.isEmpty()) {
                    models.add(new ServedModel(id, null));
                }
            }
            return List.copyOf(models);
        }
        throw new IllegalArgumentException("the model list must have a \"data\" or \"models\" array, but had "
                + (root == null ? "no body" : "neither"));
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node.path(field));
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : "";
    }

    private static String reason(IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
    }
}

package dev.benchy.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchy.core.run.Message;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a chat completion request the simulator acts on, read and checked once so that nothing later has
 * to doubt them.
 *
 * @param messages    the conversation, content flattened to text
 * @param reply       how the answer is to be shaped
 * @param cachePrompt {@code cache_prompt} (llama.cpp's switch), default true
 */
record ChatCall(List<Message> messages, Reply reply, boolean cachePrompt) {

    static final int DEFAULT_MAX_TOKENS = 16;

    ChatCall {
        messages = List.copyOf(messages);
    }

    /**
     * What the answer must look like; kept apart from the messages so a long stream does not hold on to its prompt.
     *
     * @param maxTokens      {@code max_tokens} (or {@code max_completion_tokens}),
     *                       default {@value ChatCall#DEFAULT_MAX_TOKENS}
     * @param stream         {@code stream}
     * @param includeUsage   {@code stream_options.include_usage}
     * @param returnTokenIds {@code return_token_ids} (vLLM's extension)
     */
    record Reply(int maxTokens, boolean stream, boolean includeUsage, boolean returnTokenIds) {
    }

    static ChatCall parse(byte[] body, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(null, "request body must be valid JSON, but was not: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException(null, "request body must be readable JSON, but was not: "
                    + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(null, "request body must be a JSON object, but was "
                    + describe(root));
        }
        JsonNode options = root.path("stream_options");
        Reply reply = new Reply(
                maxTokens(root),
                flag(root, "stream", false),
                options.isObject() && flag(options, "include_usage", false),
                flag(root, "return_token_ids", false));
        return new ChatCall(messages(root.get("messages")), reply, flag(root, "cache_prompt", true));
    }

    private static List<Message> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException("messages", "messages must be a non-empty array, but was "
                    + describe(node));
        }
        List<Message> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode message = node.get(i);
            String where = "messages[" + i + "]";
            if (!message.isObject()) {
                throw new InvalidRequestException("messages", where + " must be an object, but was "
                        + describe(message));
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual()) {
                throw new InvalidRequestException("messages", where + ".role must be a string, but was "
                        + describe(role));
            }
            messages.add(new Message(role.asText(), content(message.get("content"), where + ".content")));
        }
        return messages;
    }

    /** A string, null, or OpenAI's array of parts of which the text parts count. */
    private static String content(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : node) {
                JsonNode partText = part.get("text");
                if (partText != null && partText.isTextual()) {
                    text.append(partText.asText());
                }
            }
            return text.toString();
        }
        throw new InvalidRequestException("messages", where + " must be a string or an array of parts, but was "
                + describe(node));
    }

    private static int maxTokens(JsonNode root) {
        String name = root.hasNonNull("max_tokens") || !root.hasNonNull("max_completion_tokens")
                ? "max_tokens" : "max_completion_tokens";
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return DEFAULT_MAX_TOKENS;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
            throw new InvalidRequestException(name, name + " must be an integer of at least 1, but was "
                    + node);
        }
        return node.asInt();
    }

    private static boolean flag(JsonNode object, String name, boolean absent) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw new InvalidRequestException(name, name + " must be true or false, but was " + node);
        }
        return node.asBoolean();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}

package dev.benchy.core.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's extra body fields, as llama-benchy's {@code --extra-body KEY=VALUE} takes them: the value is read as
 * JSON ({@code 20}, {@code true}, {@code {"enable_thinking": false}}, {@code null}), and taken as a plain string when
 * it is not JSON. {@code KEY=null} removes one of benchy's optional fields.
 */
public final class ExtraBody {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ExtraBody() {
    }

    /**
     * One {@code KEY=VALUE}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Map.Entry<String, Object> parse(String keyValue) {
        int eq = keyValue == null ? -1 : keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("must be KEY=VALUE, but was '" + keyValue + "'");
        }
        String key = keyValue.substring(0, eq).strip();
        RequestShape.checkExtraKey(key);
        return new AbstractMap.SimpleImmutableEntry<>(key, value(keyValue.substring(eq + 1)));
    }

    /** Every {@code KEY=VALUE} in order; a key given twice keeps its last value. */
    public static Map<String, Object> parseAll(List<String> keyValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String keyValue : keyValues) {
            Map.Entry<String, Object> entry = parse(keyValue);
            body.remove(entry.getKey());
            body.put(entry.getKey(), entry.getValue());
        }
        return body;
    }

    /** The value as JSON when it is JSON, else the text itself. */
    public static Object value(String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            return raw;
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return raw;
        }
    }
}

package dev.benchy.core.request;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExtraBodyTest {

    @Test
    void valuesAreJsonElseText() {
        assertEquals(20, ExtraBody.value("20"));
        assertEquals(0.7, ExtraBody.value("0.7"));
        assertEquals(true, ExtraBody.value("true"));
        assertNull(ExtraBody.value("null"));
        assertEquals("text", ExtraBody.value("\"text\""));
        assertEquals(Map.of("enable_thinking", false), ExtraBody.value("{\"enable_thinking\": false}"));
        assertEquals(List.of("a", "b"), ExtraBody.value("[\"a\",\"b\"]"));
        assertEquals("END", ExtraBody.value("END"));
        assertEquals("1 2", ExtraBody.value("1 2"), "trailing tokens make it text, not 1");
        assertEquals("{broken", ExtraBody.value("{broken"));
        assertEquals("", ExtraBody.value(""));
    }

    @Test
    void keyValuePairsKeepTheirOrderAndTheLastValueOfAKey() {
        Map<String, Object> body = ExtraBody.parseAll(List.of("top_k=20", "stop==", "return_token_ids=null",
                "top_k=40"));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("stop", "=");
        expected.put("return_token_ids", null);
        expected.put("top_k", 40);
        assertEquals(expected, body);
        assertEquals(Arrays.asList("stop", "return_token_ids", "top_k"), List.copyOf(body.keySet()));
    }

    @Test
    void aMissingKeyOrOneBenchySetsIsRefused() {
        assertEquals("must be KEY=VALUE, but was 'top_k'",
                assertThrows(IllegalArgumentException.class, () -> ExtraBody.parse("top_k")).getMessage());
        assertEquals("must be KEY=VALUE, but was '=5'",
                assertThrows(IllegalArgumentException.class, () -> ExtraBody.parse("=5")).getMessage());
        assertEquals("a key must not be one benchy sets itself (model, messages, max_tokens, stream), but was"
                + " messages", assertThrows(IllegalArgumentException.class,
                () -> ExtraBody.parse("messages=[]")).getMessage());
    }
}

package dev.benchy.core.request;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The refusal forms of the servers people run, and answers that name a field without refusing it. */
class FieldRefusalTest {

    private static final List<String> SENT = List.of("return_token_ids", "stream_options", "cache_prompt");

    @Test
    void openAiNamesOneOrSeveralUnrecognizedArguments() {
        assertEquals(List.of("return_token_ids"), FieldRefusal.refused(400, "HTTP 400: {\"error\":{\"message\":"
                + "\"Unrecognized request argument supplied: return_token_ids\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":null}}", SENT));
        assertEquals(List.of("return_token_ids", "cache_prompt"), FieldRefusal.refused(400, "HTTP 400: {\"error\":"
                + "{\"message\":\"Unrecognized request arguments supplied: cache_prompt, return_token_ids\"}}", SENT));
    }

    @Test
    void pydanticExtraForbiddenNamesTheFieldInLoc() {
        String trtllm = "HTTP 400: {\"error\":\"[{'type': 'extra_forbidden', 'loc': ('body', 'cache_prompt'), 'msg':"
                + " 'Extra inputs are not permitted', 'input': False}]\"}";
        String fastApi = "HTTP 422: {\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"return_token_ids\"],"
                + "\"msg\":\"Extra inputs are not permitted\",\"input\":true}]}";
        String pydanticV1 = "HTTP 422: {\"detail\":[{\"loc\":[\"body\",\"stream_options\"],\"msg\":\"extra fields not"
                + " permitted\",\"type\":\"value_error.extra\"}]}";

        assertEquals(List.of("cache_prompt"), FieldRefusal.refused(400, trtllm, SENT));
        assertEquals(List.of("return_token_ids"), FieldRefusal.refused(422, fastApi, SENT));
        assertEquals(List.of("stream_options"), FieldRefusal.refused(422, pydanticV1, SENT));
    }

    @Test
    void aSentenceRefusingTheFieldCounts() {
        assertEquals(List.of("return_token_ids"), FieldRefusal.refused(400, "HTTP 400: {\"object\":\"error\","
                + "\"message\":\"return_token_ids is not supported with streaming on /v1/chat/completions. Please set"
                + " stream=false when using return_token_ids=true.\",\"type\":\"BadRequestError\",\"code\":400}",
                SENT));
        assertEquals(List.of("stream_options"), FieldRefusal.refused(400,
                "HTTP 400: Unsupported parameter: 'stream_options'", SENT));
    }

    @Test
    void anAnswerThatOnlyMentionsAFieldIsNoRefusal() {
        // a validation error of another field that echoes the whole body back
        String echo = "HTTP 400: {\"detail\":[{\"type\":\"value_error\",\"loc\":[\"body\"],\"msg\":\"Value error, n is"
                + " not supported\",\"input\":{\"model\":\"m\",\"stream\":true,\"return_token_ids\":true,"
                + "\"stream_options\":{\"include_usage\":true}}}]}";
        assertEquals(List.of(), FieldRefusal.refused(400, echo, SENT));
        assertEquals(List.of(), FieldRefusal.refused(400, "HTTP 400: max_tokens is too large", SENT));
        // the right words, but not a client error
        assertEquals(List.of(), FieldRefusal.refused(500, "HTTP 500: return_token_ids is not supported", SENT));
        assertEquals(List.of(), FieldRefusal.refused(0, "connection refused", SENT));
        // a field not sent cannot be refused, and a longer name is not the field
        assertEquals(List.of(), FieldRefusal.refused(400, "Unrecognized request argument supplied: top_k", SENT));
        assertEquals(List.of(), FieldRefusal.refused(400, "return_token_ids_v2 is not supported", SENT));
    }

    @Test
    void theReasonIsTheStartOfTheAnswerOnOneLine() {
        assertEquals("HTTP 400: a b", FieldRefusal.reason("HTTP 400:\n a   b\n"));
        String reason = FieldRefusal.reason("HTTP 400: " + "x".repeat(500));
        assertEquals(200, reason.length());
        assertEquals("...", reason.substring(197));
    }
}

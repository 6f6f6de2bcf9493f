package dev.benchy.core.stream;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a benchmark request failed, in a small fixed set: the {@code reason} label of
 * {@code benchy_request_errors_total} and the keys of a test's {@code error_reasons}. The error text says the rest
 * (status, body, how far the stream got); the reason is what dashboards and alerts group by.
 */
public enum ErrorReason {
    /** No connection: refused, unknown host, connect timeout, TLS handshake, or the client already closed. */
    CONNECT("connect"),
    /** The timeout passed before the response head arrived. */
    TIMEOUT("timeout"),
    /** The response started, then the timeout passed before it ended (a stall, or a stream that never ends). */
    STALLED("stalled"),
    /** The server answered 4xx. */
    HTTP_4XX("http_4xx"),
    /** The server answered 5xx. */
    HTTP_5XX("http_5xx"),
    /** An answer that is no event stream: a 200 HTML page, a redirect, another status. */
    BAD_RESPONSE("bad_response"),
    /** The connection or the stream ended before the response was complete (closed, reset, no [DONE]). */
    CUT("cut"),
    /** Events whose payload was not JSON: nothing measured from such a stream can be trusted. */
    MALFORMED("malformed"),
    /** The server sent an error object inside the stream. */
    SERVER_ERROR("server_error"),
    /** A complete stream without a single event carrying output. */
    NO_OUTPUT("no_output"),
    /** Anything else (a failure inside the client). */
    OTHER("other");

    private final String id;

    ErrorReason(String id) {
        this.id = id;
    }

    /** The label value and report key, e.g. {@code http_5xx}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The reason of a refused response: 4xx, 5xx, or any other status (none of which is an event stream). */
    public static ErrorReason ofStatus(int status) {
        if (status >= 400 && status < 500) {
            return HTTP_4XX;
        }
        if (status >= 500 && status < 600) {
            return HTTP_5XX;
        }
        return BAD_RESPONSE;
    }
}

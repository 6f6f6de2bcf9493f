package dev.benchy.faults;

import dev.benchy.core.report.RunStatus;
import dev.benchy.core.stream.ErrorReason;
import dev.benchy.faults.FaultServer.Fault;

import java.time.Duration;
import java.util.List;

/**
 * The server faults of issue 6 and what benchy must make of each: one table for the client-level test
 * ({@link ServerFaultTest}) and the service-level one, and the source of docs/RELIABILITY.md's table. Plans use
 * {@value #REQUESTS} concurrent requests (pp 64, tg 8) and a {@link #TIMEOUT} per request.
 */
public final class FaultCases {

    public static final int REQUESTS = 2;
    public static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** Where a case's requests go. */
    public enum Endpoint {
        FAULT_SERVER, CLOSED_PORT, UNKNOWN_HOST, TLS_TO_PLAIN_PORT;

        public String url(FaultServer server, int closedPort) {
            return switch (this) {
                case FAULT_SERVER -> server.baseUrl();
                case CLOSED_PORT -> "http://127.0.0.1:" + closedPort + "/v1";
                case UNKNOWN_HOST -> "http://benchy-no-such-host.invalid:8000/v1";
                case TLS_TO_PLAIN_PORT -> "https://127.0.0.1:" + server.port() + "/v1";
            };
        }
    }

    /**
     * One fault and what benchy must make of it.
     *
     * @param status  the run's status
     * @param error   what every failed request's error (and the run's error) must contain; {port} is the fault
     *                server's; null when nothing fails
     * @param failed  requests that failed, of {@value #REQUESTS}
     * @param warning the report's one warning, or null
     * @param reason  the bounded reason of every failed request (its {@code benchy_request_errors_total} label), or
     *                null when nothing fails
     */
    public record Case(String name, Fault fault, Endpoint endpoint, RunStatus status, String error, int failed,
                       String warning, ErrorReason reason) {

        public String expectedError(FaultServer server) {
            return error == null ? null : error.replace("{port}", Integer.toString(server.port()));
        }

        public boolean succeeds() {
            return status == RunStatus.OK || status == RunStatus.PARTIAL;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private FaultCases() {
    }

    private static Case failing(String name, Fault fault, ErrorReason reason, String error) {
        return new Case(name, fault, Endpoint.FAULT_SERVER, RunStatus.FAILED, error, REQUESTS, null, reason);
    }

    private static Case unreachable(String name, Endpoint endpoint, String error) {
        return new Case(name, Fault.NORMAL, endpoint, RunStatus.FAILED, error, REQUESTS, null, ErrorReason.CONNECT);
    }

    private static Case ok(String name, Fault fault, String warning) {
        return new Case(name, fault, Endpoint.FAULT_SERVER, RunStatus.OK, null, 0, warning, null);
    }

    public static List<Case> all() {
        return List.of(
                unreachable("connection refused", Endpoint.CLOSED_PORT, "connection refused: 127.0.0.1:"),
                unreachable("unresolvable host", Endpoint.UNKNOWN_HOST, "unknown host: benchy-no-such-host.invalid"),
                unreachable("TLS to a plain-HTTP port", Endpoint.TLS_TO_PLAIN_PORT, "TLS with 127.0.0.1:{port} failed"),
                failing("401 (echoing the key)", Fault.STATUS_401, ErrorReason.HTTP_4XX,
                        "HTTP 401: {\"error\":{\"message\":\"Invalid API key: ***\"}}"),
                failing("404", Fault.STATUS_404, ErrorReason.HTTP_4XX,
                        "HTTP 404: {\"error\":{\"message\":\"The model does not exist\"}}"),
                failing("429 with Retry-After", Fault.STATUS_429, ErrorReason.HTTP_4XX,
                        "HTTP 429: {\"error\":{\"message\":\"Rate limit reached, retry in 30 s\"}}"),
                failing("500", Fault.STATUS_500, ErrorReason.HTTP_5XX,
                        "HTTP 500: {\"error\":{\"message\":\"CUDA out of memory\"}}"),
                failing("503", Fault.STATUS_503, ErrorReason.HTTP_5XX,
                        "HTTP 503: {\"error\":{\"message\":\"model is loading\"}}"),
                failing("HTML instead of SSE", Fault.HTML_PAGE, ErrorReason.BAD_RESPONSE,
                        "HTTP 200 with text/html instead of an event stream: <html><head><title>502 Bad Gateway"),
                failing("headers never come", Fault.NO_HEADERS, ErrorReason.TIMEOUT,
                        "timed out after 3 s (stalled before the response head)"),
                failing("stream stalls after tokens", Fault.STALL_AFTER_TOKENS, ErrorReason.STALLED,
                        "timed out after 3 s (stalled after 3 content events)"),
                failing("stream cut without [DONE]", Fault.CUT_WITHOUT_DONE, ErrorReason.CUT,
                        "stream ended without [DONE] after 3 events"),
                failing("connection dropped mid-stream", Fault.CONNECTION_DROPPED, ErrorReason.CUT,
                        "connection closed by 127.0.0.1:{port} (after 3 content events)"),
                failing("one malformed JSON event", Fault.MALFORMED_EVENT, ErrorReason.MALFORMED,
                        "1 of 11 events were malformed JSON"),
                failing("every event malformed JSON", Fault.ALL_MALFORMED, ErrorReason.MALFORMED,
                        "8 of 8 events were malformed JSON"),
                ok("usage: null", Fault.USAGE_NULL, null),
                failing("choices stay empty", Fault.EMPTY_CHOICES, ErrorReason.NO_OUTPUT,
                        "stream ended after 8 events, none with output (choices empty or no content)"),
                failing("invalid UTF-8", Fault.INVALID_UTF8, ErrorReason.MALFORMED,
                        "8 of 10 events were malformed JSON"),
                ok("a 20 MB single event", Fault.HUGE_EVENT, null),
                failing("never ends, at a trickle", Fault.TRICKLE, ErrorReason.STALLED,
                        "timed out after 3 s (stalled after "),
                ok("fewer tokens than asked", Fault.FEWER_TOKENS, "pp64 tg8 (c2): 2 of 2 requests generated fewer"
                        + " tokens than the 8 asked (as few as 3); tg is measured on the tokens that came"));
    }
}

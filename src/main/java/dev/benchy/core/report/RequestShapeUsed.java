package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * How the run's requests were sent, so a reader knows what the server was asked and what benchy gave up: the fields
 * of a measured request, the optional fields the server refused (and its words), the user's extra body keys, the
 * names of the headers sent (never their values), and the requests sent a second time. Values of the extra body and
 * of the headers are not recorded: they may be secrets.
 *
 * @param fields          top-level fields of a measured request, as last sent
 * @param dropped         optional fields benchy stopped sending because the server refused them
 * @param extraBody       keys of the user's extra body fields
 * @param authHeader      name of the header that carries the api key
 * @param headers         names of the extra headers
 * @param exactTg         measured requests asked for exactly tg tokens (min_tokens, ignore_eos)
 * @param resentRequests  requests sent again without a field the server refused
 * @param retriedRequests requests retried on a fresh connection after a reused one closed before any response byte
 */
@JsonPropertyOrder({"fields", "dropped", "extra_body", "auth_header", "headers", "exact_tg", "resent_requests",
        "retried_requests"})
public record RequestShapeUsed(
        @JsonProperty("fields") List<String> fields,
        @JsonProperty("dropped") List<DroppedField> dropped,
        @JsonProperty("extra_body") List<String> extraBody,
        @JsonProperty("auth_header") String authHeader,
        @JsonProperty("headers") List<String> headers,
        @JsonProperty("exact_tg") boolean exactTg,
        @JsonProperty("resent_requests") int resentRequests,
        @JsonProperty("retried_requests") int retriedRequests) {

    public RequestShapeUsed {
        fields = fields == null ? List.of() : List.copyOf(fields);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        extraBody = extraBody == null ? List.of() : List.copyOf(extraBody);
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** An optional field benchy stopped sending, and the server's refusal. */
    @JsonPropertyOrder({"field", "reason"})
    public record DroppedField(@JsonProperty("field") String field, @JsonProperty("reason") String reason) {
    }
}

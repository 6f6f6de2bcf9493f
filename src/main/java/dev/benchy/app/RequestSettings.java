package dev.benchy.app;

import dev.benchy.core.request.RequestShape;
import dev.benchy.openai.EndpointAccess;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a target's requests are sent beyond what the plan says, from {@code bench}'s flags or a target's
 * configuration: the header the api key goes in, extra headers (their values are secrets), extra body fields and
 * exact-tg. Validated when built.
 *
 * @param authHeader the header the api key is sent in ({@code Authorization} as a Bearer token by default)
 * @param headers    extra headers by name; the values are secrets
 * @param extraBody  extra top-level body fields (a null value removes one of benchy's)
 * @param exactTg    measured requests generate exactly tg tokens
 */
public record RequestSettings(String authHeader, Map<String, String> headers, Map<String, Object> extraBody,
                              boolean exactTg) {

    public static final RequestSettings DEFAULT = new RequestSettings(EndpointAccess.AUTHORIZATION, Map.of(),
            Map.of(), false);

    public RequestSettings {
        authHeader = authHeader == null || authHeader.isBlank() ? EndpointAccess.AUTHORIZATION : authHeader.strip();
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
        // the same checks the endpoint and the request builder make, so what is accepted here also runs
        new EndpointAccess(EndpointAccess.NO_KEY, authHeader, headers);
        extraBody.keySet().forEach(RequestShape::checkExtraKey);
    }

    /** The api key and headers to send, checked together (the key cannot also be given as a header). */
    public EndpointAccess access(String apiKey) {
        return new EndpointAccess(apiKey, authHeader, headers);
    }

    /** The request shape these settings start a target with. */
    public RequestShape shape() {
        return RequestShape.of(extraBody, exactTg, authHeader, List.copyOf(headers.keySet()));
    }

    /** Names only: header values never show. */
    @Override
    public String toString() {
        return "RequestSettings[authHeader=" + authHeader + ", headers=" + headers.keySet() + ", extraBody="
                + extraBody.keySet() + ", exactTg=" + exactTg + "]";
    }
}

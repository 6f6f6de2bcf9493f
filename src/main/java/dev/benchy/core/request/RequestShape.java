package dev.benchy.core.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How one target's requests look beyond what the plan dictates: the user's extra body fields, whether generation
 * is forced to exactly tg tokens, the names of the headers sent, and which of benchy's {@link OptionalField}s the
 * server refused (and why). Immutable; {@link LearnedShape} holds the current one of a target. Header values and the
 * api key never enter it: it is reported as it is.
 *
 * @param extraBody   top-level fields merged after benchy's own, in order; a null value removes the field
 * @param exactTg     measured requests ask for exactly max_tokens tokens ({@code min_tokens}, {@code ignore_eos})
 * @param authHeader  the name of the header that carries the api key
 * @param headerNames the names of the extra headers sent with every request
 * @param dropped     the optional fields no longer sent, each with the server's refusal
 */
public record RequestShape(Map<String, Object> extraBody, boolean exactTg, String authHeader,
                           List<String> headerNames, Map<OptionalField, String> dropped) {

    /** The fields benchy always sets itself; the extra body may not replace or remove them. */
    public static final Set<String> OWN_FIELDS = Set.of("model", "messages", "max_tokens", "stream");

    /** The header that carries the api key unless the target says otherwise. */
    public static final String DEFAULT_AUTH_HEADER = "Authorization";

    /** Benchy's request as llama-benchy sends it: every optional field, no extras. */
    public static final RequestShape DEFAULT = new RequestShape(Map.of(), false, DEFAULT_AUTH_HEADER, List.of(),
            Map.of());

    public RequestShape {
        extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(extraBody, "extraBody")));
        for (String key : extraBody.keySet()) {
            checkExtraKey(key);
        }
        authHeader = Objects.requireNonNull(authHeader, "authHeader");
        headerNames = List.copyOf(headerNames);
        dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    }

    /**
     * Refuses an extra body key benchy cannot give up.
     *
     * @throws IllegalArgumentException saying which key and why
     */
    public static void checkExtraKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a key must not be empty, but was '" + key + "'");
        }
        if (OWN_FIELDS.contains(key)) {
            throw new IllegalArgumentException("a key must not be one benchy sets itself (model, messages,"
                    + " max_tokens, stream), but was " + key);
        }
    }

    /** A shape with this extra body, exact-tg setting and headers, sending every optional field. */
    public static RequestShape of(Map<String, Object> extraBody, boolean exactTg, String authHeader,
                                  List<String> headerNames) {
        return new RequestShape(extraBody, exactTg, authHeader, headerNames, Map.of());
    }

    /** Whether benchy writes {@code field} itself: not refused by the server, not replaced or removed by the user. */
    public boolean sends(OptionalField field) {
        return !dropped.containsKey(field) && !extraBody.containsKey(field.key());
    }

    /** This shape without {@code field}, refused by the server for {@code reason}. */
    public RequestShape dropping(OptionalField field, String reason) {
        Map<OptionalField, String> more = new LinkedHashMap<>(dropped);
        more.putIfAbsent(field, reason);
        return new RequestShape(extraBody, exactTg, authHeader, headerNames, more);
    }

    /** The optional fields a request of this shape may carry, by their JSON names. */
    public List<String> sentOptionalKeys() {
        List<String> keys = new ArrayList<>();
        for (OptionalField field : OptionalField.values()) {
            if (sends(field)) {
                keys.add(field.key());
            }
        }
        return keys;
    }
}

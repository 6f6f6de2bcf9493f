package dev.benchy.openai;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a request carries to be let in: the api key, in the header the server expects it in ({@code Authorization:
 * Bearer KEY} by default, {@code api-key: KEY} for Azure OpenAI, any other name with the bare key), and the user's
 * extra headers. Every value is a secret: none is ever written to a log, report, metric or error message
 * ({@link #secrets()} lists what {@link FailureText} masks), and {@link #toString()} shows names only.
 *
 * @param apiKey     the api key, {@value #NO_KEY} when there is none
 * @param authHeader the name of the header that carries it
 * @param headers    extra headers by name, in order
 */
public record EndpointAccess(String apiKey, String authHeader, Map<String, String> headers) {

    /** llama-benchy's api key when none is given. */
    public static final String NO_KEY = "EMPTY";
    public static final String AUTHORIZATION = "Authorization";

    /** RFC 9110 token characters. */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the HTTP client owns: framing and connection management. */
    private static final Set<String> CLIENT_OWNED = Set.of("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "upgrade", "te", "trailer");
    /** Shorter values cannot be told apart from ordinary text (a status code, a count) and are not masked. */
    private static final int MASKABLE_LENGTH = 4;

    public EndpointAccess {
        apiKey = apiKey == null || apiKey.isBlank() ? NO_KEY : apiKey;
        authHeader = authHeader == null || authHeader.isBlank() ? AUTHORIZATION : authHeader.strip();
        checkName(authHeader);
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey().strip();
            checkName(name);
            checkValue(name, h.getValue());
            if (CLIENT_OWNED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("a header must not be one the HTTP client sets itself (Host,"
                        + " Content-Length, Transfer-Encoding, Connection...), but was " + name);
            }
            if (name.equalsIgnoreCase(authHeader) && !NO_KEY.equals(apiKey)) {
                throw new IllegalArgumentException("a header must not be the one the api key is sent in when a key"
                        + " is given, but was " + name);
            }
            copy.put(name, h.getValue());
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /** The api key as a Bearer token, nothing else: llama-benchy's way. */
    public static EndpointAccess bearer(String apiKey) {
        return new EndpointAccess(apiKey, AUTHORIZATION, Map.of());
    }

    /** Whether a key was given (models are listed without one, as llama-benchy does). */
    public boolean hasKey() {
        return !NO_KEY.equals(apiKey);
    }

    /**
     * The headers a request carries: the extra ones, and when {@code authorize} the key in its header (unless an
     * extra header of that name was given instead of a key): {@code Bearer KEY} in {@code Authorization}, the bare
     * key in any other.
     */
    public Map<String, String> headersToSend(boolean authorize) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        boolean given = headers.keySet().stream().anyMatch(authHeader::equalsIgnoreCase);
        if (authorize && !given) {
            all.put(authHeader, authHeader.equalsIgnoreCase(AUTHORIZATION) ? "Bearer " + apiKey : apiKey);
        }
        return all;
    }

    /** Every value that must never be shown: the key and each header value. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (hasKey()) {
            secrets.add(apiKey);
        }
        for (String value : headers.values()) {
            if (value.strip().length() >= MASKABLE_LENGTH) {
                secrets.add(value.strip());
            }
        }
        return secrets;
    }

    /** The extra headers' names. */
    public List<String> headerNames() {
        return List.copyOf(headers.keySet());
    }

    /**
     * One {@code Name: value}, as {@code --header} takes it. The message of a refusal never shows the value.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Map.Entry<String, String> parseHeader(String header) {
        int colon = header == null ? -1 : header.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("must be 'Name: value', but had no name before a ':' (the value is"
                    + " not shown: header values are secrets)");
        }
        String name = header.substring(0, colon).strip();
        checkName(name);
        String value = header.substring(colon + 1).strip();
        checkValue(name, value);
        return new AbstractMap.SimpleImmutableEntry<>(name, value);
    }

    /** A header name as HTTP allows it. */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a header name must be letters, digits or !#$%&'*+-.^_`|~, but was '"
                    + name + "'");
        }
    }

    private static void checkValue(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the value of header " + name + " must not be empty, but was empty");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the value of header " + name + " must not contain a line break,"
                    + " but did");
        }
    }

    /** Names only. */
    @Override
    public String toString() {
        return "EndpointAccess[apiKey=" + (hasKey() ? "****" : NO_KEY) + ", authHeader=" + authHeader
                + ", headers=" + headers.keySet() + "]";
    }
}

package dev.benchy.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/** The parsed base URL: where requests go, and the normalised text reports show. */
record BaseUrl(String url, String host, int port, boolean ssl, String path) {

    static BaseUrl parse(String baseUrl) {
        Objects.requireNonNull(baseUrl, "base URL");
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid(baseUrl);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("base URL must not carry credentials (give the api key instead), "
                    + "but it did");
        }
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(baseUrl);
        }
        boolean ssl = scheme.equals("https");
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? (ssl ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return new BaseUrl(trimmed, host, port, ssl, path);
    }

    private static IllegalArgumentException invalid(String baseUrl) {
        return new IllegalArgumentException(
                "base URL must be http(s)://host[:port][/path] without a query, but was " + baseUrl);
    }
}

package dev.benchy.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed base URL: where requests go, and the normalised text reports show. A query string (Azure OpenAI's
 * {@code ?api-version=…}) is kept and sent with every call; credentials are not accepted in the URL, neither as
 * user info nor as a query parameter that names a key or token: they go in the api key or a header, which are
 * secrets.
 *
 * <p>The Azure OpenAI deployment form, {@code https://X.openai.azure.com/openai/deployments/NAME?api-version=…},
 * names the model in its path ({@link #deployment()}); its model list is the resource's {@code /openai/models}.
 *
 * @param url    the base URL without trailing slashes, as reports show it (with its query)
 * @param origin {@code scheme://host[:port]} as written
 * @param host   the host (IPv6 without brackets)
 * @param port   the port, the scheme's default when none is written
 * @param ssl    https
 * @param path   the raw path without trailing slashes, e.g. {@code /v1} or ""
 * @param query  the raw query string, or null
 */
record BaseUrl(String url, String origin, String host, int port, boolean ssl, String path, String query) {

    private static final Pattern DEPLOYMENT = Pattern.compile("(.*)/openai/deployments/([^/]+)");
    /** Query parameter names that carry credentials (compared in lower case without '-' and '_'). */
    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of("key", "apikey", "token", "accesstoken",
            "authtoken", "secret", "password", "sig", "signature", "auth", "authorization");

    static BaseUrl parse(String baseUrl) {
        Objects.requireNonNull(baseUrl, "base URL");
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            throw invalid(baseUrl);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("base URL must not carry credentials (give the api key instead), "
                    + "but it did");
        }
        String query = uri.getRawQuery() == null || uri.getRawQuery().isEmpty() ? null : uri.getRawQuery();
        checkQuery(query);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getRawFragment() != null) {
            throw invalid(baseUrl);
        }
        boolean ssl = scheme.equals("https");
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? (ssl ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String origin = scheme + "://" + uri.getRawAuthority();
        String url = origin + path + (query == null ? "" : "?" + query);
        return new BaseUrl(url, origin, host, port, ssl, path, query);
    }

    /** The request URI of {@code suffix} (e.g. {@code /chat/completions}) under the base path, with the query. */
    String uri(String suffix) {
        return path + suffix + (query == null ? "" : "?" + query);
    }

    /** The Azure OpenAI deployment named by the path, or null when the URL is not of that form. */
    String deployment() {
        Matcher m = DEPLOYMENT.matcher(path);
        return m.matches() ? m.group(2) : null;
    }

    /** The request URI of the model list: {@code /models} under the base, or the Azure resource's model list. */
    String modelsUri() {
        Matcher m = DEPLOYMENT.matcher(path);
        return m.matches() ? m.group(1) + "/openai/models" + (query == null ? "" : "?" + query) : uri("/models");
    }

    /** The full URL of the model list, for messages. */
    String modelsUrl() {
        return origin + modelsUri();
    }

    private static void checkQuery(String query) {
        if (query == null) {
            return;
        }
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String plain = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            if (CREDENTIAL_PARAMETERS.contains(plain)) {
                throw new IllegalArgumentException("base URL must not carry credentials (give the api key or a"
                        + " header instead), but its query had '" + name + "'");
            }
        }
    }

    private static IllegalArgumentException invalid(String baseUrl) {
        return new IllegalArgumentException(
                "base URL must be http(s)://host[:port][/path][?query], but was " + baseUrl);
    }
}

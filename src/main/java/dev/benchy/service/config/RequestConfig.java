package dev.benchy.service.config;

import dev.benchy.app.RequestSettings;
import dev.benchy.core.request.ExtraBody;
import dev.benchy.core.request.RequestShape;
import dev.benchy.openai.EndpointAccess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A target's request keys ({@code auth-header}, {@code headers}, {@code extra-body}, {@code exact-tg}) as
 * {@link RequestSettings}, each problem named by its key. A header's value never appears in a message: it is a
 * secret.
 */
final class RequestConfig {

    private RequestConfig() {
    }

    /** The settings, or null when a problem was added to {@code problems}. */
    static RequestSettings resolve(String key, BenchyConfig.TargetConfig target, ConfigValues values) {
        List<String> problems = values.problems();
        int before = problems.size();
        boolean exactTg = values.trueOrFalse(key + ".exact-tg", target.exactTg()).orElse(false);
        check(key + ".auth-header", () -> EndpointAccess.checkName(target.authHeader()), problems);
        String authHeader = problems.size() > before ? EndpointAccess.AUTHORIZATION : target.authHeader();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : new TreeMap<>(target.headers()).entrySet()) {
            check(key + ".headers." + h.getKey(), () -> new EndpointAccess(target.apiKey(), authHeader,
                    Map.of(h.getKey(), h.getValue())), problems);
            headers.put(h.getKey(), h.getValue());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : new TreeMap<>(target.extraBody()).entrySet()) {
            String path = key + ".extra-body." + field.getKey();
            check(path, () -> {
                String[] names = field.getKey().split("\\.");
                RequestShape.checkExtraKey(names[0]);
                put(body, names, ExtraBody.value(field.getValue()));
            }, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new RequestSettings(target.authHeader(), headers, body, exactTg);
    }

    /**
     * Puts a value at its dotted path: a nested YAML mapping ({@code chat_template_kwargs: {enable_thinking:
     * false}}) reaches the configuration as {@code chat_template_kwargs.enable_thinking}, and is sent nested again.
     */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> body, String[] names, Object value) {
        Map<String, Object> into = body;
        for (int i = 0; i < names.length - 1; i++) {
            Object inner = into.computeIfAbsent(names[i], k -> new LinkedHashMap<String, Object>());
            if (!(inner instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("must be either a value or a mapping, but was both");
            }
            into = (Map<String, Object>) inner;
        }
        if (into.containsKey(names[names.length - 1])) {
            throw new IllegalArgumentException("must be either a value or a mapping, but was both");
        }
        into.put(names[names.length - 1], value);
    }

    private static void check(String key, Runnable check, List<String> problems) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
        }
    }
}

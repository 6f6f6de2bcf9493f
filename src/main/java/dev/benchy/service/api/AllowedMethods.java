package dev.benchy.service.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which HTTP methods each path of the API answers, read from the resource classes' annotations, so a 405 can name
 * them in its {@code Allow} header (the JAX-RS runtime does not).
 */
final class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private final List<Route> routes = new ArrayList<>();

    AllowedMethods(Collection<Class<?>> resources) {
        for (Class<?> resource : resources) {
            Path base = resource.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method m : resource.getMethods()) {
                String verb = httpMethod(m);
                if (verb != null) {
                    Path sub = m.getAnnotation(Path.class);
                    routes.add(new Route(template(join(base.value(), sub == null ? "" : sub.value())), verb));
                }
            }
        }
    }

    /** The methods that {@code path} answers, e.g. {@code GET, HEAD, OPTIONS}; empty when none. */
    String allow(String path) {
        TreeSet<String> methods = new TreeSet<>();
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Route r : routes) {
            if (r.path().matcher(normalised).matches()) {
                methods.add(r.method());
            }
        }
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        if (!methods.isEmpty()) {
            methods.add(HttpMethod.OPTIONS);
        }
        return String.join(", ", methods);
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = "/" + base.replaceAll("^/+|/+$", "") + (sub.isEmpty() ? "" : "/" + sub.replaceAll("^/+", ""));
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** {@code /api/targets/{name}/runs} as a pattern: each parameter one path segment. */
    private static Pattern template(String path) {
        String[] literals = path.split("\\{[^}]+}", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(literals[0]));
        for (int i = 1; i < literals.length; i++) {
            regex.append("[^/]+").append(Pattern.quote(literals[i]));
        }
        return Pattern.compile(regex.toString());
    }
}

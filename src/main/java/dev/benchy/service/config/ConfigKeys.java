package dev.benchy.service.config;

import io.smallrye.config.WithName;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The keys benchy knows, read from the configuration interface itself ({@link BenchyConfig}), so they cannot drift
 * from what is read. A key that is not one of them is named with the nearest known key when there is one
 * ({@code benchy.targets.vllm.schedul: unknown key, did you mean benchy.targets.vllm.schedule?}), else with the keys
 * its group takes.
 */
final class ConfigKeys {

    /** A position in the tree of keys. */
    private sealed interface Node permits Group, AnyName, Value, Free, Items {
    }

    /** Named settings, such as a target's {@code base-url}, {@code schedule}, {@code plan}. */
    private record Group(Map<String, Node> children) implements Node {
    }

    /** Entries by a name the user chooses, such as {@code targets.<name>}. */
    private record AnyName(Node each) implements Node {
    }

    /** A setting's value; {@code list} when it may be given as a list. */
    private record Value(boolean list) implements Node {
    }

    /**
     * Free-form text entries at any depth, such as a request's {@code extra-body} (a nested YAML mapping reaches the
     * configuration as dotted keys and is sent nested again) or {@code headers}.
     */
    private record Free() implements Node {
    }

    /** A list of groups of settings, such as an SLO's {@code rows[0].depth}. */
    private record Items(Group each) implements Node {
    }

    /** The keys of {@link BenchyConfig}. */
    static final ConfigKeys BENCHY = of(BenchyConfig.class, "benchy");

    private final String prefix;
    private final Group root;

    private ConfigKeys(String prefix, Group root) {
        this.prefix = prefix;
        this.root = root;
    }

    /** The keys of {@code mapping} under {@code prefix}. */
    static ConfigKeys of(Class<?> mapping, String prefix) {
        return new ConfigKeys(prefix, group(mapping));
    }

    /** Every key among {@code names} under the prefix that benchy does not know, once per unknown key. */
    List<String> unknown(Iterable<String> names) {
        Set<String> problems = new TreeSet<>();
        for (String name : names) {
            if (name.startsWith(prefix + ".")) {
                String problem = problem(name);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return List.copyOf(problems);
    }

    /**
     * The problem with a key written without a value ({@code vllm:} with nothing below it), which the configuration
     * reader drops silently: an unknown key, a setting without its value, a named entry (a target) without its
     * settings. A group ({@code targets:}, {@code plan:}) may be empty.
     */
    String emptyValueProblem(String name) {
        Position at = locate(name);
        if (at.problem() != null) {
            return at.problem();
        }
        if (at.node() instanceof Value) {
            return name + ": must have a value, but was empty";
        }
        if (at.named() && at.node() instanceof Group group) {
            return name + ": must have settings (" + String.join(", ", group.children().keySet())
                    + "), but was empty";
        }
        return null;
    }

    /** Where a key leads: its node (and whether the last step was a name the user chose), or why it leads nowhere. */
    private record Position(Node node, boolean named, String problem) {
    }

    private String problem(String name) {
        Position at = locate(name);
        if (at.problem() != null) {
            return at.problem();
        }
        if (at.node() instanceof Group group) {
            return name + ": must be a group of settings (" + String.join(", ", group.children().keySet())
                    + "), but was a single value";
        }
        if (at.node() instanceof AnyName) {
            return name + ": must be a group of named entries, but was a single value";
        }
        return null;
    }

    private Position locate(String name) {
        Node node = root;
        boolean named = false;
        StringBuilder path = new StringBuilder(prefix);
        for (String segment : segments(name.substring(prefix.length() + 1))) {
            if (node instanceof Free) {
                break;
            }
            String key = withoutIndex(segment);
            Node child;
            if (node instanceof Group group) {
                child = group.children().get(key);
                if (child == null) {
                    return new Position(null, false, unknownKey(path.toString(), key, group));
                }
            } else if (node instanceof AnyName any) {
                child = any.each();
            } else {
                return new Position(null, false, path + ": must be a single value, but has keys below it (" + key
                        + ")");
            }
            named = node instanceof AnyName;
            path.append('.').append(key);
            if (child instanceof Items items) {
                if (key.equals(segment)) {
                    return new Position(null, false, path + ": must be a list of groups of settings, but was a"
                            + " single value");
                }
                child = items.each();
            } else if (!key.equals(segment) && !(child instanceof Value value && value.list())) {
                return new Position(null, false, path + ": must be a single value, but was a list");
            }
            node = child;
        }
        return new Position(node, named, null);
    }

    private static String unknownKey(String parent, String key, Group group) {
        Optional<String> meant = Spelling.nearest(key, group.children().keySet());
        return meant.map(m -> parent + "." + key + ": unknown key, did you mean " + parent + "." + m + "?")
                .orElseGet(() -> parent + "." + key + ": unknown key; " + parent + " takes "
                        + String.join(", ", group.children().keySet()));
    }

    /** The segments of a property name: dots separate them, except inside quotes ({@code targets."a.b".model}). */
    static List<String> segments(String name) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (c == '.' && !quoted) {
                segments.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        segments.add(current.toString());
        return segments;
    }

    private static String withoutIndex(String segment) {
        int bracket = segment.endsWith("]") ? segment.lastIndexOf('[') : -1;
        return bracket > 0 ? segment.substring(0, bracket) : segment;
    }

    private static Group group(Class<?> type) {
        Map<String, Node> children = new TreeMap<>();
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() == 0 && !method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
                WithName named = method.getAnnotation(WithName.class);
                children.put(named != null ? named.value() : kebab(method.getName()),
                        node(method.getGenericReturnType()));
            }
        }
        return new Group(children);
    }

    private static Node node(Type type) {
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            if (raw == Optional.class) {
                return node(p.getActualTypeArguments()[0]);
            }
            if (raw == Map.class) {
                Type values = p.getActualTypeArguments()[1];
                return values == String.class ? new Free() : new AnyName(node(values));
            }
            if (raw == List.class || raw == Set.class) {
                Type item = p.getActualTypeArguments()[0];
                return item instanceof Class<?> c && c.isInterface() && !c.getName().startsWith("java.")
                        ? new Items(group(c)) : new Value(true);
            }
        }
        if (type instanceof Class<?> c && c.isInterface() && !c.getName().startsWith("java.")) {
            return group(c);
        }
        return new Value(false);
    }

    /** SmallRye's naming: {@code servedModelName} is {@code served-model-name}. */
    private static String kebab(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

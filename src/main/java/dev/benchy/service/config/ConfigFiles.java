package dev.benchy.service.config;

import org.eclipse.microprofile.config.ConfigProvider;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration files themselves, checked for what the configuration reader would not say, or would say
 * without naming the file: a file that is not YAML (named by file and line), not a mapping of settings, or of another
 * kind (the reader skips such a file silently); a top-level key that is not benchy's ({@code benchi:}, with the
 * nearest known key); a key given twice in one mapping (two targets with the same name: the later one would silently
 * replace the earlier); an empty list such as {@code pp: []} or a key without a value (read as absent, so a default
 * would be measured instead of what was written, or a target silently dropped).
 */
public final class ConfigFiles {

    private static final String PREFIX = "benchy";
    /** A request's extra body field, where a bare {@code null} would be read as absent and so ignored. */
    private static final Pattern EXTRA_BODY_FIELD = Pattern.compile("benchy\\.targets\\.[^.]+\\.extra-body\\..+");

    /** The top-level keys a configuration file may hold: benchy's own and the runtime's; {@code %profile} too. */
    static final List<String> ROOTS = List.of(PREFIX, "quarkus", "smallrye", "mp");

    private static final List<String> YAML = List.of(".yaml", ".yml");
    private static final String PROPERTIES = ".properties";

    private ConfigFiles() {
    }

    /** The files this process reads (see {@link #serviceFiles}). */
    public static List<Path> ofThisService() {
        return serviceFiles(ConfigProvider.getConfig()
                .getOptionalValue("quarkus.config.locations", String.class).orElse(null));
    }

    /**
     * The files the service reads: {@code config/application.yaml}, {@code .yml} or {@code .properties} in the
     * working directory, and those {@code quarkus.config.locations} names (a folder's files with those endings).
     */
    public static List<Path> serviceFiles(String configLocations) {
        Set<Path> files = new LinkedHashSet<>();
        for (String name : List.of("config/application.yaml", "config/application.yml",
                "config/application.properties")) {
            if (Files.isRegularFile(Path.of(name))) {
                files.add(Path.of(name));
            }
        }
        if (configLocations != null) {
            for (String location : configLocations.split(",")) {
                Path path = localPath(location.strip());
                if (path != null && Files.isDirectory(path)) {
                    files.addAll(configFilesIn(path));
                } else if (path != null && Files.isRegularFile(path)) {
                    files.add(path);
                }
            }
        }
        return List.copyOf(files);
    }

    private static Path localPath(String location) {
        try {
            return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        } catch (RuntimeException e) {
            return null; // a class path or remote location: not ours to read
        }
    }

    private static List<Path> configFilesIn(Path folder) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, f -> kind(f) != null)) {
            entries.forEach(found::add);
        } catch (IOException e) {
            // unreadable: the configuration reader reports it
        }
        found.sort(null);
        return found;
    }

    /**
     * The problems that keep a file from being read at all: not YAML, not a mapping, not a configuration file. The
     * service stops on these before it starts (the reader would fail without naming file or line).
     */
    public static List<String> unreadable(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            new FileCheck(file, problems).readable();
        }
        return problems;
    }

    /** Every problem of the files, each named by file and line, or by key. */
    public static List<String> problems(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            new FileCheck(file, problems).all();
        }
        return problems;
    }

    private static String kind(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (YAML.stream().anyMatch(name::endsWith)) {
            return "yaml";
        }
        return name.endsWith(PROPERTIES) ? "properties" : null;
    }

    /** How a file is named in a message: relative to the working directory when it lies below it. */
    static String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    /** The checks of one file. */
    private static final class FileCheck {

        private final Path file;
        private final String name;
        private final List<String> problems;

        FileCheck(Path file, List<String> problems) {
            this.file = file;
            this.name = display(file);
            this.problems = problems;
        }

        /** Only what stops the file from being read; returns the YAML documents when there is nothing of that. */
        List<Node> readable() {
            String kind = kind(file);
            if (kind == null) {
                problems.add(name + ": must be a YAML (.yaml, .yml) or properties (.properties) file, but was "
                        + file.getFileName() + " (benchy would not read it)");
                return null;
            }
            if (kind.equals("properties")) {
                return null;
            }
            List<Node> documents = new ArrayList<>();
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Node document : new Yaml(new LoaderOptions()).composeAll(reader)) {
                    documents.add(document);
                }
            } catch (MarkedYAMLException e) {
                problems.add(at(e.getProblemMark()) + ": not valid YAML: " + e.getProblem()
                        + (e.getContext() == null ? "" : " (" + e.getContext()
                        + (e.getContextMark() == null ? "" : " from line " + (e.getContextMark().getLine() + 1))
                        + ")"));
                return null;
            } catch (YAMLException e) {
                problems.add(name + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
                return null;
            } catch (IOException e) {
                problems.add(name + ": must be readable, but was not (" + e.getMessage() + ")");
                return null;
            }
            int before = problems.size();
            for (Node document : documents) {
                if (document != null && !(document instanceof MappingNode)) {
                    problems.add(at(document.getStartMark()) + ": must be a mapping of settings (benchy: …), but"
                            + " was " + describe(document));
                }
            }
            return problems.size() > before ? null : documents;
        }

        void all() {
            if ("properties".equals(kind(file))) {
                properties();
                return;
            }
            List<Node> documents = readable();
            if (documents == null) {
                return;
            }
            for (Node document : documents) {
                if (document instanceof MappingNode mapping) {
                    roots(mapping, "");
                    duplicates(document);
                }
            }
        }

        /** Top-level keys: benchy's, the runtime's, or a profile ({@code %dev:}) holding the same. */
        private void roots(MappingNode mapping, String profile) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = text(tuple.getKeyNode());
                Node value = tuple.getValueNode();
                if (key == null) {
                    continue;
                }
                if (key.startsWith("%") && profile.isEmpty()) {
                    if (value instanceof MappingNode profileMapping) {
                        roots(profileMapping, key + ".");
                    }
                } else if (key.equals(PREFIX)) {
                    if (value instanceof MappingNode) {
                        emptyValues(PREFIX, value);
                    } else if (!(value instanceof ScalarNode scalar && scalar.getValue().isEmpty())) {
                        problems.add(at(value.getStartMark()) + ": " + profile + PREFIX + " must be a mapping of"
                                + " settings (targets:, defaults:, reports:, api:), but was " + describe(value));
                    }
                } else if (!ROOTS.contains(key)) {
                    problems.add(at(tuple.getKeyNode().getStartMark()) + ": " + unknownRoot(profile, key));
                }
            }
        }

        /**
         * What the reader would take as absent: an empty list ({@code pp: []}), a key with nothing after it
         * ({@code vllm:}). A default would silently be used instead of what was written.
         */
        private void emptyValues(String key, Node node) {
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    String child = text(tuple.getKeyNode());
                    if (child != null) {
                        emptyValues(key + "." + (child.contains(".") ? '"' + child + '"' : child),
                                tuple.getValueNode());
                    }
                }
            } else if (node instanceof SequenceNode list && list.getValue().isEmpty()) {
                problems.add(key + ": must list at least one value, but was empty");
            } else if (Tag.NULL.equals(node.getTag()) && EXTRA_BODY_FIELD.matcher(key).matches()) {
                problems.add(at(node.getStartMark()) + ": " + key + ": must be a value (\"null\" in quotes removes"
                        + " one of benchy's fields), but was a bare null, which would be ignored");
            } else if (node instanceof ScalarNode scalar && scalar.getValue().isEmpty()
                    || Tag.NULL.equals(node.getTag())) {
                String problem = ConfigKeys.BENCHY.emptyValueProblem(key);
                if (problem != null) {
                    problems.add(at(node.getStartMark()) + ": " + problem);
                }
            }
        }

        /** A key given twice in one mapping, at any depth. */
        private void duplicates(Node node) {
            if (node instanceof MappingNode mapping) {
                Map<String, Integer> seen = new HashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = text(tuple.getKeyNode());
                    if (key != null && seen.putIfAbsent(key, tuple.getKeyNode().getStartMark().getLine()) != null) {
                        problems.add(at(tuple.getKeyNode().getStartMark()) + ": found duplicate key " + key
                                + "; each key (each target name) must be given once, but this one was given twice");
                    }
                    duplicates(tuple.getValueNode());
                }
            } else if (node instanceof SequenceNode list) {
                list.getValue().forEach(this::duplicates);
            }
        }

        private void properties() {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                problems.add(name + ": must be a readable properties file, but was not (" + e.getMessage() + ")");
                return;
            }
            for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
                String profile = "";
                String rest = key;
                if (key.startsWith("%") && key.indexOf('.') > 0) {
                    profile = key.substring(0, key.indexOf('.') + 1);
                    rest = key.substring(profile.length());
                }
                String root = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (!ROOTS.contains(root)) {
                    problems.add(name + ": " + unknownRoot(profile, root) + " (in " + key + ")");
                }
            }
        }

        private static String unknownRoot(String profile, String key) {
            Optional<String> meant = Spelling.nearest(key, ROOTS);
            return profile + key + " is not a key benchy knows; "
                    + meant.map(m -> "did you mean " + profile + m + "?")
                    .orElse("the top-level keys are " + String.join(", ", ROOTS) + " (or a %profile holding them)");
        }

        private String at(Mark mark) {
            return name + " line " + (mark.getLine() + 1);
        }

        private static String text(Node node) {
            return node instanceof ScalarNode scalar ? scalar.getValue() : null;
        }

        private static String describe(Node node) {
            if (node instanceof SequenceNode) {
                return "a list";
            }
            if (node instanceof ScalarNode scalar) {
                String v = scalar.getValue();
                return "the text '" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
            }
            return "a mapping";
        }
    }
}

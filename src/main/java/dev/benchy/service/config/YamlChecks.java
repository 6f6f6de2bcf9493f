package dev.benchy.service.config;

import org.eclipse.microprofile.config.ConfigProvider;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the configuration reader lets through silently, checked on the YAML files themselves: a key given twice in
 * one mapping (two targets with the same name: the later one would silently replace the earlier) and an empty list
 * such as {@code pp: []} (read as absent, so a default would be measured instead of what was written), and a bare
 * {@code null} as an extra body value (read as absent, so benchy's field would still be sent).
 */
public final class YamlChecks {

    private static final String PREFIX = "benchy";
    private static final Pattern EXTRA_BODY_FIELD = Pattern.compile("benchy\\.targets\\.[^.]+\\.extra-body\\..+");

    private YamlChecks() {
    }

    /** Problems in the YAML files this process reads (see {@link #serviceFiles}). */
    public static List<String> ofThisService() {
        return problems(serviceFiles(ConfigProvider.getConfig()
                .getOptionalValue("quarkus.config.locations", String.class).orElse(null)));
    }

    /** The YAML files the service reads: {@code config/application.y(a)ml}, {@code quarkus.config.locations}. */
    public static List<Path> serviceFiles(String configLocations) {
        Set<Path> files = new LinkedHashSet<>();
        for (String name : List.of("config/application.yaml", "config/application.yml")) {
            files.add(Path.of(name));
        }
        if (configLocations != null) {
            for (String location : configLocations.split(",")) {
                String l = location.strip();
                try {
                    files.add(l.startsWith("file:") ? Path.of(URI.create(l)) : Path.of(l));
                } catch (RuntimeException e) {
                    // a classpath or remote location: not ours to read
                }
            }
        }
        List<Path> yaml = new ArrayList<>();
        for (Path f : files) {
            String n = f.getFileName() == null ? "" : f.getFileName().toString().toLowerCase(Locale.ROOT);
            if ((n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(f)) {
                yaml.add(f);
            }
        }
        return yaml;
    }

    /** Every duplicate key and empty list in the files, named by file, line or key. */
    public static List<String> problems(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(problems(file));
        }
        return problems;
    }

    static List<String> problems(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<String> problems = new ArrayList<>();
        String name = String.valueOf(file.getFileName());
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
                emptyLists("", document, problems);
            }
        } catch (DuplicateKeyException e) {
            problems.add(name + " line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem()
                    + "; each key (each target name) must be given once, but this one was given twice");
        } catch (YAMLException e) {
            problems.add(name + ": must be valid YAML, but was not (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        } catch (IOException e) {
            problems.add(name + ": must be readable, but was not (" + e.getMessage() + ")");
        }
        return problems;
    }

    private static void emptyLists(String key, Object node, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String child = key.isEmpty() ? String.valueOf(entry.getKey()) : key + "." + entry.getKey();
                if (child.equals(PREFIX) || child.startsWith(PREFIX + ".")) {
                    emptyLists(child, entry.getValue(), problems);
                }
            }
        } else if (node instanceof List<?> list && list.isEmpty()) {
            problems.add(key + ": must list at least one value, but was empty");
        } else if (node == null && EXTRA_BODY_FIELD.matcher(key).matches()) {
            problems.add(key + ": must be a value (\"null\" in quotes removes one of benchy's fields), but was a"
                    + " bare null, which would be ignored");
        }
    }
}

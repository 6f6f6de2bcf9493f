package dev.benchy.service.config;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One file per configuration mistake under {@code src/test/resources/config/invalid-*}, each read as the service
 * reads it, asserting the exact messages: what a person sees from {@code check-config} or a failed start-up. Every
 * problem of a file is listed, in benchy's words ("key: must be …, but was X"), never the configuration library's.
 */
class InvalidConfigFilesTest {

    private static final String DIR = "config/";

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("invalid-missing-base-url.yaml", List.of(
                        "benchy.targets.vllm.base-url: must be set (the server's OpenAI-compatible URL, such as"
                                + " http://vllm:8000/v1), but was not")),
                Arguments.of("invalid-bad-url.yaml", List.of(
                        "benchy.targets.vllm.base-url: must be an http(s) URL with a host, such as"
                                + " http://vllm:8000/v1, but was 'vllm:8000/v1'")),
                Arguments.of("invalid-zero-pp.yaml", List.of(
                        "benchy.targets.vllm.plan.pp: values must be 1 or more, but was 0")),
                Arguments.of("invalid-negative-depth.yaml", List.of(
                        "benchy.defaults.plan.depth: values must be 0 or more, but was -4096")),
                Arguments.of("invalid-zero-runs.yaml", List.of(
                        "benchy.targets.vllm.plan.runs: must be 1 or more, but was 0")),
                Arguments.of("invalid-empty-concurrency.yaml", List.of(
                        "benchy.targets.vllm.plan.concurrency: must list at least one value, but was empty")),
                Arguments.of("invalid-empty-values.yaml", List.of(
                        "invalid-empty-values.yaml line 3: benchy.defaults.schedule: must have a value, but was empty",
                        "invalid-empty-values.yaml line 7: benchy.targets.llama.schedul: unknown key, did you mean"
                                + " benchy.targets.llama.schedule?",
                        "invalid-empty-values.yaml line 8: benchy.targets.vllm: must have settings (api-key,"
                                + " auth-header, base-url, book-url, deadline, exact-tg, extra-body, headers, model,"
                                + " plan, schedule, served-model-name, slo, tokenizer), but was empty")),
                Arguments.of("invalid-unknown-key.yaml", List.of(
                        "benchy.targets.vllm.plan.prompt-size: unknown key; benchy.targets.vllm.plan takes"
                                + " adapt-prompt, coherence, concurrency, depth, latency-mode, no-cache, post-run-cmd,"
                                + " pp, prefix-caching, runs, seed, tg, timeout, warmup")),
                Arguments.of("invalid-misspelt-key.yaml", List.of(
                        "benchy.targets.vllm.base_url: unknown key, did you mean benchy.targets.vllm.base-url?",
                        "benchy.targets.vllm.schedul: unknown key, did you mean benchy.targets.vllm.schedule?")),
                Arguments.of("invalid-bad-schedule.yaml", List.of(
                        "benchy.targets.vllm.schedule: must be a duration such as 30s, 15m, 1h or 1h30m, but was"
                                + " every 5 minutes")),
                Arguments.of("invalid-zero-schedule.yaml", List.of(
                        "benchy.defaults.schedule: must be at least 1s, but was 0s")),
                Arguments.of("invalid-duplicate-names.yaml", List.of(
                        "invalid-duplicate-names.yaml line 5: found duplicate key vllm; each key (each target name)"
                                + " must be given once, but this one was given twice")),
                Arguments.of("invalid-latency-mode.yaml", List.of(
                        "benchy.targets.vllm.plan.latency-mode: must be one of api, generation, none, but was fast")),
                Arguments.of("invalid-target-name.yaml", List.of(
                        "benchy.targets.vllm/../etc: a target name must be letters, digits, '_', '.' or '-' (at"
                                + " most 63), but was 'vllm/../etc'")),
                Arguments.of("invalid-keep.yaml", List.of("benchy.reports.keep: must be 1 or more, but was 0")),
                Arguments.of("invalid-zero-timeout.yaml", List.of(
                        "benchy.targets.vllm.plan.timeout: must be positive, but was 0s")),
                Arguments.of("invalid-not-a-number.yaml", List.of(
                        "benchy.targets.vllm.plan.tg: values must be whole numbers, but was lots")),
                Arguments.of("invalid-types.yaml", List.of(
                        "benchy.reports.keep: must be a whole number, but was lots",
                        "benchy.defaults.schedule: must be a duration such as 30s, 15m, 1h or 1h30m, but was"
                                + " 15 minutes",
                        "benchy.targets.vllm.deadline: must be a duration such as 30s, 15m, 1h or 1h30m, but was"
                                + " 2 hours",
                        "benchy.targets.vllm.plan.pp: values must be 1 or more, but was 0",
                        "benchy.targets.vllm.plan.tg: values must be whole numbers, but was many",
                        "benchy.targets.vllm.plan.runs: must be a whole number, but was abc",
                        "benchy.targets.vllm.plan.timeout: must be a duration such as 30s, 15m, 1h or 1h30m, but"
                                + " was soon",
                        "benchy.targets.vllm.plan.prefix-caching: must be true or false, but was maybe",
                        "benchy.targets.vllm.plan.seed: must be a whole number, but was x")),
                Arguments.of("invalid-root-typo.yaml", List.of(
                        "invalid-root-typo.yaml line 1: benchi is not a key benchy knows; did you mean benchy?")),
                Arguments.of("invalid-not-benchys-keys.yaml", List.of(
                        "invalid-not-benchys-keys.yaml line 1: version is not a key benchy knows; the top-level keys"
                                + " are benchy, quarkus, smallrye, mp (or a %profile holding them)",
                        "invalid-not-benchys-keys.yaml line 2: model is not a key benchy knows; the top-level keys"
                                + " are benchy, quarkus, smallrye, mp (or a %profile holding them)",
                        "invalid-not-benchys-keys.yaml line 3: benchmarks is not a key benchy knows; the top-level"
                                + " keys are benchy, quarkus, smallrye, mp (or a %profile holding them)")),
                Arguments.of("invalid-list.yaml", List.of(
                        "invalid-list.yaml line 1: must be a mapping of settings (benchy: …), but was a list")),
                Arguments.of("invalid-not-yaml.yaml", List.of(
                        "invalid-not-yaml.yaml line 7: not valid YAML: expected ',' or ']', but got : (while parsing a flow sequence from line 6)")),
                Arguments.of("invalid-report.json", List.of(
                        "invalid-report.json: must be a YAML (.yaml, .yml) or properties (.properties) file, but was"
                                + " invalid-report.json (benchy would not read it)")),
                Arguments.of("invalid-reports-dir.yaml", List.of(
                        "benchy.reports.dir: must be a writable directory, but pom.xml is a file")),
                Arguments.of("invalid-slo.yaml", List.of(
                        "benchy.targets.vllm.slo.ttfr: must be a duration such as 500ms or 2s, but was abc",
                        "benchy.targets.vllm.slo.rows[0].e2e-ttft: must be a duration such as 500ms or 2s, but was"
                                + " soon")),
                Arguments.of("invalid-several.yaml", List.of(
                        "benchy.targets.llama.base-url: must be an http(s) URL with a host, such as"
                                + " http://vllm:8000/v1, but was 'ftp://llama:8080/v1'",
                        "benchy.targets.llama.deadline: must be at least 1s, but was 0s",
                        "benchy.targets.vllm.plan.pp: values must be 1 or more, but was 0",
                        "benchy.targets.vllm.plan.tg: values must be 1 or more, but was 0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void eachMistakeHasItsExactMessage(String file, List<String> expected) {
        assertEquals(expected, problems(file));
    }

    @Test
    void everyInvalidFileIsInTheTable() {
        Set<String> listed = files().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        File[] present = new File(resource("invalid-bad-url.yaml").getFile()).getParentFile()
                .listFiles((d, name) -> name.startsWith("invalid-"));
        Set<String> onDisk = Arrays.stream(present).map(File::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(onDisk, listed);
    }

    /**
     * Every problem the service would report for the file, in order; empty when the file is valid. As the jar reads
     * it: a file that cannot be read at all is refused before the configuration is built ({@code BenchyMain}); then
     * the YAML source, the {@code benchy} mapping (values as text, unknown keys left to benchy) and
     * {@link ServiceConfig#read}.
     */
    static List<String> problems(String file) {
        Path path;
        try {
            path = Path.of(resource(file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String shown = ConfigFiles.display(path);
        List<String> unreadable = ConfigFiles.unreadable(List.of(path));
        if (!unreadable.isEmpty()) {
            return unreadable.stream().map(p -> p.replace(shown, file)).toList();
        }
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new YamlConfigSource(resource(file)))
                    .withMapping(BenchyConfig.class)
                    .withValidateUnknown(false)
                    .build();
            ServiceConfig.read(config.getConfigMapping(BenchyConfig.class), config.getPropertyNames(),
                    List.of(path));
            return List.of();
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(p -> p.replace(shown, file)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL resource(String file) {
        URL url = InvalidConfigFilesTest.class.getClassLoader().getResource(DIR + file);
        if (url == null) {
            throw new IllegalArgumentException("test resource " + DIR + file + " must exist, but did not");
        }
        return url;
    }
}

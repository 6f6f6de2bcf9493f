package dev.benchy.service.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One file per configuration mistake under {@code src/test/resources/config/invalid-*}, each read as the service
 * reads it (YAML source, the {@code benchy} mapping with unknown keys rejected, Quarkus' duration and path
 * converters, then {@link TargetResolver}), asserting the exact messages: what a person sees from
 * {@code check-config} or a failed start-up.
 */
class InvalidConfigFilesTest {

    private static final String DIR = "config/";

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("invalid-missing-base-url.yaml", List.of(
                        "java.util.NoSuchElementException: SRCFG00014: The config property"
                                + " benchy.targets.vllm.base-url is required but it could not"
                                + " be found in any config source")),
                Arguments.of("invalid-bad-url.yaml", List.of(
                        "benchy.targets.vllm.base-url: must be an http(s) URL with a host, such as"
                                + " http://vllm:8000/v1, but was 'vllm:8000/v1'")),
                Arguments.of("invalid-zero-pp.yaml", List.of(
                        "benchy.targets.vllm.plan.pp: values must be 1 or more, but was 0")),
                Arguments.of("invalid-negative-depth.yaml", List.of(
                        "benchy.targets.vllm.plan.depth: values must be 0 or more, but was -4096")),
                Arguments.of("invalid-zero-runs.yaml", List.of(
                        "benchy.targets.vllm.plan.runs: must be 1 or more, but was 0")),
                Arguments.of("invalid-empty-concurrency.yaml", List.of(
                        "benchy.targets.vllm.plan.concurrency: must list at least one value, but was empty")),
                Arguments.of("invalid-unknown-key.yaml", List.of(
                        "SRCFG00050: benchy.targets.vllm.plan.prompt-size[0] in YamlConfigSource[source="
                                + "invalid-unknown-key.yaml] does not map to any root",
                        "SRCFG00050: benchy.targets.vllm.plan.prompt-size in YamlConfigSource[source="
                                + "invalid-unknown-key.yaml] does not map to any root")),
                Arguments.of("invalid-bad-schedule.yaml", List.of(
                        "java.lang.IllegalArgumentException: SRCFG00039: The config property"
                                + " benchy.targets.vllm.schedule with the config value"
                                + " \"every 5 minutes\" threw an Exception whilst being converted Invalid duration:"
                                + " every 5 minutes")),
                Arguments.of("invalid-zero-schedule.yaml", List.of(
                        "benchy.defaults.schedule: must be at least 1s, but was 0s",
                        "benchy.targets.vllm.schedule: must be at least 1s, but was 0s")),
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
                        "java.lang.IllegalArgumentException: SRCFG00039: The config property"
                                + " benchy.targets.vllm.plan.tg[1] with the config value"
                                + " \"lots\" threw an Exception whilst being converted SRCFG00029: Expected an integer"
                                + " value, got \"lots\"")),
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

    /** Every problem the service would report for the file, in order; empty when the file is valid. */
    static List<String> problems(String file) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new YamlConfigSource(resource(file)))
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withConverter(Path.class, 200, new PathConverter())
                    .withMapping(BenchyConfig.class)
                    .build();
            TargetResolver.resolve(config.getConfigMapping(BenchyConfig.class),
                    YamlChecks.problems(List.of(Path.of(resource(file).toURI()))));
            return List.of();
        } catch (ConfigValidationException e) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < e.getProblemCount(); i++) {
                problems.add(e.getProblem(i).getMessage().replace(resource(file).toString(), file));
            }
            return problems;
        } catch (InvalidConfigException e) {
            return e.problems();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of(e.getMessage().replace(resource(file).toString(), file));
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

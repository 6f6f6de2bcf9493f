package dev.benchy.service.config;

import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.report.RowScope;
import dev.benchy.core.report.SloThreshold;
import dev.benchy.core.slo.Slo;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TargetResolverTest {

    static BenchyConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(BenchyConfig.class)
                .withValidateUnknown(false)
                .addDefaultInterceptors()
                .build();
        return config.getConfigMapping(BenchyConfig.class);
    }

    @Test
    void targetValuesWinOverDefaultsWhichWinOverLlamaBenchys() {
        List<ScheduledTarget> targets = TargetResolver.resolve(config(Map.of(
                "benchy.defaults.schedule", "10m",
                "benchy.defaults.plan.pp", "512,1024",
                "benchy.defaults.plan.runs", "2",
                "benchy.targets.vllm.base-url", "http://vllm:8000/v1",
                "benchy.targets.vllm.api-key", "sk-abc",
                "benchy.targets.vllm.plan.pp", "4096",
                "benchy.targets.vllm.plan.latency-mode", "generation",
                "benchy.targets.llama.base-url", "https://llama.example/v1",
                "benchy.targets.llama.schedule", "30s")));

        assertEquals(List.of("llama", "vllm"), targets.stream().map(ScheduledTarget::name).toList());
        ScheduledTarget llama = targets.get(0);
        ScheduledTarget vllm = targets.get(1);
        BenchmarkPlan plan = vllm.definition().plan();
        assertEquals(List.of(4096), plan.pp());
        assertEquals(2, plan.runs());
        assertEquals(List.of(32), plan.tg());
        assertEquals(LatencyMode.GENERATION, plan.latencyMode());
        assertEquals(Duration.ofMinutes(10), vllm.schedule());
        assertEquals("sk-abc", vllm.definition().apiKey());
        assertNull(vllm.definition().model());
        assertEquals(List.of(512, 1024), llama.definition().plan().pp());
        assertEquals(Duration.ofSeconds(30), llama.schedule());
        assertEquals("EMPTY", llama.definition().apiKey());
    }

    @Test
    void sloLimitsOfTheTargetWinOverTheDefaultsKeyByKey() {
        List<ScheduledTarget> targets = TargetResolver.resolve(config(Map.of(
                "benchy.defaults.slo.ttfr", "500ms",
                "benchy.defaults.slo.error-rate", "1%",
                "benchy.targets.vllm.base-url", "http://vllm:8000/v1",
                "benchy.targets.vllm.slo.ttfr", "2s",
                "benchy.targets.vllm.slo.tg-min", "40",
                "benchy.targets.vllm.slo.rows[0].depth", "4096",
                "benchy.targets.vllm.slo.rows[0].e2e-ttft", "3s",
                "benchy.targets.plain.base-url", "http://plain:8000/v1")));

        Slo plain = targets.get(0).slo();
        Slo vllm = targets.get(1).slo();
        assertEquals(Map.of(SloThreshold.TTFR, 500.0, SloThreshold.ERROR_RATE, 0.01), plain.limits());
        assertEquals(Map.of(SloThreshold.TTFR, 2000.0, SloThreshold.TG_MIN, 40.0, SloThreshold.ERROR_RATE, 0.01),
                vllm.limits());
        assertEquals(List.of(new Slo.Scoped(new RowScope(4096, null, null, null),
                Map.of(SloThreshold.E2E_TTFT, 3000.0))), vllm.rows());
    }

    @Test
    void everySloProblemIsNamedByItsKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TargetResolver.resolve(config(
                Map.of("benchy.defaults.slo.error-rate", "5",
                        "benchy.targets.x.base-url", "http://x:8000/v1",
                        "benchy.targets.x.slo.ttfr", "abc",
                        "benchy.targets.x.slo.pp-min", "-3",
                        "benchy.targets.x.slo.rows[0].concurrency", "0",
                        "benchy.targets.x.slo.rows[1].depth", "1024"))));

        assertEquals(List.of(
                "benchy.defaults.slo.error-rate: must be a fraction from 0 to 1 or a percentage such as 1%, but was 5",
                "benchy.targets.x.slo.ttfr: must be a duration such as 500ms or 2s, but was abc",
                "benchy.targets.x.slo.pp-min: must be a number of tokens per second above 0, such as 40, but was -3",
                "benchy.targets.x.slo.rows[0].concurrency: must be a whole number of 1 or more, but was 0",
                "benchy.targets.x.slo.rows[0]: must name its rows by at least one of depth, concurrency, pp, tg,"
                        + " but named none",
                "benchy.targets.x.slo.rows[0]: must set at least one of ttfr, e2e-ttft, pp-min, tg-min, error-rate,"
                        + " but set none",
                "benchy.targets.x.slo.rows[1]: must set at least one of ttfr, e2e-ttft, pp-min, tg-min, error-rate,"
                        + " but set none"), e.problems());
    }

    @Test
    void aBaseUrlTheClientWouldRefuseIsRefusedAtStartUp() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TargetResolver.resolve(config(
                Map.of("benchy.targets.q.base-url", "http://vllm:8000/v1?api-version=1&api_key=test-value-in-the-url",
                        "benchy.targets.r.base-url", "http://vllm:8000/v1#part"))));

        assertEquals(List.of("benchy.targets.q.base-url: base URL must not carry credentials (give the api key or a"
                        + " header instead), but its query had 'api_key'",
                "benchy.targets.r.base-url: base URL must be http(s)://host[:port][/path][?query], but was"
                        + " http://vllm:8000/v1#part"), e.problems());
        assertFalse(e.problems().toString().contains("test-value-in-the-url"));
    }

    @Test
    void anAzureDeploymentUrlWithItsQueryIsAccepted() {
        List<ScheduledTarget> targets = TargetResolver.resolve(config(Map.of("benchy.targets.azure.base-url",
                "https://x.openai.azure.com/openai/deployments/gpt-4o?api-version=2024-10-21",
                "benchy.targets.azure.auth-header", "api-key",
                "benchy.targets.azure.api-key", "azure-secret-key")));

        assertEquals("https://x.openai.azure.com/openai/deployments/gpt-4o?api-version=2024-10-21",
                targets.get(0).definition().baseUrl());
        assertEquals("api-key", targets.get(0).definition().requests().authHeader());
    }

    @Test
    void aKeyGivenAsASystemPropertyIsCheckedToo() {
        Map<String, String> properties = Map.of("benchy.targets.a.base-url", "http://x/v1",
                "benchy.targets.a.plan.pp[0]", "512",
                "benchy.targets.a.plan.runs[0]", "3",
                "benchy.targets.a.plan", "fast",
                "benchy.report.keep", "3");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ServiceConfig.read(config(properties), properties.keySet(), List.of()));

        assertEquals(List.of(
                "benchy.report: unknown key, did you mean benchy.reports?",
                "benchy.targets.a.plan.runs: must be a single value, but was a list",
                "benchy.targets.a.plan: must be a group of settings (adapt-prompt, coherence, concurrency, depth,"
                        + " latency-mode, no-cache, post-run-cmd, pp, prefix-caching, runs, seed, tg, timeout,"
                        + " warmup), but was a single value"), e.problems());
    }

    @Test
    void durationsReadAsTheyAreWritten() {
        assertEquals("30s", DurationText.of(Duration.ofSeconds(30)));
        assertEquals("1h30m", DurationText.of(Duration.ofMinutes(90)));
        assertEquals("500ms", DurationText.of(Duration.ofMillis(500)));
        assertEquals("0s", DurationText.of(Duration.ZERO));
    }

    @Test
    void everyProblemIsNamedByKeyAndValue() {
        Map<String, String> properties = Map.of("benchy.targets.a.base-url", "ftp://x/v1",
                "benchy.targets.a.plan.tg", "0",
                "benchy.targets.a.plan.runs", "0",
                "benchy.targets.a.schedule", "500ms",
                "benchy.reports.keep", "0");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ServiceConfig.read(config(properties), properties.keySet(), List.of()));

        assertEquals(List.of(
                "benchy.reports.keep: must be 1 or more, but was 0",
                "benchy.targets.a.base-url: must be an http(s) URL with a host, such as http://vllm:8000/v1,"
                        + " but was 'ftp://x/v1'",
                "benchy.targets.a.schedule: must be at least 1s, but was 500ms",
                "benchy.targets.a.plan.tg: values must be 1 or more, but was 0",
                "benchy.targets.a.plan.runs: must be 1 or more, but was 0"), e.problems());
    }
}

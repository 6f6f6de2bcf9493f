package dev.benchy.service.config;

import dev.benchy.app.TargetDefinition;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.slo.Slo;
import dev.benchy.core.slo.SloReader;
import dev.benchy.openai.VertxChatEndpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the configuration into validated, scheduled targets: each target's plan is its own values, then
 * {@code benchy.defaults.plan}, then llama-benchy's defaults. Every problem is collected (not just the first) and
 * named by its key and value, e.g. {@code benchy.targets.vllm.plan.pp: values must be 1 or more, but was 0}.
 */
public final class TargetResolver {

    /** Targets are named in metrics, URLs and file names: keep the names plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    private static final Duration MIN_SCHEDULE = Duration.ofSeconds(1);

    private TargetResolver() {
    }

    public static List<ScheduledTarget> resolve(BenchyConfig config) {
        return resolve(config, List.of());
    }

    /**
     * @param earlier problems already found in the files themselves ({@link YamlChecks}), reported first
     * @throws InvalidConfigException naming every problem
     */
    public static List<ScheduledTarget> resolve(BenchyConfig config, List<String> earlier) {
        List<String> problems = new ArrayList<>(earlier);
        if (config.reports().keep() < 1) {
            problems.add("benchy.reports.keep: must be 1 or more, but was " + config.reports().keep());
        }
        checkTiming("benchy.defaults", config.defaults().schedule(), config.defaults().deadline(), problems);
        Slo defaultSlo = slo("benchy.defaults.slo", config.defaults().slo(), problems);
        List<ScheduledTarget> targets = new ArrayList<>();
        for (Map.Entry<String, BenchyConfig.TargetConfig> entry : new TreeMap<>(config.targets()).entrySet()) {
            ScheduledTarget target = resolve(entry.getKey(), entry.getValue(), config.defaults(), defaultSlo,
                    problems);
            if (target != null) {
                targets.add(target);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return List.copyOf(targets);
    }

    private static ScheduledTarget resolve(String name, BenchyConfig.TargetConfig t, BenchyConfig.Defaults defaults,
                                           Slo defaultSlo, List<String> problems) {
        String key = "benchy.targets." + name;
        int before = problems.size();
        if (!NAME.matcher(name).matches()) {
            problems.add(key + ": a target name must be letters, digits, '_', '.' or '-' (at most 63), but was '"
                    + name + "'");
        }
        checkUrl(key + ".base-url", t.baseUrl(), problems);
        Duration schedule = t.schedule().orElse(defaults.schedule());
        Duration deadline = t.deadline().orElse(defaults.deadline());
        checkTiming(key, schedule, deadline, problems);
        BenchmarkPlan plan = plan(key + ".plan", t.plan(), defaults.plan(), problems);
        Slo slo = defaultSlo.with(slo(key + ".slo", t.slo(), problems));
        if (problems.size() > before || plan == null) {
            return null;
        }
        TargetDefinition definition = new TargetDefinition(name, t.baseUrl(), t.apiKey(), t.model().orElse(null),
                t.servedModelName().orElse(null), t.tokenizer().orElse(null), t.bookUrl().orElse(null), plan,
                pick(t.plan(), defaults.plan(), BenchyConfig.Plan::postRunCmd).orElse(null),
                false, false, false);
        return new ScheduledTarget(definition, schedule, deadline, slo);
    }

    /** A target's (or the defaults') thresholds, each value read and checked with its key. */
    private static Slo slo(String key, BenchyConfig.SloConfig config, List<String> problems) {
        List<Function<String, Optional<String>>> rows = config.rows().orElse(List.of()).stream()
                .map(TargetResolver::row).toList();
        return SloReader.read(key, limits(config), rows, problems);
    }

    private static Function<String, Optional<String>> limits(BenchyConfig.SloLimits limits) {
        return name -> switch (name) {
            case "ttfr" -> limits.ttfr();
            case "e2e-ttft" -> limits.e2eTtft();
            case "pp-min" -> limits.ppMin();
            case "tg-min" -> limits.tgMin();
            case "error-rate" -> limits.errorRate();
            default -> Optional.empty();
        };
    }

    private static Function<String, Optional<String>> row(BenchyConfig.SloRow row) {
        return name -> switch (name) {
            case "depth" -> row.depth();
            case "concurrency" -> row.concurrency();
            case "pp" -> row.pp();
            case "tg" -> row.tg();
            default -> limits(row).apply(name);
        };
    }

    private static BenchmarkPlan plan(String key, BenchyConfig.Plan own, BenchyConfig.Plan defaults,
                                      List<String> problems) {
        BenchmarkPlan base = BenchmarkPlan.defaults();
        int before = problems.size();
        List<Integer> pp = list(key + ".pp", pick(own, defaults, BenchyConfig.Plan::pp).orElse(base.pp()), 1,
                problems);
        List<Integer> tg = list(key + ".tg", pick(own, defaults, BenchyConfig.Plan::tg).orElse(base.tg()), 1,
                problems);
        List<Integer> depth = list(key + ".depth",
                pick(own, defaults, BenchyConfig.Plan::depth).orElse(base.depth()), 0, problems);
        List<Integer> concurrency = list(key + ".concurrency",
                pick(own, defaults, BenchyConfig.Plan::concurrency).orElse(base.concurrency()), 1, problems);
        int runs = pick(own, defaults, BenchyConfig.Plan::runs).orElse(base.runs());
        if (runs < 1) {
            problems.add(key + ".runs: must be 1 or more, but was " + runs);
        }
        LatencyMode latency = base.latencyMode();
        Optional<String> mode = pick(own, defaults, BenchyConfig.Plan::latencyMode);
        if (mode.isPresent()) {
            try {
                latency = LatencyMode.parse(mode.get());
            } catch (IllegalArgumentException e) {
                problems.add(key + ".latency-mode: must be one of api, generation, none, but was " + mode.get());
            }
        }
        Duration timeout = pick(own, defaults, BenchyConfig.Plan::timeout).orElse(base.requestTimeout());
        if (timeout.isZero() || timeout.isNegative()) {
            problems.add(key + ".timeout: must be positive, but was " + DurationText.of(timeout));
        }
        if (problems.size() > before) {
            return null;
        }
        return new BenchmarkPlan(pp, tg, depth, concurrency, runs, latency,
                pick(own, defaults, BenchyConfig.Plan::prefixCaching).orElse(false),
                pick(own, defaults, BenchyConfig.Plan::noCache).orElse(false),
                pick(own, defaults, BenchyConfig.Plan::warmup).orElse(true),
                pick(own, defaults, BenchyConfig.Plan::adaptPrompt).orElse(true),
                pick(own, defaults, BenchyConfig.Plan::coherence).orElse(true),
                timeout, pick(own, defaults, BenchyConfig.Plan::seed).orElse(null));
    }

    private static <T> Optional<T> pick(BenchyConfig.Plan own, BenchyConfig.Plan defaults,
                                        Function<BenchyConfig.Plan, Optional<T>> field) {
        Optional<T> value = field.apply(own);
        return value.isPresent() ? value : field.apply(defaults);
    }

    private static List<Integer> list(String key, List<Integer> values, int min, List<String> problems) {
        if (values.isEmpty()) {
            problems.add(key + ": must list at least one value, but was empty");
        }
        for (Integer v : values) {
            if (v == null || v < min) {
                problems.add(key + ": values must be " + min + " or more, but was " + v);
            }
        }
        return values;
    }

    private static void checkUrl(String key, String url, List<String> problems) {
        try {
            URI uri = new URI(url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(key + ": must be an http(s) URL with a host, such as http://vllm:8000/v1, but was '"
                        + url + "'");
                return;
            }
            // the rest of what the client requires (no query, no credentials): what passes here must also run
            VertxChatEndpoint.checkBaseUrl(url);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
        } catch (URISyntaxException e) {
            problems.add(key + ": must be an http(s) URL, but was '" + url + "' (" + e.getReason() + ")");
        }
    }

    private static void checkTiming(String key, Duration schedule, Duration deadline, List<String> problems) {
        if (schedule.compareTo(MIN_SCHEDULE) < 0) {
            problems.add(key + ".schedule: must be at least 1s, but was " + DurationText.of(schedule));
        }
        if (deadline.compareTo(MIN_SCHEDULE) < 0) {
            problems.add(key + ".deadline: must be at least 1s, but was " + DurationText.of(deadline));
        }
    }
}

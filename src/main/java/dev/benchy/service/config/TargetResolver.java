package dev.benchy.service.config;

import dev.benchy.app.RequestSettings;
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
    private static final Duration DEFAULT_SCHEDULE = Duration.ofMinutes(15);
    private static final Duration DEFAULT_DEADLINE = Duration.ofHours(1);
    private static final String DEFAULTS_PLAN = "benchy.defaults.plan";

    private TargetResolver() {
    }

    /**
     * The targets alone (tests and tools); {@link ServiceConfig#read} is the service's whole check.
     *
     * @throws InvalidConfigException naming every problem of the targets and their defaults
     */
    public static List<ScheduledTarget> resolve(BenchyConfig config) {
        List<String> problems = new ArrayList<>();
        List<ScheduledTarget> targets = targets(config, new ConfigValues(problems));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return targets;
    }

    /** The valid targets, by name; every problem (of the defaults too) is added to {@code values}' problems. */
    static List<ScheduledTarget> targets(BenchyConfig config, ConfigValues values) {
        BenchyConfig.Defaults defaults = config.defaults();
        Optional<Duration> schedule = values.duration("benchy.defaults.schedule", Optional.of(defaults.schedule()));
        Optional<Duration> deadline = values.duration("benchy.defaults.deadline", Optional.of(defaults.deadline()));
        checkTiming("benchy.defaults", schedule, deadline, values);
        // the defaults are checked once on their own (a target repeats their problems; they are listed once)
        plan(DEFAULTS_PLAN, defaults.plan(), defaults.plan(), values);
        Slo defaultSlo = slo("benchy.defaults.slo", defaults.slo(), values.problems());
        List<ScheduledTarget> targets = new ArrayList<>();
        for (Map.Entry<String, BenchyConfig.TargetConfig> entry : new TreeMap<>(config.targets()).entrySet()) {
            ScheduledTarget target = resolve(entry.getKey(), entry.getValue(), defaults,
                    schedule.orElse(DEFAULT_SCHEDULE), deadline.orElse(DEFAULT_DEADLINE), defaultSlo, values);
            if (target != null) {
                targets.add(target);
            }
        }
        return List.copyOf(targets);
    }

    private static ScheduledTarget resolve(String name, BenchyConfig.TargetConfig t, BenchyConfig.Defaults defaults,
                                           Duration defaultSchedule, Duration defaultDeadline, Slo defaultSlo,
                                           ConfigValues values) {
        String key = "benchy.targets." + name;
        List<String> problems = values.problems();
        int before = problems.size();
        if (!NAME.matcher(name).matches()) {
            problems.add(key + ": a target name must be letters, digits, '_', '.' or '-' (at most 63), but was '"
                    + name + "'");
        }
        if (t.baseUrl().isEmpty()) {
            problems.add(key + ".base-url: must be set (the server's OpenAI-compatible URL, such as"
                    + " http://vllm:8000/v1), but was not");
        } else {
            checkUrl(key + ".base-url", t.baseUrl().get(), problems);
        }
        Optional<Duration> schedule = values.duration(key + ".schedule", t.schedule());
        Optional<Duration> deadline = values.duration(key + ".deadline", t.deadline());
        checkTiming(key, schedule, deadline, values);
        BenchmarkPlan plan = plan(key + ".plan", t.plan(), defaults.plan(), values);
        RequestSettings requests = RequestConfig.resolve(key, t, values);
        Slo slo = defaultSlo.with(slo(key + ".slo", t.slo(), problems));
        if (problems.size() > before || plan == null || requests == null) {
            return null;
        }
        TargetDefinition definition = new TargetDefinition(name, t.baseUrl().get(), t.apiKey(),
                t.model().orElse(null), t.servedModelName().orElse(null), t.tokenizer().orElse(null),
                t.bookUrl().orElse(null), plan,
                pick(t.plan(), defaults.plan(), BenchyConfig.Plan::postRunCmd).orElse(null),
                false, false, false, requests);
        return new ScheduledTarget(definition, schedule.orElse(defaultSchedule), deadline.orElse(defaultDeadline), slo);
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

    /**
     * The plan: each key is the target's own value, else the default's; a value that cannot be read is a problem
     * of the key it was written under.
     */
    private static BenchmarkPlan plan(String key, BenchyConfig.Plan own, BenchyConfig.Plan defaults,
                                      ConfigValues values) {
        BenchmarkPlan base = BenchmarkPlan.defaults();
        List<String> problems = values.problems();
        int before = problems.size();
        List<Integer> pp = list(key, "pp", own, defaults, BenchyConfig.Plan::pp, base.pp(), 1, values);
        List<Integer> tg = list(key, "tg", own, defaults, BenchyConfig.Plan::tg, base.tg(), 1, values);
        List<Integer> depth = list(key, "depth", own, defaults, BenchyConfig.Plan::depth, base.depth(), 0, values);
        List<Integer> concurrency = list(key, "concurrency", own, defaults, BenchyConfig.Plan::concurrency,
                base.concurrency(), 1, values);
        int runs = values.wholeNumber(keyOf(key, "runs", own, BenchyConfig.Plan::runs),
                pick(own, defaults, BenchyConfig.Plan::runs)).orElse(base.runs());
        if (runs < 1) {
            problems.add(keyOf(key, "runs", own, BenchyConfig.Plan::runs) + ": must be 1 or more, but was " + runs);
        }
        LatencyMode latency = base.latencyMode();
        Optional<String> mode = pick(own, defaults, BenchyConfig.Plan::latencyMode);
        if (mode.isPresent()) {
            try {
                latency = LatencyMode.parse(mode.get());
            } catch (IllegalArgumentException e) {
                problems.add(keyOf(key, "latency-mode", own, BenchyConfig.Plan::latencyMode)
                        + ": must be one of api, generation, none, but was " + mode.get());
            }
        }
        String timeoutKey = keyOf(key, "timeout", own, BenchyConfig.Plan::timeout);
        Duration timeout = values.duration(timeoutKey, pick(own, defaults, BenchyConfig.Plan::timeout))
                .orElse(base.requestTimeout());
        if (timeout.isZero() || timeout.isNegative()) {
            problems.add(timeoutKey + ": must be positive, but was " + DurationText.of(timeout));
        }
        boolean prefixCaching = flag(key, "prefix-caching", own, defaults, BenchyConfig.Plan::prefixCaching, false,
                values);
        boolean noCache = flag(key, "no-cache", own, defaults, BenchyConfig.Plan::noCache, false, values);
        boolean warmup = flag(key, "warmup", own, defaults, BenchyConfig.Plan::warmup, true, values);
        boolean adapt = flag(key, "adapt-prompt", own, defaults, BenchyConfig.Plan::adaptPrompt, true, values);
        boolean coherence = flag(key, "coherence", own, defaults, BenchyConfig.Plan::coherence, true, values);
        Long seed = values.longNumber(keyOf(key, "seed", own, BenchyConfig.Plan::seed),
                pick(own, defaults, BenchyConfig.Plan::seed)).orElse(null);
        if (problems.size() > before) {
            return null;
        }
        return new BenchmarkPlan(pp, tg, depth, concurrency, runs, latency, prefixCaching, noCache, warmup, adapt,
                coherence, timeout, seed);
    }

    private static <T> Optional<T> pick(BenchyConfig.Plan own, BenchyConfig.Plan defaults,
                                        Function<BenchyConfig.Plan, Optional<T>> field) {
        Optional<T> value = field.apply(own);
        return value.isPresent() ? value : field.apply(defaults);
    }

    /** The key a plan value was written under: the target's own, else {@code benchy.defaults.plan}'s. */
    private static String keyOf(String key, String name, BenchyConfig.Plan own,
                                Function<BenchyConfig.Plan, ? extends Optional<?>> field) {
        return field.apply(own).isPresent() ? key + "." + name : DEFAULTS_PLAN + "." + name;
    }

    private static boolean flag(String key, String name, BenchyConfig.Plan own, BenchyConfig.Plan defaults,
                                Function<BenchyConfig.Plan, Optional<String>> field, boolean fallback,
                                ConfigValues values) {
        return values.trueOrFalse(keyOf(key, name, own, field), pick(own, defaults, field)).orElse(fallback);
    }

    private static List<Integer> list(String key, String name, BenchyConfig.Plan own, BenchyConfig.Plan defaults,
                                      Function<BenchyConfig.Plan, Optional<List<String>>> field,
                                      List<Integer> fallback, int min, ConfigValues values) {
        String where = keyOf(key, name, own, field);
        Optional<List<String>> raw = pick(own, defaults, field);
        List<Integer> numbers = values.wholeNumbers(where, raw).orElse(raw.isPresent() ? null : fallback);
        if (numbers == null) {
            return fallback;
        }
        if (numbers.isEmpty()) {
            values.problem(where + ": must list at least one value, but was empty");
        }
        for (Integer v : numbers) {
            if (v < min) {
                values.problem(where + ": values must be " + min + " or more, but was " + v);
            }
        }
        return numbers;
    }

    private static void checkUrl(String key, String url, List<String> problems) {
        try {
            URI uri = new URI(url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(key + ": must be an http(s) URL with a host, such as http://vllm:8000/v1, but was '"
                        + url + "'");
                return;
            }
            // the rest of what the client requires (no credentials): what passes here must also run
            VertxChatEndpoint.checkBaseUrl(url);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
        } catch (URISyntaxException e) {
            problems.add(key + ": must be an http(s) URL, but was '" + url + "' (" + e.getReason() + ")");
        }
    }

    private static void checkTiming(String key, Optional<Duration> schedule, Optional<Duration> deadline,
                                    ConfigValues values) {
        if (schedule.isPresent() && schedule.get().compareTo(MIN_SCHEDULE) < 0) {
            values.problem(key + ".schedule: must be at least 1s, but was " + DurationText.of(schedule.get()));
        }
        if (deadline.isPresent() && deadline.get().compareTo(MIN_SCHEDULE) < 0) {
            values.problem(key + ".deadline: must be at least 1s, but was " + DurationText.of(deadline.get()));
        }
    }
}

package dev.benchy.cli;

import dev.benchy.app.RequestSettings;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.request.ExtraBody;
import dev.benchy.openai.EndpointAccess;
import dev.benchy.core.slo.Slo;
import dev.benchy.core.slo.SloText;
import dev.benchy.openai.VertxChatEndpoint;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * llama-benchy 0.3.6's flags, with its names and defaults (spec §2), its later request flags ({@code --extra-body},
 * {@code --exact-tg}), plus benchy's own ({@code --seed}, {@code --timeout}, {@code --quiet}, {@code --header},
 * {@code --auth-header}). Each description says what the flag does and its default.
 */
final class BenchOptions {

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "OpenAI-compatible API base URL, e.g. http://localhost:8000/v1 (required).")
    String baseUrl;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:BENCHY_API_KEY:-EMPTY}",
            description = "API key, sent as 'Authorization: Bearer KEY' (default: $BENCHY_API_KEY, else EMPTY).")
    String apiKey;

    @Option(names = "--auth-header", paramLabel = "NAME", defaultValue = EndpointAccess.AUTHORIZATION,
            description = "Header the api key is sent in: Authorization as a Bearer token, any other name (api-key"
                    + " for Azure OpenAI) with the bare key (default: ${DEFAULT-VALUE}).")
    String authHeader;

    @Option(names = "--header", paramLabel = "'NAME: VALUE'",
            description = "Extra header sent with every request; repeatable. Values are secrets, like the api key:"
                    + " never logged or reported.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--extra-body", paramLabel = "KEY=VALUE",
            description = "Extra top-level request field, merged after benchy's own; repeatable. VALUE is read as"
                    + " JSON, else taken as a string; KEY=null removes one of benchy's optional fields.")
    List<String> extraBody = new ArrayList<>();

    @Option(names = "--exact-tg",
            description = "Generate exactly tg tokens: min_tokens = max_tokens = tg and ignore_eos: true on the"
                    + " measured requests (default: off).")
    boolean exactTg;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Hugging Face model name: the tokenizer default and the report's model."
                    + " Detected from /models when omitted.")
    String model;

    @Option(names = "--served-model-name", paramLabel = "NAME",
            description = "The model name sent in requests (default: --model, or the detected id).")
    String servedModelName;

    @Option(names = "--tokenizer", paramLabel = "ID|PATH",
            description = "Hugging Face tokenizer id, tokenizer.json file or folder, 'server' (the server's own"
                    + " /tokenize) or builtin:gpt2 (GPT-2's encoding, built in) (default: --model). One that does not"
                    + " load is replaced by the server's own tokenizer, else GPT-2's encoding with a warning.")
    String tokenizer;

    @Option(names = "--pp", arity = "1..*", paramLabel = "N", defaultValue = "2048", split = ",",
            description = "Prompt sizes in tokens (default: ${DEFAULT-VALUE}).")
    List<Integer> pp;

    @Option(names = "--tg", arity = "1..*", paramLabel = "N", defaultValue = "32", split = ",",
            description = "Tokens to generate, sent as max_tokens (default: ${DEFAULT-VALUE}).")
    List<Integer> tg;

    @Option(names = "--depth", arity = "1..*", paramLabel = "N", defaultValue = "0", split = ",",
            description = "Context depths in tokens, sent as a system message before the prompt"
                    + " (default: ${DEFAULT-VALUE}).")
    List<Integer> depth;

    @Option(names = "--concurrency", arity = "1..*", paramLabel = "N", defaultValue = "1", split = ",",
            description = "Concurrency levels: requests started together in each run (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrency;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Measured runs per test (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--no-cache",
            description = "Defeat prefix caches: a random nonce at the start of the first message, and"
                    + " cache_prompt: false (default: off).")
    boolean noCache;

    @Option(names = "--post-run-cmd", paramLabel = "CMD",
            description = "Shell command run after each run; its failure is reported and the suite goes on.")
    String postRunCmd;

    @Option(names = "--book-url", paramLabel = "URL|PATH",
            description = "Text the prompts are cut from: http(s) URL (downloaded once and cached), file: URL,"
                    + " path, or builtin:generated (generated text, no download) (default: The Adventures of"
                    + " Sherlock Holmes from Project Gutenberg).")
    String bookUrl;

    @Option(names = "--latency-mode", paramLabel = "MODE", defaultValue = "api",
            description = "Latency subtracted from ttfr for est_ppt: api (first byte of /models), generation"
                    + " (first event of a 1-token stream) or none (default: ${DEFAULT-VALUE}).")
    String latencyMode;

    @Option(names = "--no-warmup",
            description = "Skip the warm-up requests; prompts are then not adapted to the chat template unless"
                    + " --adapt-prompt is given (default: warm up).")
    boolean noWarmup;

    @Option(names = "--skip-coherence", description = "Skip the coherence test (default: run it).")
    boolean skipCoherence;

    @Option(names = "--adapt-prompt", negatable = true,
            description = "Shorten prompts by the chat template's token overhead measured at warm-up, so the"
                    + " server sees exactly pp (+ depth) tokens (default: on; off with --no-warmup).")
    Boolean adaptPrompt;

    @Option(names = "--enable-prefix-caching",
            description = "At depth > 0, load the context in a first request, then measure the prompt over the"
                    + " cached context (rows ctx_pp/ctx_tg, then pp/tg) (default: off).")
    boolean prefixCaching;

    @Option(names = "--save-result", paramLabel = "FILE",
            description = "Write the result to FILE instead of stdout.")
    String saveResult;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "md",
            description = "Output format: md, json, csv or html (a self-contained page with charts; default:"
                    + " ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--emit-progress", paramLabel = "PATH|-",
            description = "Write llama-benchy's progress events (JSONL, llama-benchy-progress.v1) to PATH; '-' writes"
                    + " them to stdout and the result to stderr.")
    String emitProgress;

    @Option(names = "--save-total-throughput-timeseries",
            description = "JSON only: keep each run's aggregate throughput over time.")
    boolean saveTotalSeries;

    @Option(names = "--save-all-throughput-timeseries",
            description = "JSON only: keep each request's throughput over time.")
    boolean saveAllSeries;

    @Option(names = "--exit-on-first-fail", description = "Stop at the first failed request (exit code 1).")
    boolean exitOnFirstFail;

    @Option(names = "--no-results-on-fail",
            description = "With a failure, write no results at all (implies --exit-on-first-fail).")
    boolean noResultsOnFail;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for prompt selection, so runs are reproducible (default: random).")
    Long seed;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Per-request timeout in seconds; a stalled stream becomes an error"
                    + " (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = {"-q", "--quiet"}, description = "No progress or log lines on stderr; errors still show.")
    boolean quiet;

    @Option(names = "--slo", paramLabel = "LIMITS",
            description = "Service-level thresholds, e.g. ttfr=500ms,tg-min=40,error-rate=1% (also e2e-ttft, pp-min):"
                    + " the result is judged against them and bench exits 3 when one is broken (default: none).")
    String slo;

    @Option(names = "--slo-file", paramLabel = "FILE",
            description = "Thresholds in a YAML file, written as a target's slo block of the service configuration"
                    + " (rows scoped by depth, concurrency, pp, tg); --slo's limits win over the file's.")
    String sloFile;

    /** The plan, validated; a wrong value becomes an {@link IllegalArgumentException} naming the flag. */
    BenchmarkPlan plan() {
        try {
            VertxChatEndpoint.checkBaseUrl(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--base-url: " + e.getMessage());
        }
        LatencyMode mode;
        try {
            mode = LatencyMode.parse(latencyMode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--latency-mode: " + e.getMessage());
        }
        if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds, but was "
                    + timeoutSeconds);
        }
        boolean warmup = !noWarmup;
        boolean adapt = adaptPrompt != null ? adaptPrompt : warmup;
        try {
            return new BenchmarkPlan(pp, tg, depth, concurrency, runs, mode, prefixCaching, noCache, warmup, adapt,
                    !skipCoherence, Duration.ofMillis(Math.round(timeoutSeconds * 1000)), seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
    }

    /** How requests are sent, validated; a wrong value becomes an {@link IllegalArgumentException} naming the flag. */
    RequestSettings requests() {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String header : headers) {
            Map.Entry<String, String> h = flag("--header", () -> EndpointAccess.parseHeader(header));
            parsed.put(h.getKey(), h.getValue());
        }
        flag("--auth-header", () -> {
            EndpointAccess.checkName(authHeader);
            return authHeader;
        });
        Map<String, Object> body = flag("--extra-body", () -> ExtraBody.parseAll(extraBody));
        RequestSettings settings = flag("--header", () -> new RequestSettings(authHeader, parsed, body, exactTg));
        flag("--header", () -> settings.access(apiKey));
        return settings;
    }

    private static <T> T flag(String name, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    OutputFormat outputFormat() {
        return OutputFormat.parse(format);
    }

    /** The thresholds of --slo-file and --slo, or null when neither is given; a wrong one names its flag. */
    Slo slo() {
        Slo fromFile = Slo.NONE;
        if (sloFile != null) {
            try {
                fromFile = SloFile.read(Path.of(sloFile));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--slo-file " + e.getMessage());
            }
        }
        if (slo == null) {
            return sloFile == null ? null : fromFile;
        }
        try {
            return fromFile.with(new Slo(SloText.limits(slo), List.of()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--slo: " + e.getMessage());
        }
    }

    boolean exitOnFirstFail() {
        return exitOnFirstFail || noResultsOnFail;
    }
}

package dev.benchy.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's configuration: targets to benchmark, the plan defaults they share, where reports live and who may
 * start runs. Read from application.yaml/properties, system properties and environment variables.
 *
 * <p>Every value is read as text and converted by {@link ServiceConfig#read} ({@link ConfigValues}), not by the
 * configuration library: so a file's problems are all reported together, each as "key: must be …, but was X" with
 * the accepted forms, and unknown keys are named with the nearest known one ({@link ConfigKeys}).
 */
@ConfigMapping(prefix = "benchy")
public interface BenchyConfig {

    /** The endpoints to benchmark, by name. Empty: the built-in simulator is benchmarked instead. */
    Map<String, TargetConfig> targets();

    Defaults defaults();

    Reports reports();

    Api api();

    /** One endpoint. */
    interface TargetConfig {

        /** OpenAI-compatible base URL, e.g. {@code http://vllm:8000/v1}; required. */
        Optional<String> baseUrl();

        /** Sent in the auth header (a Bearer token by default); a secret, never logged. */
        @WithDefault("EMPTY")
        String apiKey();

        /** Hugging Face model name (tokenizer, labels); detected from /models when absent. */
        Optional<String> model();

        Optional<String> servedModelName();

        Optional<String> tokenizer();

        /** How often to run, e.g. 30s, 15m, 1h; default {@code benchy.defaults.schedule}. */
        Optional<String> schedule();

        /** The longest a run may take before it is cancelled; default {@code benchy.defaults.deadline}. */
        Optional<String> deadline();

        Optional<String> bookUrl();

        /** The header the api key is sent in: {@code Authorization} (as a Bearer token), {@code api-key}... */
        @WithDefault("Authorization")
        String authHeader();

        /** Extra headers sent with every request; the values are secrets, never logged. */
        Map<String, String> headers();

        /**
         * Extra top-level request body fields; each value is read as JSON, else taken as a string, and
         * {@code "null"} removes one of benchy's optional fields.
         */
        Map<String, String> extraBody();

        /** Measured requests generate exactly tg tokens ({@code min_tokens}, {@code ignore_eos}). */
        Optional<String> exactTg();

        Plan plan();

        /** Service-level thresholds; any left out come from {@code benchy.defaults.slo}. */
        SloConfig slo();
    }

    /** Plan values; any left out come from {@code benchy.defaults.plan}, then from llama-benchy's defaults. */
    interface Plan {

        Optional<List<String>> pp();

        Optional<List<String>> tg();

        Optional<List<String>> depth();

        Optional<List<String>> concurrency();

        Optional<String> runs();

        Optional<String> latencyMode();

        Optional<String> prefixCaching();

        Optional<String> noCache();

        Optional<String> warmup();

        Optional<String> adaptPrompt();

        Optional<String> coherence();

        /** Per-request timeout. */
        Optional<String> timeout();

        Optional<String> seed();

        Optional<String> postRunCmd();
    }

    /** What every target gets unless it says otherwise. */
    interface Defaults {

        @WithDefault("15m")
        String schedule();

        @WithDefault("1h")
        String deadline();

        Plan plan();

        SloConfig slo();
    }

    /**
     * Service-level limits, as text so that a wrong value is named with its key (docs/CONFIGURATION.md): times as
     * durations ({@code 500ms}), speeds in tokens per second, the error rate as a fraction or a percentage.
     */
    interface SloLimits {

        /** Highest mean time to first response of a row. */
        Optional<String> ttfr();

        /** Highest mean end-to-end time to first token of a row. */
        Optional<String> e2eTtft();

        /** Lowest mean prompt-processing t/s of one request of a row. */
        Optional<String> ppMin();

        /** Lowest mean generation t/s of one request of a row. */
        Optional<String> tgMin();

        /** Highest share of failed requests of a run (of a row, in {@code rows}). */
        Optional<String> errorRate();
    }

    /** A target's thresholds: limits for every row, and limits for some rows. */
    interface SloConfig extends SloLimits {

        /** Limits for the rows of a scope, which replace the every-row ones there; the first match wins. */
        Optional<List<SloRow>> rows();
    }

    /** Limits for the rows that match every scope value given. */
    interface SloRow extends SloLimits {

        Optional<String> depth();

        Optional<String> concurrency();

        Optional<String> pp();

        Optional<String> tg();
    }

    /** The report store. */
    interface Reports {

        @WithDefault("data/reports")
        String dir();

        /** Reports kept per target; older ones are deleted. */
        @WithDefault("500")
        String keep();
    }

    /** The REST API. */
    interface Api {

        /** When set, POST endpoints need {@code Authorization: Bearer <token>}. */
        Optional<String> token();
    }
}

package dev.benchy.app;

import dev.benchy.core.plan.BenchmarkPlan;

import java.util.Objects;

/**
 * One endpoint to benchmark and how, whether it came from {@code bench}'s flags or from the service's
 * configuration.
 *
 * @param name           what results are filed under
 * @param baseUrl        the OpenAI-compatible base URL, e.g. {@code http://vllm:8000/v1}
 * @param apiKey         the secret sent in the auth header ("EMPTY" when none); never logged or reported
 * @param model          the Hugging Face model name, or null to detect it from {@code /models}
 * @param servedModel    the name sent in requests, or null for the model (or the detected id)
 * @param tokenizer      tokenizer id or path, or null for the model name
 * @param bookUrl        the text prompts are cut from, or null for the default book
 * @param plan           what to measure
 * @param postRunCommand shell command after each run, or null
 * @param exitOnFirstFail stop at the first failed request
 * @param keepTotalSeries keep per-batch throughput series
 * @param keepRequestSeries keep per-request throughput series
 * @param requests       auth header, extra headers (secrets), extra body, exact-tg
 */
public record TargetDefinition(String name, String baseUrl, String apiKey, String model, String servedModel,
                               String tokenizer, String bookUrl, BenchmarkPlan plan, String postRunCommand,
                               boolean exitOnFirstFail, boolean keepTotalSeries, boolean keepRequestSeries,
                               RequestSettings requests) {

    public TargetDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(plan, "plan");
        apiKey = apiKey == null || apiKey.isBlank() ? "EMPTY" : apiKey;
        requests = requests == null ? RequestSettings.DEFAULT : requests;
    }

    /** A target whose requests are sent as llama-benchy sends them (Bearer key, no extras). */
    public TargetDefinition(String name, String baseUrl, String apiKey, String model, String servedModel,
                            String tokenizer, String bookUrl, BenchmarkPlan plan, String postRunCommand,
                            boolean exitOnFirstFail, boolean keepTotalSeries, boolean keepRequestSeries) {
        this(name, baseUrl, apiKey, model, servedModel, tokenizer, bookUrl, plan, postRunCommand, exitOnFirstFail,
                keepTotalSeries, keepRequestSeries, RequestSettings.DEFAULT);
    }

    /** The api key as logs may show it: {@code EMPTY} when there is none, else {@code ****}. */
    public String maskedApiKey() {
        return "EMPTY".equals(apiKey) ? "EMPTY" : "****";
    }

    /** Never prints the api key. */
    @Override
    public String toString() {
        return "TargetDefinition[name=" + name + ", baseUrl=" + baseUrl + ", apiKey="
                + maskedApiKey() + ", model=" + model + ", servedModel=" + servedModel
                + ", tokenizer=" + tokenizer + ", plan=" + plan + ", requests=" + requests + "]";
    }
}

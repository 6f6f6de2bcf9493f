package dev.benchy.core.run;

import dev.benchy.core.plan.BenchmarkPlan;

import java.util.Objects;

/**
 * Everything one benchmark run needs to know besides the endpoint: whom it measures and how.
 *
 * @param target            the name the results are filed under (the CLI uses the model name; the service its target)
 * @param model             the Hugging Face model name (report {@code model}, tokenizer default)
 * @param servedModel       the {@code model} field sent in requests
 * @param plan              the test matrix and measurement options
 * @param exitOnFirstFail   stop at the first batch with a failed request
 * @param keepTotalSeries   keep the per-batch throughput series in the report
 * @param keepRequestSeries keep the per-request throughput series in the report
 * @param postRunCommand    a shell command run after each run, or null
 * @param reportId          the id the report will carry, or null to derive one from the target and end time
 */
public record RunSpec(String target, String model, String servedModel, BenchmarkPlan plan,
                      boolean exitOnFirstFail, boolean keepTotalSeries, boolean keepRequestSeries,
                      String postRunCommand, String reportId) {

    public RunSpec {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(servedModel, "servedModel");
        Objects.requireNonNull(plan, "plan");
    }
}

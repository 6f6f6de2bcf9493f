package dev.benchy.core.run;

import dev.benchy.core.plan.TestCase;
import dev.benchy.core.stream.RequestTrace;

import java.util.List;

/**
 * One batch of a run, ended: what was asked of whom, and each request's raw trace, in the order the requests were
 * started.
 *
 * @param model   the model name as configured (the served name the requests carried)
 * @param baseUrl the endpoint's base URL
 * @param test    the test shape
 * @param run     1-based run number within the test
 * @param phase   {@code standard}, {@code context load} or {@code inference}
 * @param traces  the requests' traces
 */
public record FinishedBatch(String model, String baseUrl, TestCase test, int run, String phase,
                            List<RequestTrace> traces) {

    public FinishedBatch {
        traces = List.copyOf(traces);
    }
}

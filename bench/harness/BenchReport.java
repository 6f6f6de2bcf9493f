package harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A benchy report (llama-benchy's JSON), from {@code bench --save-result} or the service's API. */
record BenchReport(JsonNode json) {

    static BenchReport read(Path file) throws IOException {
        return new BenchReport(Http.JSON.readTree(file.toFile()));
    }

    /** Its tests in the order they ran (the inference phase of each; context-load phases left out). */
    List<TestResult> tests() {
        List<TestResult> tests = new ArrayList<>();
        for (JsonNode b : json.get("benchmarks")) {
            if (!b.get("is_context_prefill_phase").asBoolean()) {
                tests.add(new TestResult(b));
            }
        }
        return tests;
    }

    TestResult test(int concurrency) {
        return tests().stream().filter(t -> t.concurrency() == concurrency).findFirst().orElseThrow(
                () -> new IllegalStateException("report must hold the test at concurrency " + concurrency));
    }
}

package dev.benchy.service.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AllowedMethodsTest {

    private final AllowedMethods allowed = new AllowedMethods(
            List.of(TargetsResource.class, ReportsResource.class, RunsResource.class, String.class));

    @Test
    void eachPathNamesTheMethodsItsResourcesAnswer() {
        assertEquals("GET, HEAD, OPTIONS", allowed.allow("/api/targets"));
        assertEquals("GET, HEAD, OPTIONS", allowed.allow("/api/targets/vllm/"));
        assertEquals("OPTIONS, POST", allowed.allow("/api/targets/vllm/runs"));
        assertEquals("GET, HEAD, OPTIONS", allowed.allow("/api/targets/vllm/reports/latest"));
        assertEquals("GET, HEAD, OPTIONS", allowed.allow("/api/runs/vllm-20260101T000000000Z"));
        assertEquals("GET, HEAD, OPTIONS", allowed.allow("/api/reports/x"));
    }

    @Test
    void aParameterIsOneSegmentAndUnknownPathsAnswerNothing() {
        assertEquals("", allowed.allow("/api/targets/a/b/runs"));
        assertEquals("", allowed.allow("/api/nothing"));
    }
}

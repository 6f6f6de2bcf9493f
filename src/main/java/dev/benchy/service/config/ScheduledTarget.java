package dev.benchy.service.config;

import dev.benchy.app.TargetDefinition;
import dev.benchy.core.slo.Slo;

import java.time.Duration;
import java.util.Objects;

/**
 * A target with its timing (how often it runs and how long one run may take) and the service-level thresholds each
 * of its runs is judged against.
 */
public record ScheduledTarget(TargetDefinition definition, Duration schedule, Duration deadline, Slo slo) {

    public ScheduledTarget {
        Objects.requireNonNull(slo, "slo");
    }

    /** A target without thresholds: its runs are judged by their status alone. */
    public ScheduledTarget(TargetDefinition definition, Duration schedule, Duration deadline) {
        this(definition, schedule, deadline, Slo.NONE);
    }

    public String name() {
        return definition.name();
    }
}

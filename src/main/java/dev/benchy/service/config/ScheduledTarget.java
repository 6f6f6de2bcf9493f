package dev.benchy.service.config;

import dev.benchy.app.TargetDefinition;

import java.time.Duration;

/** A target with its timing: how often it runs and how long one run may take. */
public record ScheduledTarget(TargetDefinition definition, Duration schedule, Duration deadline) {

    public String name() {
        return definition.name();
    }
}

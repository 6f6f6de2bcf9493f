package dev.benchy.service;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.inject.Singleton;

/** Ready once the configuration was accepted, targets are scheduled and reports can be written. */
@Readiness
@Singleton
public class ReadinessCheck implements HealthCheck {

    private final BenchyService service;

    public ReadinessCheck(BenchyService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        boolean scheduled = service.running();
        boolean writable = scheduled && service.store().writable();
        return HealthCheckResponse.named("benchy")
                .withData("targets_scheduled", scheduled)
                .withData("report_store_writable", writable)
                .status(scheduled && writable).build();
    }
}

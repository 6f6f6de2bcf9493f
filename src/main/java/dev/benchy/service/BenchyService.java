package dev.benchy.service;

import dev.benchy.app.PromptMaterial;
import dev.benchy.app.TargetBenchmark;
import dev.benchy.core.prompt.BookSource;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.run.RunListener;
import dev.benchy.core.slo.Slo;
import dev.benchy.core.slo.SloEvaluation;
import dev.benchy.service.config.BenchyConfig;
import dev.benchy.service.config.ScheduledTarget;
import dev.benchy.service.config.TargetResolver;
import dev.benchy.service.config.YamlChecks;
import dev.benchy.service.metrics.MetricsPublisher;
import dev.benchy.service.schedule.RunCoordinator;
import dev.benchy.service.store.ReportStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The service's life: at start-up it validates the configuration (an invalid one stops start-up), opens the report
 * store, and schedules every target (the built-in simulator when none is configured), each run judged against its
 * target's service-level thresholds; at shutdown it cancels the run in progress and records it. One-shot commands ({@code bench}, {@code simulate}...) leave it asleep.
 */
@Singleton
public class BenchyService {

    private static final Logger LOG = Logger.getLogger(BenchyService.class);

    private final BenchyConfig config;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final EmbeddedSimulator simulator;
    private final String version;
    private final boolean oneShot;
    private final IdleMemory idleMemory = new IdleMemory(Clock.systemUTC());
    private ReportStore store;
    private RunCoordinator coordinator;

    public BenchyService(BenchyConfig config, MeterRegistry registry, Vertx vertx, EmbeddedSimulator simulator,
                         @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version,
                         @ConfigProperty(name = "benchy-command-mode", defaultValue = "service") String mode) {
        this.config = config;
        this.registry = registry;
        this.vertx = vertx;
        this.simulator = simulator;
        this.version = version;
        this.oneShot = "one-shot".equals(mode);
    }

    void start(@Observes StartupEvent event) {
        if (oneShot) {
            return;
        }
        List<ScheduledTarget> targets = new ArrayList<>(TargetResolver.resolve(config, YamlChecks.ofThisService()));
        boolean embedded = targets.isEmpty();
        if (embedded) {
            targets.add(simulator.target());
        }
        LOG.info(EffectiveConfig.describe(targets, config.reports().dir(), config.reports().keep(),
                config.api().token().isPresent(), embedded));
        store = new ReportStore(config.reports().dir(), config.reports().keep());
        store.open(LOG::warn);
        MetricsPublisher metrics = new MetricsPublisher(registry, version);
        targets.forEach(t -> metrics.declare(t.name()));
        TargetBenchmark benchmark = new TargetBenchmark(vertx, new PromptMaterial(BookSource.defaultCacheDir()),
                Clock.systemUTC(), version);
        Map<String, Slo> slos = targets.stream().collect(Collectors.toMap(ScheduledTarget::name, ScheduledTarget::slo));
        RunCoordinator.TargetRun judged = (definition, listener, id) -> SloEvaluation.judge(
                benchmark.run(definition, listener, id), slos.get(definition.name()));
        coordinator = new RunCoordinator(targets, judged, report -> record(report, metrics),
                BenchyService::logListener, Clock.systemUTC(), embedded ? Duration.ofSeconds(1) : Duration.ofSeconds(5));
        idleMemory.release();
        coordinator.start();
    }

    private void record(RunReport report, MetricsPublisher metrics) {
        try {
            store.save(report);
        } finally {
            metrics.publish(report);
            idleMemory.afterRun();
        }
        if (report.error() == null) {
            LOG.infof("Run %s of target %s: %s in %.1f s", report.id(), report.target(), report.status().id(),
                    report.durationSeconds());
        } else {
            LOG.warnf("Run %s of target %s: %s in %.1f s: %s", report.id(), report.target(), report.status().id(),
                    report.durationSeconds(), report.error());
        }
    }

    private static RunListener logListener(String target) {
        Logger log = Logger.getLogger("dev.benchy.run." + target);
        return new RunListener() {
            @Override
            public void info(String line) {
                log.debug(line);
            }

            @Override
            public void warning(String message) {
                log.warn(message);
            }
        };
    }

    void stop(@Observes ShutdownEvent event) {
        if (coordinator != null) {
            coordinator.close();
        }
    }

    /** Null in one-shot commands. */
    public RunCoordinator coordinator() {
        return coordinator;
    }

    /** Null in one-shot commands. */
    public ReportStore store() {
        return store;
    }
}

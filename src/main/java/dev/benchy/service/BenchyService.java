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
import dev.benchy.service.config.ServiceConfig;
import dev.benchy.service.metrics.MetricsPublisher;
import dev.benchy.service.schedule.RunCoordinator;
import dev.benchy.service.store.ReportSaver;
import dev.benchy.service.schedule.TargetState;
import dev.benchy.service.store.ReportStore;
import dev.benchy.service.ui.LiveEvents;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The service's life: at start-up it validates the configuration (an invalid one stops start-up), opens the report
 * store, and schedules every target (the built-in simulator when none is configured), each run judged against its
 * target's service-level thresholds; at shutdown it cancels the run in progress and records it. One-shot commands
 * ({@code bench}, {@code simulate}...) leave it asleep: there its parts are absent, and asking for them throws
 * {@link NotRunning}, which the API answers with a 503 problem.
 */
@Singleton
public class BenchyService {

    private static final Logger LOG = Logger.getLogger(BenchyService.class);
    /** How often reports the report folder could not take are tried again. */
    private static final Duration STORE_RETRY = Duration.ofSeconds(30);

    private final BenchyConfig config;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final EmbeddedSimulator simulator;
    private final LiveEvents live;
    private final String version;
    private final boolean oneShot;
    private final IdleMemory idleMemory = new IdleMemory(Clock.systemUTC());
    private volatile ReportStore store;
    private volatile RunCoordinator coordinator;
    private ReportSaver saver;

    public BenchyService(BenchyConfig config, MeterRegistry registry, Vertx vertx, EmbeddedSimulator simulator,
                         LiveEvents live,
                         @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version,
                         @ConfigProperty(name = "benchy-command-mode", defaultValue = "service") String mode) {
        this.config = config;
        this.registry = registry;
        this.vertx = vertx;
        this.simulator = simulator;
        this.live = live;
        this.version = version;
        this.oneShot = "one-shot".equals(mode);
    }

    void start(@Observes StartupEvent event) {
        if (oneShot) {
            return;
        }
        Instant startedAt = Instant.now();
        ServiceConfig settings = ServiceConfig.ofThisService(config);
        List<ScheduledTarget> targets = new ArrayList<>(settings.targets());
        boolean embedded = targets.isEmpty();
        if (embedded) {
            targets.add(simulator.target());
        }
        LOG.info(EffectiveConfig.describe(targets, settings.reportsDir(), settings.keep(),
                config.api().token().isPresent(), embedded));
        ReportStore reports = new ReportStore(settings.reportsDir(), settings.keep());
        reports.open(LOG::warn);
        MetricsPublisher metrics = new MetricsPublisher(registry, version);
        targets.forEach(t -> metrics.declare(t.name(), reports.lastSuccess(t.name()).orElse(startedAt)));
        saver = new ReportSaver(reports, metrics, STORE_RETRY);
        TargetBenchmark benchmark = new TargetBenchmark(vertx, new PromptMaterial(BookSource.defaultCacheDir()),
                Clock.systemUTC(), version);
        Map<String, Slo> slos = targets.stream().collect(Collectors.toMap(ScheduledTarget::name, ScheduledTarget::slo));
        RunCoordinator.TargetRun judged = (definition, listener, id) -> SloEvaluation.judge(
                benchmark.run(definition, listener, id), slos.get(definition.name()));
        RunCoordinator runs = new RunCoordinator(targets, judged, report -> record(report, metrics),
                LOG::error, target -> live.watch(target,
                        coordinator.state(target).map(TargetState::runningId).orElse(null), logListener(target)),
                Clock.systemUTC(), embedded ? Duration.ofSeconds(1) : Duration.ofSeconds(5));
        store = reports;
        coordinator = runs;
        idleMemory.release();
        runs.start();
    }

    private void record(RunReport report, MetricsPublisher metrics) {
        try {
            saver.save(report);
            metrics.publish(report);
            live.finished(report);
        } finally {
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
        if (saver != null) {
            saver.close();
        }
    }

    /** Whether the service runs (false in one-shot commands and before start-up completed). */
    public boolean running() {
        return coordinator != null;
    }

    /**
     * The run coordinator.
     *
     * @throws NotRunning in one-shot commands (the API answers 503)
     */
    public RunCoordinator coordinator() {
        if (coordinator == null) {
            throw new NotRunning();
        }
        return coordinator;
    }

    /**
     * The report store.
     *
     * @throws NotRunning in one-shot commands (the API answers 503)
     */
    public ReportStore store() {
        if (store == null) {
            throw new NotRunning();
        }
        return store;
    }

    /** Asked for the service's parts where no service runs (a one-shot command). */
    public static final class NotRunning extends RuntimeException {
        NotRunning() {
            super("the service is not running (one-shot command)");
        }
    }
}

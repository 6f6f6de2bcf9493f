package dev.benchy.service;

import dev.benchy.app.TargetDefinition;
import dev.benchy.core.NanoClock;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.report.SloThreshold;
import dev.benchy.core.slo.Slo;
import dev.benchy.service.config.ScheduledTarget;
import dev.benchy.simulator.Simulator;
import dev.benchy.simulator.SimulatorHandler;
import dev.benchy.simulator.SimulatorSettings;
import dev.benchy.core.prompt.BookSource;
import dev.benchy.tokenizer.Gpt2Tokenizer;
import dev.benchy.tokenizer.TokenizerLoader;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The built-in simulator, served by the service itself under {@code /simulator/v1}, and the target that benchmarks
 * it when no target is configured: a newcomer sees gauges and reports within a minute of the first command.
 */
@Singleton
public class EmbeddedSimulator {

    static final String TARGET = "simulator";
    static final String PREFIX = "/simulator";
    static final Duration SCHEDULE = Duration.ofSeconds(30);
    /** Thresholds the simulator meets with room to spare, so the SLO state and its series show from the start. */
    static final Slo SLO = new Slo(Map.of(SloThreshold.TTFR, 2000.0, SloThreshold.TG_MIN, 10.0,
            SloThreshold.ERROR_RATE, 0.01), List.of());

    private final Vertx vertx;
    private final int port;
    private final boolean oneShot;
    private SimulatorHandler handler;

    public EmbeddedSimulator(Vertx vertx, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port,
                             @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081") int testPort,
                             @ConfigProperty(name = "benchy-command-mode", defaultValue = "service") String mode) {
        this.vertx = vertx;
        this.port = LaunchMode.current() == LaunchMode.TEST ? testPort : port;
        this.oneShot = "one-shot".equals(mode);
    }

    void mount(@Observes Router router) {
        if (oneShot) {
            return;
        }
        Simulator simulator = new Simulator(SimulatorSettings.defaults().withPpSpeed(2000).withTgSpeed(50),
                new Gpt2Tokenizer(), NanoClock.SYSTEM);
        handler = new SimulatorHandler(vertx, simulator, PREFIX);
        router.route(PREFIX + "/*").handler(BodyHandler.create())
                .handler(ctx -> handler.handle(ctx.request(),
                        ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer()));
    }

    /** A small plan: a run takes a few seconds, every 30 s, judged against thresholds it meets ({@link #SLO}). */
    ScheduledTarget target() {
        BenchmarkPlan plan = new BenchmarkPlan(List.of(512), List.of(32), List.of(0, 1024), List.of(1, 2), 2,
                LatencyMode.API, false, false, true, true, true, Duration.ofSeconds(60), null);
        TargetDefinition definition = new TargetDefinition(TARGET, "http://127.0.0.1:" + port + PREFIX + "/v1",
                "EMPTY", SimulatorSettings.DEFAULT_MODEL_ID, null, TokenizerLoader.BUILTIN_GPT2, BookSource.GENERATED_BOOK, plan, null,
                false, false, false);
        return new ScheduledTarget(definition, SCHEDULE, Duration.ofMinutes(5), SLO);
    }
}

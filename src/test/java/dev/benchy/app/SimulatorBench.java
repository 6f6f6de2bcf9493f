package dev.benchy.app;

import dev.benchy.core.NanoClock;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.prompt.BookSource;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.run.RunListener;
import dev.benchy.simulator.Simulator;
import dev.benchy.simulator.SimulatorServer;
import dev.benchy.simulator.SimulatorSettings;
import dev.benchy.tokenizer.Gpt2Tokenizer;
import dev.benchy.tokenizer.TokenizerLoader;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * One target's run through the whole engine (prompts, the real streaming client, measurement) against the built-in
 * simulator on a free loopback port, with GPT-2's encoding and the generated book, so nothing leaves the machine.
 */
public final class SimulatorBench {

    private SimulatorBench() {
    }

    /** Runs {@code plan} against a simulator with {@code settings}; {@code cache} holds the prompt material. */
    public static RunReport run(Vertx vertx, Path cache, SimulatorSettings settings, BenchmarkPlan plan)
            throws Exception {
        return run(vertx, cache, settings, plan, RunListener.SILENT);
    }

    /** The same, telling {@code listener} what the run does. */
    public static RunReport run(Vertx vertx, Path cache, SimulatorSettings settings, BenchmarkPlan plan,
                                RunListener listener) throws Exception {
        SimulatorServer server = SimulatorServer.start(vertx, new Simulator(settings, new Gpt2Tokenizer(),
                NanoClock.SYSTEM), "127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            TargetDefinition target = new TargetDefinition("sim", "http://127.0.0.1:" + server.actualPort() + "/v1",
                    "EMPTY", "benchy-sim", null, TokenizerLoader.BUILTIN_GPT2, BookSource.GENERATED_BOOK, plan,
                    null, false, false, false);
            return new TargetBenchmark(vertx, new PromptMaterial(cache), Clock.systemUTC(), "test")
                    .run(target, listener, null);
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}

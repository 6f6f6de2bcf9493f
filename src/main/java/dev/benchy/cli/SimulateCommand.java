package dev.benchy.cli;

import dev.benchy.core.NanoClock;
import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.simulator.Simulator;
import dev.benchy.simulator.SimulatorServer;
import dev.benchy.simulator.SimulatorSettings;
import dev.benchy.tokenizer.TokenizerLoader;
import io.quarkus.runtime.Quarkus;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code simulate}: the built-in OpenAI-compatible server with known speeds, to try benchy or to calibrate it. */
@Dependent
@Unremovable
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BenchyVersion.class,
        description = {"Runs the built-in OpenAI-compatible simulator: /v1/models and /v1/chat/completions with"
                + " known prompt-processing and generation speeds, a real prefix cache, token_ids and usage.",
                "What it actually sent is at /v1/simulator/stats. Stop it with Ctrl-C."})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8000", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on; 0.0.0.0 for all interfaces (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--pp-speed", defaultValue = "1000", paramLabel = "TOKENS/S",
            description = "Prompt processing speed, uncached prompt tokens per second (default: ${DEFAULT-VALUE}).")
    double ppSpeed;

    @Option(names = "--tg-speed", defaultValue = "50", paramLabel = "STEPS/S",
            description = "Decode steps per second; each step sends one event of --mtp tokens"
                    + " (default: ${DEFAULT-VALUE}).")
    double tgSpeed;

    @Option(names = "--mtp", defaultValue = "1", paramLabel = "K",
            description = "Tokens per decode step and event, as multi-token prediction (default: ${DEFAULT-VALUE}).")
    int mtp;

    @Option(names = "--role-first",
            description = "Send a role-only event as soon as a request arrives, before prefill (default: off).")
    boolean roleFirst;

    @Option(names = "--reasoning-tokens", defaultValue = "0", paramLabel = "N",
            description = "The first N generated tokens are reasoning_content (default: ${DEFAULT-VALUE}).")
    int reasoningTokens;

    @Option(names = "--template-tokens", defaultValue = "0", paramLabel = "N",
            description = "Tokens the simulated chat template adds per message (default: ${DEFAULT-VALUE}).")
    int templateTokens;

    @Option(names = "--model", defaultValue = SimulatorSettings.DEFAULT_MODEL_ID, paramLabel = "ID",
            description = "The model id it serves (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--tokenizer", paramLabel = "ID|PATH",
            description = "Tokenizer it counts tokens with: Hugging Face id, tokenizer.json file or folder"
                    + " (default: GPT-2's encoding, built in).")
    String tokenizer;

    private final Vertx vertx;

    @Inject
    public SimulateCommand(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            System.err.println("benchy simulate: --port must be 0 (any free port) to 65535, but was " + port);
            return 2;
        }
        SimulatorSettings settings;
        try {
            settings = new SimulatorSettings(ppSpeed, tgSpeed, mtp, roleFirst, reasoningTokens, templateTokens,
                    model, SimulatorSettings.DEFAULT_CACHE_CAPACITY);
        } catch (IllegalArgumentException e) {
            System.err.println("benchy simulate: " + e.getMessage());
            return 2;
        }
        Tokenizer counter = TokenizerLoader.load(tokenizer == null ? TokenizerLoader.BUILTIN_GPT2 : tokenizer,
                message -> System.err.println("Warning: " + message));
        Simulator simulator = new Simulator(settings, counter, NanoClock.SYSTEM);
        SimulatorServer server;
        try {
            server = SimulatorServer.start(vertx, simulator, host, port).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("benchy simulate: cannot listen on " + host + ":" + port + ": "
                    + e.getCause().getMessage());
            return 1;
        }
        System.err.printf("benchy simulator serving %s at http://%s:%d/v1 (pp %.0f t/s, tg %.0f steps/s x %d,"
                        + " tokenizer %s)%n", settings.modelId(), host, server.actualPort(), ppSpeed, tgSpeed, mtp,
                counter.name());
        Quarkus.waitForExit();
        server.close();
        return 0;
    }
}

package dev.benchy.cli;

import dev.benchy.core.NanoClock;
import dev.benchy.simulator.Simulator;
import dev.benchy.simulator.SimulatorServer;
import dev.benchy.simulator.SimulatorSettings;
import dev.benchy.tokenizer.Gpt2Tokenizer;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/** The built-in simulator on a free loopback port, with known speeds, for one test. */
final class SimulatorPeer implements AutoCloseable {

    private final SimulatorServer server;

    private SimulatorPeer(SimulatorServer server) {
        this.server = server;
    }

    static SimulatorPeer start(Vertx vertx, SimulatorSettings settings) throws Exception {
        Simulator simulator = new Simulator(settings, new Gpt2Tokenizer(), NanoClock.SYSTEM);
        return new SimulatorPeer(SimulatorServer.start(vertx, simulator, "127.0.0.1", 0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    /** Fast enough for tests that check behaviour rather than numbers: 20 000 prompt t/s, 1 000 t/s decode. */
    static SimulatorSettings fast() {
        return SimulatorSettings.defaults().withPpSpeed(20_000).withTgSpeed(1000);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    Simulator simulator() {
        return server.simulator();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

package dev.benchy.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.Objects;

/**
 * The simulator on its own HTTP port: the {@code simulate} command, and the peer of integration tests (port 0 picks
 * a free port). The endpoint's base URL is {@code http://host:actualPort()/v1}.
 */
public final class SimulatorServer {

    private final HttpServer server;
    private final Simulator simulator;

    private SimulatorServer(HttpServer server, Simulator simulator) {
        this.server = server;
        this.simulator = simulator;
    }

    /**
     * Listens on {@code host:port}; the future fails when the port cannot be bound. {@code Expect: 100-continue}
     * (curl sends it for bodies over 1 KiB) is answered at once, so it never adds a wait to the prefill.
     */
    public static Future<SimulatorServer> start(Vertx vertx, Simulator simulator, String host, int port) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            return Future.failedFuture(new IllegalArgumentException(
                    "port must be between 0 and 65535, but was " + port));
        }
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                .setHandle100ContinueAutomatically(true);
        return vertx.createHttpServer(options)
                .requestHandler(new SimulatorHandler(vertx, simulator, ""))
                .listen()
                .map(server -> new SimulatorServer(server, simulator));
    }

    /** The bound port (the chosen one when started with port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    public Simulator simulator() {
        return simulator;
    }

    /** Stops listening and closes open connections, which cancels their pending events. */
    public Future<Void> close() {
        return server.close();
    }
}

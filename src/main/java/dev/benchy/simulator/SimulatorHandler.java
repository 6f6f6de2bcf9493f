package dev.benchy.simulator;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.Objects;

/**
 * Serves a {@link Simulator} over HTTP under a path prefix, so the same endpoint runs as its own server
 * ({@link SimulatorServer}, prefix "") or mounted inside another Vert.x HTTP server (e.g. prefix "/simulator", giving
 * {@code /simulator/v1/chat/completions}). Routes, each also without the {@code /v1}:
 * <ul>
 *   <li>{@code GET {prefix}/v1/models}</li>
 *   <li>{@code POST {prefix}/v1/chat/completions}</li>
 *   <li>{@code GET|DELETE {prefix}/v1/simulator/stats}: what was actually sent; DELETE resets it</li>
 * </ul>
 * Any API key is accepted and never looked at. A host server should answer {@code Expect: 100-continue} itself, as
 * {@link SimulatorServer} does, or a client that sends it waits before the prompt is even uploaded. Reading and tokenising the prompt happens on a worker thread, so a
 * huge prompt does not stall the event loop that times other streams; it counts towards the prefill time, which
 * runs from the moment the request arrived.
 */
public final class SimulatorHandler implements Handler<HttpServerRequest> {

    private static final String MODELS = "/models";
    private static final String COMPLETIONS = "/chat/completions";
    private static final String STATS = "/simulator/stats";
    private static final String VERSION = "/v1";

    private final Vertx vertx;
    private final Simulator simulator;
    private final String prefix;

    /**
     * @param prefix "" or a path starting with "/" and not ending with "/", e.g. "/simulator"
     */
    public SimulatorHandler(Vertx vertx, Simulator simulator, String prefix) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.simulator = Objects.requireNonNull(simulator, "simulator");
        if (prefix == null || (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/")))) {
            throw new IllegalArgumentException("prefix must be empty or start with '/' and not end with '/', but was "
                    + (prefix == null ? "null" : "'" + prefix + "'"));
        }
        this.prefix = prefix;
    }

    @Override
    public void handle(HttpServerRequest request) {
        dispatch(request, null);
    }

    /**
     * Serves a request whose body a router has already read (a Vert.x request body can be read only once).
     */
    public void handle(HttpServerRequest request, Buffer body) {
        dispatch(request, Objects.requireNonNull(body, "body"));
    }

    private void dispatch(HttpServerRequest request, Buffer readBody) {
        long arrival = simulator.clock().nanoTime();
        String route = route(request.path());
        HttpServerResponse response = request.response();
        if (MODELS.equals(route)) {
            if (allowed(request, HttpMethod.GET)) {
                json(response, 200, simulator.modelsJson());
            }
        } else if (COMPLETIONS.equals(route)) {
            if (allowed(request, HttpMethod.POST)) {
                if (readBody != null) {
                    complete(response, readBody, arrival);
                } else {
                    request.body()
                            .onSuccess(body -> complete(response, body, arrival))
                            .onFailure(e -> error(response, 400, "request body must be readable, but was not: "
                                    + e.getMessage(), "invalid_request_error", null));
                }
            }
        } else if (STATS.equals(route)) {
            if (allowed(request, HttpMethod.GET, HttpMethod.DELETE)) {
                if (request.method() == HttpMethod.DELETE) {
                    simulator.stats().reset();
                    response.setStatusCode(204).end();
                } else {
                    json(response, 200, simulator.stats().snapshot().toJson());
                }
            }
        } else {
            error(response, 404, "path must be one of " + prefix + VERSION + MODELS + ", " + prefix + VERSION
                    + COMPLETIONS + " or " + prefix + VERSION + STATS + ", but was " + request.path(),
                    "not_found_error", null);
        }
    }

    /** The route below the prefix with an optional leading "/v1" removed, or null when outside the prefix. */
    private String route(String path) {
        if (path == null || !path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        return rest.startsWith(VERSION + "/") ? rest.substring(VERSION.length()) : rest;
    }

    private void complete(HttpServerResponse response, Buffer body, long arrival) {
        vertx.executeBlocking(() -> simulator.plan(body.getBytes(), arrival), false).onComplete(planned -> {
            if (planned.succeeded()) {
                new Transmission(vertx, response, planned.result(), simulator.stats(), simulator.clock()).start();
            } else if (planned.cause() instanceof InvalidRequestException invalid) {
                error(response, 400, invalid.getMessage(), "invalid_request_error", invalid.param());
            } else {
                error(response, 500, "simulator failed: " + planned.cause(), "server_error", null);
            }
        });
    }

    private static boolean allowed(HttpServerRequest request, HttpMethod... methods) {
        StringBuilder allow = new StringBuilder();
        for (HttpMethod method : methods) {
            if (method.equals(request.method())) {
                return true;
            }
            allow.append(allow.length() == 0 ? "" : ", ").append(method.name());
        }
        request.response().putHeader(HttpHeaders.ALLOW, allow.toString());
        error(request.response(), 405, "method must be " + allow + " for " + request.path() + ", but was "
                + request.method().name(), "invalid_request_error", null);
        return false;
    }

    private static void error(HttpServerResponse response, int status, String message, String type, String param) {
        json(response, status, OpenAiWire.error(message, type, param));
    }

    private static void json(HttpServerResponse response, int status, String body) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}

package dev.benchy.openai;

import dev.benchy.core.NanoClock;
import dev.benchy.core.run.ChatCompletion;
import dev.benchy.core.run.ChatEndpoint;
import dev.benchy.core.run.ServedModel;
import dev.benchy.core.stream.ChatChunkParser;
import dev.benchy.core.stream.ChatStream;
import dev.benchy.core.stream.ErrorReason;
import dev.benchy.core.stream.RequestTrace;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenAI-compatible endpoint over the Vert.x core {@link HttpClient}: the one place where benchy touches the
 * network. The core client hands over one buffer per network read, which is what the measurement needs: each read is
 * stamped once with the injected {@link NanoClock} and fed straight into the framework-free {@link ChatStream}
 * (framer, parser, recorder), with no logging, tokenising or copying in between.
 *
 * <p>Timing: the start stamp is taken once a connection is in hand, when the request bytes are flushed to the socket,
 * and each read is stamped as it comes off the socket, before TLS and HTTP decoding ({@link WireStamps}). Waiting for
 * a pooled connection, opening a new one and the client's own encoding and decoding are therefore outside the
 * measured spans (llama-benchy starts its clock before the connection is set up; with keep-alive and a warm pool the
 * two agree).
 *
 * <p>Threads: the requests are dealt round robin over the event loops, so concurrent streams are stamped and parsed on
 * different event loops and one huge event cannot delay the stamps of every other stream (llama-benchy §18.1). Each
 * event loop is a {@link Lane} with its own HTTP client, whose pooled connections therefore all live on that loop: a
 * read is stamped and parsed on the thread that made it, never handed to another loop first (one shared client would
 * lend a connection of any loop to a request of any other, and every read would cost a thread wake-up and arrive
 * late by it). All callbacks of one request, its deadline included, run on its lane's loop, so its state needs no
 * locking. Futures complete on that event loop: dependent stages must not block.
 *
 * <p>Failures are data: {@link #stream} and {@link #complete} always complete normally, with the error in the trace
 * or completion; every request has a deadline (the timeout), after which it is reset. {@link #models} and
 * {@link #probeModelsLatency} complete exceptionally with an {@link EndpointException} naming the URL. The api key is
 * sent only in its header ({@link EndpointAccess}) and, like every header value, is masked out of every message.
 * A request lost to a stale pooled connection before any byte of its response is sent once more on a fresh
 * connection ({@link StaleConnectionRetry}).
 *
 * <p>The base URL's query string is sent with every call; for an Azure OpenAI deployment URL the model list is the
 * resource's ({@link BaseUrl#modelsUri()}).
 */
public final class VertxChatEndpoint implements ChatEndpoint {

    private static final int MAX_CHUNK_SIZE = 1 << 20;
    /** How often a retry asks again for a connection when the one it got is not fresh. */
    private static final int MAX_FRESH_ATTEMPTS = 2;
    private static final String USER_AGENT = "benchy";
    private static final String CHAT = "/chat/completions";

    private final Vertx vertx;
    private final Lane[] lanes;
    private final AtomicInteger nextLane = new AtomicInteger();
    private final BaseUrl address;
    private final EndpointAccess access;
    private final StaleConnectionRetry staleConnections = new StaleConnectionRetry();
    private final long timeoutMillis;
    private final String timeoutText;
    private final NanoClock clock;
    private final FailureText failures;
    private final ChatChunkParser parser = new ChatChunkParser();
    private final OpenAiResponses responses = new OpenAiResponses();
    private volatile boolean closed;

    /** With {@code apiKey} as a Bearer token (null means {@code EMPTY}), as llama-benchy sends it. */
    public VertxChatEndpoint(Vertx vertx, String baseUrl, String apiKey, Duration timeout, int maxConnections,
                             NanoClock clock) {
        this(vertx, baseUrl, EndpointAccess.bearer(apiKey), timeout, maxConnections, clock);
    }

    /**
     * @param vertx          the Vert.x instance whose event loops run the requests (not closed by this endpoint)
     * @param baseUrl        {@code http(s)://host[:port][/path][?query]}, e.g. {@code http://127.0.0.1:8000/v1}; a
     *                       trailing slash is tolerated
     * @param access         the api key, the header it goes in, and extra headers
     * @param timeout        the deadline of every request, from the call to its last byte
     * @param maxConnections pool size; at least the highest concurrency plus a few, so a batch never waits
     * @param clock          the clock of every timestamp
     */
    public VertxChatEndpoint(Vertx vertx, String baseUrl, EndpointAccess access, Duration timeout,
                             int maxConnections, NanoClock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.address = BaseUrl.parse(baseUrl);
        this.access = Objects.requireNonNull(access, "access");
        this.failures = new FailureText(address, access.secrets());
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() == 0) {
            throw new IllegalArgumentException("request timeout must be at least 1 ms, but was " + timeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, but was " + maxConnections);
        }
        this.timeoutMillis = timeout.toMillis();
        this.timeoutText = timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " s" : timeoutMillis + " ms";
        this.clock = Objects.requireNonNull(clock, "clock");
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setTryUseCompression(false)
                .setSsl(address.ssl())
                .setVerifyHost(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .setMaxChunkSize(MAX_CHUNK_SIZE);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(maxConnections);
        HttpClientOptions oneShot = new HttpClientOptions(options).setKeepAlive(false);
        this.lanes = eventLoopContexts(vertx).stream()
                .map(context -> new Lane(context, vertx.createHttpClient(options, pool),
                        vertx.createHttpClient(oneShot, pool)))
                .toArray(Lane[]::new);
    }

    /** One context per event loop of {@code vertx}, or just the caller's context when the loops cannot be listed. */
    private static List<Context> eventLoopContexts(Vertx vertx) {
        List<Context> contexts = new ArrayList<>();
        if (vertx instanceof VertxInternal internal) {
            for (EventExecutor loop : internal.getEventLoopGroup()) {
                if (loop instanceof EventLoop eventLoop) {
                    contexts.add(internal.createEventLoopContext(eventLoop, internal.getWorkerPool(),
                            Thread.currentThread().getContextClassLoader()));
                }
            }
        }
        if (contexts.isEmpty()) {
            contexts.add(vertx.getOrCreateContext());
        }
        return contexts;
    }

    /**
     * Checks a base URL as the constructor would, for callers that must refuse it before anything runs.
     *
     * @throws IllegalArgumentException saying what a base URL must be
     */
    public static void checkBaseUrl(String baseUrl) {
        BaseUrl.parse(baseUrl);
    }

    @Override
    public CompletableFuture<RequestTrace> stream(byte[] body) {
        CompletableFuture<RequestTrace> result = new CompletableFuture<>();
        if (closed) {
            long now = clock.nanoTime();
            result.complete(RequestTrace.failed(now, now, 0, ErrorReason.CONNECT,
                    "endpoint " + address.url() + " is closed"));
            return result;
        }
        RequestOptions options = request(HttpMethod.POST, address.uri(CHAT), "text/event-stream", true);
        run(new StreamExchange(options, payload(body), result));
        return result;
    }

    @Override
    public CompletableFuture<ChatCompletion> complete(byte[] body) {
        RequestOptions options = request(HttpMethod.POST, address.uri(CHAT), "application/json", true);
        return fetch(options, payload(body)).handle((reply, failure) -> {
            if (failure != null) {
                return new ChatCompletion(0, "", "", RequestTrace.ABSENT, false, failure.getMessage());
            }
            if (reply.status() != 200) {
                return new ChatCompletion(reply.status(), "", "", RequestTrace.ABSENT, false,
                        failures.status(reply.status(), reply.body(), reply.body().length));
            }
            ChatCompletion parsed = responses.completion(reply.body());
            return parsed.error() == null ? parsed : new ChatCompletion(parsed.httpStatus(), parsed.content(),
                    parsed.reasoning(), parsed.promptTokens(), parsed.hasChoices(), failures.redact(parsed.error()));
        });
    }

    @Override
    public CompletableFuture<Long> probeModelsLatency() {
        RequestOptions options = request(HttpMethod.GET, address.modelsUri(), "application/json", true);
        return fetch(options, null).handle((reply, failure) -> {
            if (failure != null) {
                throw new EndpointException("GET " + modelsUrl() + " failed: " + failure.getMessage());
            }
            if (reply.status() != 200) {
                throw new EndpointException("GET " + modelsUrl() + " failed: "
                        + failures.status(reply.status(), reply.body(), reply.body().length));
            }
            return reply.headNanos() - reply.startNanos();
        });
    }

    @Override
    public CompletableFuture<List<ServedModel>> models() {
        RequestOptions options = request(HttpMethod.GET, address.modelsUri(), "application/json", access.hasKey());
        return fetch(options, null).handle((reply, failure) -> {
            if (failure != null) {
                throw new EndpointException("GET " + modelsUrl() + " failed: " + failure.getMessage());
            }
            if (reply.status() != 200) {
                throw new EndpointException("GET " + modelsUrl() + " failed: "
                        + failures.status(reply.status(), reply.body(), reply.body().length));
            }
            try {
                return responses.models(reply.body());
            } catch (IllegalArgumentException e) {
                throw new EndpointException("GET " + modelsUrl() + " failed: " + failures.redact(e.getMessage()));
            }
        });
    }

    @Override
    public String baseUrl() {
        return address.url();
    }

    @Override
    public int staleConnectionRetries() {
        return staleConnections.retried();
    }

    /** The Azure OpenAI deployment the base URL names, or null: the model to send when none is given. */
    public String deployment() {
        return address.deployment();
    }

    /** Closes the HTTP clients (their pooled connections); the Vert.x instance belongs to the caller. */
    @Override
    public void close() {
        closed = true;
        for (Lane lane : lanes) {
            lane.client().close();
            lane.fresh().close();
        }
    }

    @Override
    public String toString() {
        return "VertxChatEndpoint[" + address.url() + "]";
    }

    private String modelsUrl() {
        return address.modelsUrl();
    }

    private RequestOptions request(HttpMethod method, String uri, String accept, boolean authorize) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(address.host())
                .setPort(address.port())
                .setSsl(address.ssl())
                .setURI(uri)
                .setFollowRedirects(false)
                .setConnectTimeout(timeoutMillis)
                .putHeader("Accept", accept)
                .putHeader("User-Agent", USER_AGENT);
        if (method == HttpMethod.POST) {
            options.putHeader("Content-Type", "application/json");
        }
        access.headersToSend(authorize).forEach(options::putHeader);
        return options;
    }

    private static Buffer payload(byte[] body) {
        return Buffer.buffer(Unpooled.wrappedBuffer(Objects.requireNonNull(body, "body")));
    }

    /** Starts an exchange on the next lane (round robin over the event loops). */
    private void run(Exchange exchange) {
        try {
            Lane lane = lanes[Math.floorMod(nextLane.getAndIncrement(), lanes.length)];
            lane.context().runOnContext(v -> {
                try {
                    exchange.begin(lane);
                } catch (RuntimeException e) {
                    exchange.fail(e);
                }
            });
        } catch (RuntimeException e) {
            exchange.fail(ErrorReason.CONNECT, "cannot start the request (is Vert.x closed?): " + failures.of(e));
        }
    }

    private CompletableFuture<Reply> fetch(RequestOptions options, Buffer payload) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new EndpointException("endpoint " + address.url() + " is closed"));
            return result;
        }
        run(new BodyExchange(options, payload, result));
        return result;
    }

    /**
     * One request with a deadline, run entirely on one context: connection, start stamp, response, body, timer.
     * It ends exactly once: whichever of response, failure or deadline comes first wins, the rest is ignored.
     */
    private abstract class Exchange {

        private final RequestOptions options;
        private final Buffer payload;
        private Lane lane;
        private HttpClientRequest request;
        private WireStamps wire;
        private long timerId = -1;
        private boolean ended;
        private boolean sent;
        private boolean retried;
        private int freshAttempts;

        Exchange(RequestOptions options, Buffer payload) {
            this.options = options;
            this.payload = payload;
        }

        final void begin(Lane lane) {
            this.lane = lane;
            timerId = vertx.setTimer(timeoutMillis, id -> {
                timerId = -1;
                if (end()) {
                    timedOut("timed out after " + timeoutText, clock.nanoTime());
                    if (request != null) {
                        request.reset();
                    }
                }
            });
            lane.client().request(options).onComplete(this::connected);
        }

        private void connected(AsyncResult<HttpClientRequest> connection) {
            if (ended) {
                if (connection.succeeded()) {
                    connection.result().reset();
                }
                return;
            }
            if (connection.failed()) {
                fail(connection.cause());
                return;
            }
            request = connection.result();
            wire = WireStamps.on(channel(request), clock);
            if (retried && wire != null && (wire.carriedRequests() || wire.closedBeforeUse())
                    && freshAttempts++ < MAX_FRESH_ATTEMPTS) {
                // the retry's client handed out a connection that is not fresh (its last one, not yet closed)
                request.reset();
                request = null;
                wire = null;
                lane.fresh().request(options).onComplete(this::connected);
                return;
            }
            started(clock.nanoTime());
            sent = true;
            if (wire != null) {
                wire.awaitFlush();
            }
            Future<HttpClientResponse> response;
            try {
                response = payload == null ? request.send() : request.send(payload);
            } catch (RuntimeException closedMeanwhile) {
                // the pooled connection closed between being handed out and the write
                if (!retryOnFreshConnection()) {
                    fail(closedMeanwhile);
                }
                return;
            }
            if (wire != null && wire.flushNanos() != WireStamps.ABSENT) {
                started(wire.flushNanos());
            }
            response.onComplete(this::responded);
        }

        /** When the bytes being handled came off the socket (now, where the connection has no wire stamps). */
        final long readNanos() {
            long read = wire == null ? WireStamps.ABSENT : wire.readNanos();
            return read == WireStamps.ABSENT ? clock.nanoTime() : read;
        }

        private void responded(AsyncResult<HttpClientResponse> response) {
            if (ended) {
                return;
            }
            if (response.failed()) {
                if (!retryOnFreshConnection()) {
                    fail(response.cause());
                }
            } else {
                response(response.result());
            }
        }

        /** Ends the exchange with a network failure (once), in words and with its reason. */
        final void fail(Throwable failure) {
            fail(FailureText.reason(failure), failures.of(failure));
        }

        /**
         * Sends the request again on a connection of its own when it was lost to a stale pooled one (see
         * {@link StaleConnectionRetry}); its start stamps are then the retry's. The deadline stays the first call's.
         */
        private boolean retryOnFreshConnection() {
            if (!staleConnections.retry(wire, retried)) {
                return false;
            }
            retried = true;
            request.reset();
            request = null;
            wire = null;
            sent = false;
            lane.fresh().request(options).onComplete(this::connected);
            return true;
        }

        /** Ends the exchange with a failure (once) and resets the request. */
        final void fail(ErrorReason reason, String description) {
            if (end()) {
                failed(reason, description, sent, clock.nanoTime());
                if (request != null) {
                    request.reset();
                }
            }
        }

        /** Marks the exchange ended; false when it already was. */
        final boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            return true;
        }

        final boolean ended() {
            return ended;
        }

        /** When the request bytes are written: first just before, then again as they are flushed to the socket. */
        abstract void started(long nanos);

        /** The response head arrived. */
        abstract void response(HttpClientResponse response);

        /** The network failed; {@code afterSend} when the request had been written. */
        abstract void failed(ErrorReason reason, String description, boolean afterSend, long nanos);

        /** The deadline passed. */
        abstract void timedOut(String description, long nanos);
    }

    /** A streamed chat completion: the timed path. */
    private final class StreamExchange extends Exchange {

        private final ChatStream stream = new ChatStream(parser);
        private final CompletableFuture<RequestTrace> result;
        private int status;
        private byte[] errorBody;
        private int errorLength;

        StreamExchange(RequestOptions options, Buffer payload, CompletableFuture<RequestTrace> result) {
            super(options, payload);
            this.result = result;
        }

        @Override
        void started(long nanos) {
            stream.start(nanos);
        }

        @Override
        void response(HttpClientResponse response) {
            status = response.statusCode();
            stream.status(status);
            response.exceptionHandler(this::fail);
            // a proxy's or gateway's error page sent as 200 is an error with its text, not an empty stream
            String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
            boolean page = status == 200 && type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html");
            if (status != 200 || page) {
                errorBody = new byte[FailureText.ERROR_BODY_LIMIT];
                response.handler(this::collectError);
                response.endHandler(v -> {
                    if (end()) {
                        String what = page ? "HTTP 200 with " + type + " instead of an event stream"
                                : "HTTP " + status;
                        ErrorReason reason = page ? ErrorReason.BAD_RESPONSE : ErrorReason.ofStatus(status);
                        result.complete(stream.fail(reason, status, failures.body(what, errorBody, errorLength),
                                clock.nanoTime()));
                    }
                });
                return;
            }
            response.handler(this::read);
            response.endHandler(v -> {
                long now = readNanos();
                if (end()) {
                    result.complete(stream.end(now));
                }
            });
        }

        /** The read loop: one stamp per network read, then straight into the framer. */
        private void read(Buffer buffer) {
            if (ended() || buffer.length() == 0) {
                return;
            }
            long now = readNanos();
            try {
                ByteBuf bytes = buffer.getByteBuf();
                if (bytes.hasArray()) {
                    stream.read(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes(), now);
                } else if (bytes.nioBufferCount() == 1) {
                    stream.read(bytes.nioBuffer(), now);
                } else {
                    for (ByteBuffer part : bytes.nioBuffers()) {
                        stream.read(part, now);
                    }
                }
            } catch (RuntimeException e) {
                fail(ErrorReason.OTHER, "cannot read the stream: " + e.getMessage());
            }
        }

        private void collectError(Buffer buffer) {
            int n = Math.min(buffer.length(), FailureText.ERROR_BODY_LIMIT - errorLength);
            if (n > 0) {
                buffer.getBytes(0, n, errorBody, errorLength);
                errorLength += n;
            }
        }

        @Override
        void failed(ErrorReason reason, String description, boolean afterSend, long nanos) {
            String error = afterSend ? description + " (" + stream.progress() + ")" : description;
            result.complete(stream.fail(reason, status, error, nanos));
        }

        @Override
        void timedOut(String description, long nanos) {
            result.complete(stream.timedOut(description, nanos));
        }
    }

    private static Channel channel(HttpClientRequest request) {
        return request.connection() instanceof ConnectionBase connection ? connection.channel() : null;
    }

    /**
     * An event loop and the clients whose connections all live on it: the pooled one, and one that opens a fresh
     * connection for every request (and closes it after), for retries.
     */
    private record Lane(Context context, HttpClient client, HttpClient fresh) {
    }

    /** What a non-streaming request got: status, whole body, and the stamps around the response head. */
    private record Reply(int status, byte[] body, long startNanos, long headNanos) {
    }

    /** A non-streaming request whose whole body is read (completion, model list, latency probe). */
    private final class BodyExchange extends Exchange {

        private final CompletableFuture<Reply> result;
        private long startNanos;

        BodyExchange(RequestOptions options, Buffer payload, CompletableFuture<Reply> result) {
            super(options, payload);
            this.result = result;
        }

        @Override
        void started(long nanos) {
            startNanos = nanos;
        }

        @Override
        void response(HttpClientResponse response) {
            long headNanos = readNanos();
            int status = response.statusCode();
            response.body().onComplete(body -> {
                if (body.failed()) {
                    fail(body.cause());
                } else if (end()) {
                    result.complete(new Reply(status, body.result().getBytes(), startNanos, headNanos));
                }
            });
        }

        @Override
        void failed(ErrorReason reason, String description, boolean afterSend, long nanos) {
            result.completeExceptionally(new EndpointException(description));
        }

        @Override
        void timedOut(String description, long nanos) {
            result.completeExceptionally(new EndpointException(description));
        }
    }
}

package dev.benchy.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible server that misbehaves on demand, written on raw sockets so that it can do what no real
 * HTTP library would (never send headers, cut a chunked body, send invalid UTF-8, trickle forever). Kept apart from
 * the simulator so the simulator stays honest. {@link Fault#NORMAL} serves a correct stream; every other fault
 * applies to each {@code POST /chat/completions} (and {@code GET /models} for the status faults).
 *
 * <p>{@link Fault#CLOSE_AFTER_STREAM} is llama.cpp's llama-server: it serves every request correctly, but a
 * connection that carried a streamed response is closed without the response saying so ({@code Connection: close}).
 * Here the close happens the moment the client sends its next request on that connection, which is the race a
 * client loses against the real server: the request is read, never answered, and the connection closed.
 *
 * <p>It counts the connections it holds open, so a test can prove the client let go of every one of them.
 */
public final class FaultServer implements AutoCloseable {

    public static final String MODEL = "fault-model";

    /** What the server does with a chat request. */
    public enum Fault {
        NORMAL, STATUS_401, STATUS_404, STATUS_429, STATUS_500, STATUS_503, HTML_PAGE, NO_HEADERS,
        STALL_AFTER_TOKENS, CUT_WITHOUT_DONE, CONNECTION_DROPPED, MALFORMED_EVENT, ALL_MALFORMED, USAGE_NULL,
        EMPTY_CHOICES, INVALID_UTF8, HUGE_EVENT, TRICKLE, FEWER_TOKENS, CLOSE_AFTER_STREAM
    }

    /** Size of the single event of {@link Fault#HUGE_EVENT}. */
    static final int HUGE_EVENT_BYTES = 20 * 1024 * 1024;
    /** Tokens streamed before {@link Fault#STALL_AFTER_TOKENS} stalls or a cut stream stops. */
    static final int TOKENS_BEFORE_FAULT = 3;

    private static final int TLS_HANDSHAKE = 0x16;
    private static final Pattern MAX_TOKENS = Pattern.compile("\"max_tokens\"\\s*:\\s*(\\d+)");

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-server");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger answeredStreams = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile long lastUnansweredNanos;
    private volatile Fault fault = Fault.NORMAL;

    public FaultServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public void fault(Fault fault) {
        this.fault = fault;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Connections accepted and not yet closed (by either side). */
    public int openConnections() {
        return open.size();
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    /** Streaming chat requests answered (whatever the answer). */
    public int answeredStreams() {
        return answeredStreams.get();
    }

    /** Requests read and never answered: their connection was closed ({@link Fault#CLOSE_AFTER_STREAM}). */
    public int unansweredRequests() {
        return unanswered.get();
    }

    /** {@link System#nanoTime()} when the last unanswered request was dropped. */
    public long lastUnansweredNanos() {
        return lastUnansweredNanos;
    }

    /** Waits up to {@code millis} for every connection to close; returns how many are still open. */
    public int awaitNoOpenConnections(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return open.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                accepted.incrementAndGet();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Keep-alive: requests on one connection until the client closes it or a fault ends it. */
    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            in.mark(1);
            if (in.read() == TLS_HANDSHAKE) {
                // what a plain HTTP server does with a TLS ClientHello: a plain-text 400, then it hangs up
                out.write(ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                return;
            }
            in.reset();
            Request request;
            boolean closedAfterStream = false;
            while ((request = Request.read(in)) != null) {
                if (closedAfterStream) {
                    lastUnansweredNanos = System.nanoTime();
                    unanswered.incrementAndGet();
                    break;
                }
                Fault now = fault;
                boolean streaming = request.body.contains("\"stream\":true");
                if (streaming) {
                    answeredStreams.incrementAndGet();
                }
                if (!answer(request, in, out)) {
                    break;
                }
                closedAfterStream = now == Fault.CLOSE_AFTER_STREAM && streaming;
            }
        } catch (IOException e) {
            // the client went away: exactly what several faults provoke
        } finally {
            open.remove(s);
        }
    }

    /** Answers one request; false when the connection must end afterwards. */
    private boolean answer(Request request, InputStream in, OutputStream out) throws IOException {
        Fault now = fault;
        switch (now) {
            case STATUS_401:
                // a careless server echoes the key it refused: benchy must not repeat it anywhere
                return status(out, 401, "Unauthorized", "{\"error\":{\"message\":\"Invalid API key: "
                        + request.authorization().replaceFirst("^Bearer ", "") + "\"}}");
            case STATUS_404:
                return status(out, 404, "Not Found", "{\"error\":{\"message\":\"The model does not exist\"}}");
            case STATUS_429:
                return status(out, 429, "Too Many Requests\r\nRetry-After: 30",
                        "{\"error\":{\"message\":\"Rate limit reached, retry in 30 s\"}}");
            case STATUS_500:
                return status(out, 500, "Internal Server Error", "{\"error\":{\"message\":\"CUDA out of memory\"}}");
            case STATUS_503:
                return status(out, 503, "Service Unavailable", "{\"error\":{\"message\":\"model is loading\"}}");
            default:
                break;
        }
        if (request.method.equals("GET") && request.path.endsWith("/models")) {
            return status(out, 200, "OK", "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL
                    + "\",\"object\":\"model\"}]}");
        }
        if (!request.body.contains("\"stream\":true")) {
            return status(out, 200, "OK", "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"Paris.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,"
                    + "\"completion_tokens\":2}}");
        }
        int tokens = request.maxTokens();
        switch (now) {
            case HTML_PAGE:
                return status(out, 200, "OK", "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad "
                        + "Gateway</h1><p>nginx</p></body></html>", "text/html");
            case NO_HEADERS:
                drain(in);
                return false;
            case STALL_AFTER_TOKENS:
                sseHead(out);
                tokenEvents(out, TOKENS_BEFORE_FAULT);
                drain(in);
                return false;
            case CUT_WITHOUT_DONE:
                sseHead(out);
                tokenEvents(out, TOKENS_BEFORE_FAULT);
                chunk(out, "");
                return true;
            case CONNECTION_DROPPED:
                sseHead(out);
                tokenEvents(out, TOKENS_BEFORE_FAULT);
                return false;
            case MALFORMED_EVENT:
                sseHead(out);
                tokenEvents(out, 1);
                chunk(out, "data: {\"choices\":[{\"delta\":{\"content\":\"oops\"}\n\n");
                tokenEvents(out, tokens - 1);
                finish(out, "{\"completion_tokens\":" + tokens + "}");
                return true;
            case ALL_MALFORMED:
                sseHead(out);
                for (int i = 0; i < tokens; i++) {
                    chunk(out, "data: {choices: [oops\n\n");
                }
                chunk(out, "data: [DONE]\n\n");
                chunk(out, "");
                return true;
            case USAGE_NULL:
                sseHead(out);
                tokenEvents(out, tokens);
                finish(out, "null");
                return true;
            case EMPTY_CHOICES:
                sseHead(out);
                for (int i = 0; i < tokens; i++) {
                    chunk(out, "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[]}\n\n");
                }
                chunk(out, "data: [DONE]\n\n");
                chunk(out, "");
                return true;
            case INVALID_UTF8:
                sseHead(out);
                byte[] bad = concat(ascii("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf"),
                        new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE},
                        ascii("\"},\"finish_reason\":null}]}\n\n"));
                for (int i = 0; i < tokens; i++) {
                    chunk(out, bad);
                }
                finish(out, "{\"completion_tokens\":" + tokens + "}");
                return true;
            case HUGE_EVENT:
                sseHead(out);
                out.write(ascii(Integer.toHexString(HUGE_EVENT_BYTES) + "\r\n"));
                byte[] head = ascii("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
                byte[] tail = ascii("\"},\"finish_reason\":null}]}\n\n");
                out.write(head);
                byte[] filler = new byte[64 * 1024];
                java.util.Arrays.fill(filler, (byte) 'a');
                for (int left = HUGE_EVENT_BYTES - head.length - tail.length; left > 0; left -= filler.length) {
                    out.write(filler, 0, Math.min(left, filler.length));
                }
                out.write(tail);
                out.write(ascii("\r\n"));
                tokenEvents(out, tokens - 1);
                finish(out, "{\"completion_tokens\":" + tokens + "}");
                return true;
            case TRICKLE:
                sseHead(out);
                for (int i = 0; ; i++) {
                    chunk(out, i % 2 == 0 ? ": keep-alive\n\n" : tokenEvent());
                    sleep(50);
                }
            case FEWER_TOKENS:
                sseHead(out);
                tokenEvents(out, TOKENS_BEFORE_FAULT);
                finish(out, "{\"completion_tokens\":" + TOKENS_BEFORE_FAULT + "}");
                return true;
            default:
                sseHead(out);
                tokenEvents(out, tokens);
                finish(out, "{\"completion_tokens\":" + tokens + "}");
                return true;
        }
    }

    private static boolean status(OutputStream out, int code, String reason, String json) throws IOException {
        return status(out, code, reason, json, "application/json");
    }

    private static boolean status(OutputStream out, int code, String reason, String body, String type)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(ascii("HTTP/1.1 " + code + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + bytes.length + "\r\n\r\n"));
        out.write(bytes);
        out.flush();
        return true;
    }

    private static void sseHead(OutputStream out) throws IOException {
        out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"));
        out.flush();
    }

    private static void tokenEvents(OutputStream out, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            chunk(out, tokenEvent());
            sleep(2);
        }
    }

    private static String tokenEvent() {
        return "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\" word\"},\"finish_reason\":null}]}\n\n";
    }

    /** The finish event, the usage event ({@code usage} is its JSON, e.g. null) and [DONE], then the body's end. */
    private static void finish(OutputStream out, String usage) throws IOException {
        chunk(out, "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n");
        chunk(out, "data: {\"id\":\"x\",\"choices\":[],\"usage\":" + usage + "}\n\n");
        chunk(out, "data: [DONE]\n\n");
        chunk(out, "");
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        chunk(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void chunk(OutputStream out, byte[] bytes) throws IOException {
        out.write(ascii(Integer.toHexString(bytes.length) + "\r\n"));
        out.write(bytes);
        out.write(ascii("\r\n"));
        if (bytes.length == 0) {
            out.write(ascii("\r\n"));
        }
        out.flush();
    }

    /** Reads (and ignores) until the client closes the connection: the server "hangs" without a thread spin. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // discard
            }
        } catch (SocketException e) {
            // reset by the client
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("server closing");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    /** The little of an HTTP/1.1 request the server needs: method, path, body. */
    private record Request(String method, String path, String authorization, String body) {

        int maxTokens() {
            Matcher m = MAX_TOKENS.matcher(body);
            return m.find() ? Integer.parseInt(m.group(1)) : 16;
        }

        /** Null at the end of the connection. */
        static Request read(InputStream in) throws IOException {
            String line = line(in);
            if (line == null || line.isEmpty()) {
                return null;
            }
            String[] parts = line.split(" ");
            int length = 0;
            String authorization = "";
            String header;
            while ((header = line(in)) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                String name = colon > 0 ? header.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
                if (name.equals("content-length")) {
                    length = Integer.parseInt(header.substring(colon + 1).trim());
                } else if (name.equals("authorization")) {
                    authorization = header.substring(colon + 1).trim();
                }
            }
            byte[] body = in.readNBytes(length);
            return new Request(parts[0], parts.length > 1 ? parts[1] : "/", authorization,
                    new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, n, StandardCharsets.US_ASCII);
                }
                line.write(b);
            }
            return null;
        }
    }
}

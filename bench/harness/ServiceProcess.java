package harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service ({@code java -jar quarkus-run.jar}) in its own JVM on 127.0.0.1, started and waited for ready. */
final class ServiceProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    private static final long READY_TIMEOUT_NANOS = 60_000_000_000L;

    private final Launched launched;
    private final int port;
    private final double readySeconds;

    private ServiceProcess(Launched launched, int port, double readySeconds) {
        this.launched = launched;
        this.port = port;
        this.readySeconds = readySeconds;
    }

    /**
     * Starts the service and waits (up to 60 s) until {@code /q/health/ready} answers 200.
     *
     * @param port       its HTTP port; 0 lets the OS choose (read from its log)
     * @param properties more {@code -D} options, e.g. {@code -Dbenchy.reports.dir=…}
     */
    static ServiceProcess start(String jar, List<String> javaOptions, int port, List<String> properties, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        command.addAll(properties);
        command.addAll(List.of("-jar", jar));
        long t0 = System.nanoTime();
        Launched launched = Launched.start(command, log);
        int actual = port != 0 ? port : Integer.parseInt(launched.await(LISTENING, "the service"));
        URI ready = URI.create("http://127.0.0.1:" + actual + "/q/health/ready");
        double readySeconds = Double.NaN;
        while (System.nanoTime() - t0 < READY_TIMEOUT_NANOS && launched.process().isAlive()) {
            try {
                if (Http.status(ready) == 200) {
                    readySeconds = (System.nanoTime() - t0) / 1e9;
                    break;
                }
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        return new ServiceProcess(launched, actual, readySeconds);
    }

    /** A port that was free a moment ago (for a service whose own URL must be known before it starts). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** {@code GET path} (with its query), its body as JSON. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return Http.getJson(URI.create("http://127.0.0.1:" + port + path));
    }

    long pid() {
        return launched.process().pid();
    }

    boolean alive() {
        return launched.process().isAlive();
    }

    /** Launch to {@code /q/health/ready} answering 200, NaN when it did not within 60 s. */
    double readySeconds() {
        return readySeconds;
    }

    /** What Quarkus logged as its start time ("started in 1.25s"), or "?". */
    String quarkusStartedIn() throws IOException {
        Matcher started = STARTED.matcher(launched.log());
        return started.find() ? started.group(1) + " s" : "?";
    }

    String log() throws IOException {
        return launched.log();
    }

    @Override
    public void close() {
        launched.close();
    }
}

package dev.benchy.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A test client: posts a chat request and stamps every SSE {@code data:} line as the client reads it. */
final class Sse {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One {@code data:} line and when it was read. */
    record Event(long nanos, String data) {

        boolean done() {
            return "[DONE]".equals(data);
        }

        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode delta() {
            return json().path("choices").path(0).path("delta");
        }

        boolean hasChoices() {
            return json().path("choices").size() > 0;
        }

        /** Carries reasoning or content text. */
        boolean carriesTokens() {
            JsonNode delta = delta();
            return !delta.path("content").asText("").isEmpty() || !delta.path("reasoning_content").asText("")
                    .isEmpty();
        }

        int tokenIds() {
            return json().path("choices").path(0).path("token_ids").size();
        }
    }

    /** A whole stream as read. */
    record Stream(long startNanos, int status, String contentType, List<Event> events) {

        List<Event> tokenEvents() {
            return events.stream().filter(e -> !e.done() && e.hasChoices() && e.carriesTokens()).toList();
        }

        Event first() {
            return tokenEvents().get(0);
        }

        Event last() {
            List<Event> tokens = tokenEvents();
            return tokens.get(tokens.size() - 1);
        }

        double prefillSeconds() {
            return (first().nanos() - startNanos) / 1e9;
        }

        double decodeSeconds() {
            return (last().nanos() - first().nanos()) / 1e9;
        }

        /**
         * The decode rate as the client saw it: the least-squares slope of tokens received so far ({@code token_ids})
         * against read time, over all token events. Unlike (last − first) it is not thrown off by one late read on a
         * busy machine.
         */
        double decodeTokensPerSecond() {
            List<Event> tokens = tokenEvents();
            int n = tokens.size();
            double[] t = new double[n];
            double[] received = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += tokens.get(i).tokenIds();
                t[i] = (tokens.get(i).nanos() - tokens.get(0).nanos()) / 1e9;
                received[i] = sum;
            }
            double meanT = Arrays.stream(t).average().orElseThrow();
            double meanReceived = Arrays.stream(received).average().orElseThrow();
            double covariance = 0;
            double variance = 0;
            for (int i = 0; i < n; i++) {
                covariance += (t[i] - meanT) * (received[i] - meanReceived);
                variance += (t[i] - meanT) * (t[i] - meanT);
            }
            return covariance / variance;
        }

        JsonNode usage() {
            return events.stream().filter(e -> !e.done() && e.json().has("usage")).findFirst().orElseThrow()
                    .json().path("usage");
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Sse(int port) {
        this("http://127.0.0.1:" + port);
    }

    Sse(String base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    Stream stream(String body) throws Exception {
        return stream(body, Integer.MAX_VALUE);
    }

    /** Reads up to {@code maxEvents} data lines, then closes the body (a client walking away). */
    Stream stream(String body, int maxEvents) throws Exception {
        HttpRequest request = request("/v1/chat/completions", body);
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<Event> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while (events.size() < maxEvents && (line = reader.readLine()) != null) {
                long now = System.nanoTime();
                if (line.startsWith("data: ")) {
                    events.add(new Event(now, line.substring("data: ".length())));
                }
            }
        }
        return new Stream(start, response.statusCode(),
                response.headers().firstValue("content-type").orElse(""), events);
    }

    /** Seconds from sending {@code body} to the response head; the body is then read to its end. */
    double secondsToHead(String body) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request("/v1/chat/completions", body),
                HttpResponse.BodyHandlers.ofInputStream());
        double seconds = (System.nanoTime() - start) / 1e9;
        try (InputStream in = response.body()) {
            in.readAllBytes();
        }
        return seconds;
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer test-key")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}

package harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The service's start-up and RSS (the embedded simulator as its only target), and the prompt timings of
 * bench/PromptTiming.java.
 */
final class Footprint {

    private Footprint() {
    }

    /** RSS samples of the service, split by whether a run was in progress (its targets' state). */
    private record RssSamples(List<Double> idle, List<Double> running) {
    }

    /**
     * @param idleSeconds how long the service's RSS is sampled
     * @param book        the book the prompt timings tokenise
     */
    static String measure(String jar, List<String> javaOptions, long idleSeconds, String book, Path work)
            throws Exception {
        StringBuilder out = new StringBuilder("## Footprint\n\n| what | value |\n|---|---|\n");
        try (ServiceProcess service = ServiceProcess.start(jar, javaOptions, ServiceProcess.freePort(),
                List.of("-Dbenchy.reports.dir=" + work.resolve("reports")), work.resolve("service.log"))) {
            double rssAtReady = ProcFs.rssMb(service.pid());
            RssSamples rss = sampleRss(service, idleSeconds);
            out.append(String.format(Locale.ROOT, "| service start-up: launch to /q/health/ready 200 | %.2f s "
                    + "(Quarkus says started in %s) |%n", service.readySeconds(), service.quarkusStartedIn()));
            out.append(String.format(Locale.ROOT, "| service RSS when ready | %.0f MB |%n", rssAtReady));
            out.append(String.format(Locale.ROOT, "| service RSS idle: no run in progress, after the first run, over"
                    + " %d s (%d samples) | median %.0f MB, max %.0f MB |%n", idleSeconds, rss.idle().size(),
                    percentile(rss.idle(), 0.5), percentile(rss.idle(), 1.0)));
            out.append(String.format(Locale.ROOT, "| service RSS while the embedded simulator is benchmarked (%d "
                    + "samples) | median %.0f MB, max %.0f MB |%n", rss.running().size(),
                    percentile(rss.running(), 0.5), percentile(rss.running(), 1.0)));
            out.append("| service JVM options | ").append(javaOptions.isEmpty() ? "(none)"
                    : String.join(" ", javaOptions)).append(" |\n");
        }
        Path appJar = Path.of(jar).getParent();
        String classPath = appJar.resolve("app") + "/*:" + appJar.resolve("lib/main") + "/*";
        Process timing = new ProcessBuilder("java", "-cp", classPath, "bench/PromptTiming.java", "builtin:gpt2",
                book, "131072", "5").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode prompt = Http.JSON.readTree(timing.getInputStream());
        timing.waitFor();
        out.append(String.format(Locale.ROOT, "| tokenize the whole corpus (%d chars, %d tokens, %s) | first %.0f ms,"
                        + " warm %.0f ms |%n", prompt.get("book_chars").asLong(), prompt.get("corpus_tokens").asLong(),
                prompt.get("tokenizer").asText(), prompt.get("tokenize_corpus_ms_first").asDouble(),
                prompt.get("tokenize_corpus_ms_min").asDouble()));
        out.append(String.format(Locale.ROOT, "| build a depth-131072 prompt (+512, no-cache nonce) | first %.1f ms,"
                        + " warm %.1f ms |%n", prompt.get("build_prompt_ms_first").asDouble(),
                prompt.get("build_prompt_ms_min").asDouble()));
        return out.toString();
    }

    /**
     * Samples the service's RSS every 500 ms for {@code seconds} and asks it each time whether a target is queued or
     * running: idle samples count only after the first run ended, so start-up and the first run are not "idle".
     */
    private static RssSamples sampleRss(ServiceProcess service, long seconds) throws Exception {
        List<Double> idle = new ArrayList<>();
        List<Double> running = new ArrayList<>();
        boolean ranOnce = false;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode before = service.get("/api/targets");
            double mb = ProcFs.rssMb(service.pid());
            JsonNode after = service.get("/api/targets");
            boolean busy = false;
            for (JsonNode view : List.of(before, after)) {
                for (JsonNode target : view) {
                    busy |= !"idle".equals(target.path("state").asText());
                }
            }
            for (JsonNode target : before) {
                ranOnce |= target.hasNonNull("last_report_id");
            }
            if (busy) {
                running.add(mb);
            } else if (ranOnce) {
                idle.add(mb);
            }
            Thread.sleep(500);
        }
        return new RssSamples(idle, running);
    }

    private static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * (sorted.size() - 1) + 0.5)));
    }
}

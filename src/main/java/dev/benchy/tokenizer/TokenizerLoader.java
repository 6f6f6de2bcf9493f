package dev.benchy.tokenizer;

import dev.benchy.core.prompt.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the tokenizer a run counts tokens with, trying in order:
 * <ol>
 *   <li>the named tokenizer (or the model name): a local {@code tokenizer.json}, a folder holding one, or a Hugging
 *       Face hub id (from the local cache when offline);</li>
 *   <li>the target server's own tokenize endpoint ({@link ServerTokenizer}), when a target is given: exact for
 *       llama.cpp, vLLM, SGLang and TGI, and the answer when the model id is a GGUF path;</li>
 *   <li>{@link Gpt2Tokenizer GPT-2's encoding}, with one warning that names every attempt and why it failed.</li>
 * </ol>
 * Like llama-benchy (spec §3.3) it never stops a run. {@code builtin:gpt2} takes GPT-2 at once without a warning;
 * {@code server} asks the server only.
 *
 * <p>Hub ids never hang a run: the download has a deadline, and in offline mode ({@code DJL_OFFLINE=true} or
 * {@code HF_HUB_OFFLINE=1}) the hub is not contacted at all; the tokenizer is then taken from the local Hugging
 * Face cache ({@code HF_HUB_CACHE}, {@code HF_HOME/hub} or {@code ~/.cache/huggingface/hub}) if it is there.
 * The {@code HF_TOKEN} credential is used by DJL's native side and never appears in a warning.
 */
public final class TokenizerLoader {

    /** Names GPT-2's encoding, built in: no file, no download, no warning (the simulator's default). */
    public static final String BUILTIN_GPT2 = "builtin:gpt2";

    /** Names the target server's own tokenize endpoint. */
    public static final String SERVER = "server";

    /** How long a hub download may take before the run goes on with the fallback. */
    public static final Duration HUB_TIMEOUT = Duration.ofSeconds(60);

    private static final String FALLBACK = "falling back to GPT-2's encoding (r50k_base): prompt sizes and token"
            + " counts may be off (often by 10-20 %).";
    private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][\\w.-]*(/[\\w.-]+)?");
    private static final int MAX_CAUSE_LENGTH = 300;

    /**
     * What loading gave.
     *
     * @param tokenizer the tokenizer of record
     * @param warnings  problems to show and keep in every report that uses it (at most one)
     * @param notes     information to show once (which tokenizer stood in for one that did not load)
     * @param lasting   false when the server could not be asked for now (no connection, a timeout, an error
     *                  status): the result should not be kept, the next run asks again
     */
    public record Outcome(Tokenizer tokenizer, List<String> warnings, List<String> notes, boolean lasting) {

        static Outcome quietly(Tokenizer tokenizer) {
            return new Outcome(tokenizer, List.of(), List.of(), true);
        }
    }

    private TokenizerLoader() {
    }

    /** Loads {@code spec} as described above, with no server to ask. */
    public static Tokenizer load(String spec, Consumer<String> warnings) {
        Outcome outcome = load(spec, true, null, System.getenv(), HUB_TIMEOUT);
        outcome.warnings().forEach(warnings);
        return outcome.tokenizer();
    }

    /** Loads {@code spec} as described above, with the process environment and {@link #HUB_TIMEOUT}. */
    public static Outcome load(String spec, boolean named, ServerTokenizer.Target server) {
        return load(spec, named, server, System.getenv(), HUB_TIMEOUT);
    }

    /**
     * Loads {@code spec}: a path to a {@code tokenizer.json} or a folder with one, else a hub id; then the server's
     * tokenizer; then GPT-2.
     *
     * @param spec        what to load: a path, a hub id, {@value #SERVER} or {@value #BUILTIN_GPT2}; null or blank
     *                    asks the server, or gives GPT-2 with an info warning when there is no server
     * @param named       whether the user named it (a stand-in for it is then a warning, not a note)
     * @param server      the target whose tokenize endpoint to ask when {@code spec} does not load, or null
     * @param environment the environment to read {@code DJL_OFFLINE}, {@code HF_HUB_OFFLINE}, the Hugging Face
     *                    cache variables and {@code HF_TOKEN} (to keep it out of messages) from
     * @param hubTimeout  how long a hub download may take
     */
    public static Outcome load(String spec, boolean named, ServerTokenizer.Target server,
                               Map<String, String> environment, Duration hubTimeout) {
        String name = spec == null ? "" : spec.strip();
        if (BUILTIN_GPT2.equals(name)) {
            return Outcome.quietly(new Gpt2Tokenizer());
        }
        if (name.isEmpty() && server == null) {
            return new Outcome(new Gpt2Tokenizer(), List.of("No tokenizer was named; using GPT-2's encoding"
                    + " (r50k_base): token counts are approximate."), List.of(), true);
        }
        String failed = null;
        if (!name.isEmpty() && !SERVER.equals(name)) {
            try {
                return Outcome.quietly(loadOrFail(name, environment, hubTimeout));
            } catch (Exception | LinkageError e) {
                failed = "Tokenizer '" + name + "' could not be loaded (" + cause(e, environment) + ")";
            }
        }
        if (server == null) {
            String why = failed != null ? failed
                    : "The server's own tokenizer could not be asked (no server is known here)";
            return new Outcome(new Gpt2Tokenizer(), List.of(why + "; " + FALLBACK), List.of(), true);
        }
        try {
            ServerTokenizer tokenizer = ServerTokenizer.probe(server);
            if (failed == null) {
                return Outcome.quietly(tokenizer);
            }
            String standIn = failed + "; counting with the server's own tokenizer instead: " + tokenizer.name()
                    + " at " + tokenizer.root();
            return named ? new Outcome(tokenizer, List.of(standIn), List.of(), true)
                    : new Outcome(tokenizer, List.of(), List.of(standIn), true);
        } catch (ServerTokenizer.Unavailable e) {
            String why = (failed == null ? "The server's own tokenizer could not be loaded ("
                    : failed + ", nor the server's own tokenizer (") + cause(e, environment) + ")";
            return new Outcome(new Gpt2Tokenizer(), List.of(why + "; " + FALLBACK), List.of(), e.lasting());
        }
    }

    private static Tokenizer loadOrFail(String name, Map<String, String> environment, Duration hubTimeout)
            throws Exception {
        if (name.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
            throw new IOException("a GGUF model file holds no tokenizer.json");
        }
        Path local = asPath(name);
        if (local != null && Files.exists(local)) {
            return HuggingFaceTokenizer.fromFile(local, name);
        }
        if (!HUB_ID.matcher(name).matches() || name.endsWith(".json")) {
            throw new IOException("no such file or folder: " + name);
        }
        if (offline(environment)) {
            Path cached = cachedHubFile(name, environment);
            if (cached == null) {
                throw new IOException("offline mode is on (DJL_OFFLINE or HF_HUB_OFFLINE) and it is not in the"
                        + " Hugging Face cache at " + hubCache(environment));
            }
            return HuggingFaceTokenizer.fromFile(cached, name);
        }
        return withDeadline(() -> HuggingFaceTokenizer.fromHub(name), hubTimeout);
    }

    /**
     * Runs {@code task} on its own daemon thread and waits at most {@code timeout}; a result that comes later is
     * closed. Native hub downloads cannot be interrupted, so this is what bounds them.
     */
    static <T> T withDeadline(Callable<T> task, Duration timeout) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "benchy-tokenizer-hub");
        worker.setDaemon(true);
        worker.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.thenAccept(TokenizerLoader::closeQuietly);
            throw new TimeoutException("no answer from the Hugging Face hub within " + seconds(timeout));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** DJL's and Hugging Face's offline switches, read as they read them. */
    static boolean offline(Map<String, String> environment) {
        String djl = environment.getOrDefault("DJL_OFFLINE", System.getProperty("ai.djl.offline"));
        String hf = environment.getOrDefault("HF_HUB_OFFLINE", "");
        return Boolean.parseBoolean(djl) || Stream.of("1", "true", "yes", "on")
                .anyMatch(yes -> yes.equals(hf.strip().toLowerCase(Locale.ROOT)));
    }

    /** The Hugging Face hub cache, as huggingface_hub and the Rust hf-hub crate locate it. */
    static Path hubCache(Map<String, String> environment) {
        String hubCache = environment.get("HF_HUB_CACHE");
        if (hubCache != null && !hubCache.isBlank()) {
            return Path.of(hubCache);
        }
        String hfHome = environment.get("HF_HOME");
        if (hfHome != null && !hfHome.isBlank()) {
            return Path.of(hfHome, "hub");
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "huggingface", "hub");
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".cache", "huggingface", "hub");
    }

    /**
     * The cached {@code tokenizer.json} of hub id {@code id}: the snapshot {@code refs/main} points to, else the
     * first snapshot (by name) that has one; null when there is none.
     */
    static Path cachedHubFile(String id, Map<String, String> environment) throws IOException {
        Path repo = hubCache(environment).resolve("models--" + id.replace("/", "--"));
        Path snapshots = repo.resolve("snapshots");
        Path main = repo.resolve("refs").resolve("main");
        if (Files.isRegularFile(main)) {
            Path file = snapshots.resolve(Files.readString(main).strip()).resolve("tokenizer.json");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        if (!Files.isDirectory(snapshots)) {
            return null;
        }
        try (Stream<Path> each = Files.list(snapshots)) {
            return each.sorted()
                    .map(snapshot -> snapshot.resolve("tokenizer.json"))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElse(null);
        }
    }

    private static Path asPath(String spec) {
        String expanded = spec.startsWith("~/") ? System.getProperty("user.home") + spec.substring(1) : spec;
        try {
            return Path.of(expanded);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** One line, bounded, and never the HF token. */
    private static String cause(Throwable error, Map<String, String> environment) {
        String message = error.getMessage() == null || error.getMessage().isBlank()
                ? error.getClass().getSimpleName() : error.getMessage();
        for (String token : new String[] {environment.get("HF_TOKEN"), System.getProperty("HF_TOKEN")}) {
            if (token != null && !token.isBlank()) {
                message = message.replace(token, "***");
            }
        }
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() <= MAX_CAUSE_LENGTH ? message : message.substring(0, MAX_CAUSE_LENGTH) + "...";
    }

    private static void closeQuietly(Object late) {
        if (late instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // a tokenizer nobody uses any more: nothing to report
            }
        }
    }

    static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}

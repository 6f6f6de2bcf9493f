package dev.benchy.real;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code src/test/llama/prepare.sh} put the llama-server binary and the model, as its output exports them.
 *
 * @param server    the {@code llama-server} executable ({@value #SERVER})
 * @param model     the GGUF model it serves ({@value #MODEL})
 * @param libraries the folder of its shared libraries when they are not beside it ({@value #LIBRARIES}, optional)
 */
record LlamaInstall(Path server, Path model, Optional<Path> libraries) {

    static final String SERVER = "BENCHY_LLAMA_SERVER";
    static final String MODEL = "BENCHY_LLAMA_MODEL";
    static final String LIBRARIES = "BENCHY_LLAMA_LIBS";

    /** Why the tier is skipped when the variables are absent. */
    static final String NOT_PREPARED = SERVER + " and " + MODEL + " are not set, so the real llama-server tier is"
            + " skipped; to run it: eval \"$(bash src/test/llama/prepare.sh)\" (see docs/REAL-SERVERS.md)";

    /**
     * The install named by the environment: empty when {@value #SERVER} is not set. Set but wrong is an error, not
     * a skip: a CI that means to run the tier must not pass without it.
     */
    static Optional<LlamaInstall> fromEnvironment(Map<String, String> env) {
        String server = env.get(SERVER);
        if (server == null || server.isBlank()) {
            return Optional.empty();
        }
        Path binary = Path.of(server);
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new IllegalStateException(SERVER + ": must be an executable llama-server, but was '" + server + "'");
        }
        String model = env.get(MODEL);
        if (model == null || !Files.isRegularFile(Path.of(model))) {
            throw new IllegalStateException(MODEL + ": must be a GGUF file, but was "
                    + (model == null ? "not set" : "'" + model + "'"));
        }
        String libraries = env.get(LIBRARIES);
        Optional<Path> libs = libraries == null || libraries.isBlank() ? Optional.empty() : Optional.of(Path.of(libraries));
        return Optional.of(new LlamaInstall(binary, Path.of(model), libs));
    }
}

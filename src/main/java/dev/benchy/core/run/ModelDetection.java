package dev.benchy.core.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the model to benchmark from what {@code /models} lists, when the user named none (spec §3.1): exactly one
 * model must be served; its Hugging Face name comes from {@code root} when that looks like {@code owner/name}, else
 * from the id; the served name is the id. Unlike llama-benchy it does not ask huggingface.co whether the name
 * exists: the tokenizer loader's fallback already covers a name that cannot be loaded.
 */
public final class ModelDetection {

    /** The model a report names when none was configured and detection did not succeed. */
    public static final String UNKNOWN = "unknown";

    /** The detected pair: the Hugging Face name (tokenizer, report) and the name to send in requests. */
    public record Detected(String model, String servedModel) {
    }

    private ModelDetection() {
    }

    public static Detected detect(List<ServedModel> served, String baseUrl) {
        if (served.isEmpty()) {
            throw new BenchmarkFailure("No models found at " + baseUrl + "/models; pass --model");
        }
        if (served.size() > 1) {
            List<String> ids = new ArrayList<>();
            served.forEach(m -> ids.add(m.id()));
            throw new BenchmarkFailure("More than one model is served at " + baseUrl + "/models " + ids
                    + "; pass --model (and --served-model-name) to choose");
        }
        ServedModel only = served.get(0);
        if (looksLikeHuggingFaceName(only.root())) {
            return new Detected(only.root(), only.id());
        }
        return new Detected(only.id(), only.id());
    }

    /** "owner/name": exactly one slash with text on both sides. */
    static boolean looksLikeHuggingFaceName(String name) {
        if (name == null) {
            return false;
        }
        int slash = name.indexOf('/');
        return slash > 0 && slash == name.lastIndexOf('/') && slash < name.length() - 1;
    }
}

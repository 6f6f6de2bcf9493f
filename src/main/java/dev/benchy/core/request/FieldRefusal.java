package dev.benchy.core.request;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a refused request's status and error text for the fields it names as not accepted, in the forms strict
 * servers use:
 * <ul>
 *     <li>OpenAI and the providers that copy its checks: {@code Unrecognized request argument supplied: a, b};</li>
 *     <li>pydantic models that forbid extra fields (TensorRT-LLM, FastAPI servers): an {@code extra_forbidden}
 *     error ("Extra inputs are not permitted") whose {@code loc} ends with the field;</li>
 *     <li>a sentence that names the field next to "not supported", "unsupported", "unrecognized", "unknown", "not
 *     permitted" or "not allowed" (SGLang: {@code return_token_ids is not supported with streaming on
 *     /v1/chat/completions}).</li>
 * </ul>
 * Only a 4xx answer refuses a field; a field merely echoed back in a longer error is not taken for a refusal.
 */
public final class FieldRefusal {

    private static final Pattern OPENAI = Pattern.compile(
            "unrecognized request arguments? supplied:\\s*([A-Za-z0-9_]+(?:\\s*,\\s*[A-Za-z0-9_]+)*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTRA_FORBIDDEN = Pattern.compile(
            "extra_forbidden|extra inputs are not permitted|extra fields not permitted|value_error\\.extra",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REFUSING_WORDS = Pattern.compile(
            "not supported|unsupported|unrecogni[sz]ed|unknown|not permitted|not allowed", Pattern.CASE_INSENSITIVE);
    /** How far apart the field and a refusing word may be, in characters, to be one statement. */
    private static final int NEAR = 60;
    /** How much of the server's answer a reason keeps. */
    private static final int REASON_LIMIT = 200;

    private FieldRefusal() {
    }

    /**
     * The {@code candidates} (fields the request carried) that the answer refuses, in the candidates' order; empty
     * when the answer is no refusal of a field.
     */
    public static List<String> refused(int httpStatus, String error, Collection<String> candidates) {
        List<String> refused = new ArrayList<>();
        if (httpStatus < 400 || httpStatus > 499 || error == null) {
            return refused;
        }
        List<String> unrecognized = openAiList(error);
        boolean extraForbidden = EXTRA_FORBIDDEN.matcher(error).find();
        for (String field : candidates) {
            if (unrecognized.contains(field) || extraForbidden && inLoc(error, field) || nearRefusal(error, field)) {
                refused.add(field);
            }
        }
        return refused;
    }

    /** The refusal as a one-line reason for the report: the start of the error text. */
    public static String reason(String error) {
        String line = error == null ? "" : error.strip().replaceAll("\\s+", " ");
        return line.length() <= REASON_LIMIT ? line : line.substring(0, REASON_LIMIT - 3) + "...";
    }

    private static List<String> openAiList(String error) {
        List<String> names = new ArrayList<>();
        Matcher m = OPENAI.matcher(error);
        while (m.find()) {
            for (String name : m.group(1).split("\\s*,\\s*")) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /** {@code loc} of a pydantic error ending with the field: {@code ('body', 'x')} or {@code ["body","x"]}. */
    private static boolean inLoc(String error, String field) {
        return Pattern.compile("loc[\\\\'\"]*\\s*[:=]\\s*[\\[(][^\\])]*?[\\\\'\"]" + Pattern.quote(field)
                + "[\\\\'\"]\\s*,?\\s*[\\])]").matcher(error).find();
    }

    /** The field as a word, with a refusing word within {@value #NEAR} characters and no JSON structure between. */
    private static boolean nearRefusal(String error, String field) {
        Matcher name = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(field) + "(?![A-Za-z0-9_])")
                .matcher(error);
        while (name.find()) {
            int from = Math.max(0, name.start() - NEAR);
            int to = Math.min(error.length(), name.end() + NEAR);
            Matcher word = REFUSING_WORDS.matcher(error).region(from, to);
            while (word.find()) {
                int gapFrom = Math.min(word.end(), name.end());
                int gapTo = Math.max(word.start(), name.start());
                if (!containsStructure(error, gapFrom, gapTo)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsStructure(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '}' || c == '[' || c == ']') {
                return true;
            }
        }
        return false;
    }
}

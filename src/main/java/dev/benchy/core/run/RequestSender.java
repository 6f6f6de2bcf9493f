package dev.benchy.core.run;

import dev.benchy.core.report.RequestShapeUsed;
import dev.benchy.core.request.FieldRefusal;
import dev.benchy.core.request.LearnedShape;
import dev.benchy.core.request.OptionalField;
import dev.benchy.core.request.RequestShape;
import dev.benchy.core.stream.RequestTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends the engine's requests in the target's learned {@link RequestShape}. Every body is built before the
 * requests that go together are started. When the server refuses a request for one of benchy's optional fields
 * (a 4xx naming it, see {@link FieldRefusal}), the field is dropped from the target's shape (a warning the first
 * time), and the request is sent again without it, with its own start stamp; the requests of a batch refused
 * together are re-sent together. Used from the runner's thread only.
 */
final class RequestSender {

    private final ChatEndpoint endpoint;
    private final LearnedShape shape;
    private final Consumer<String> warnings;
    private int resent;

    RequestSender(ChatEndpoint endpoint, LearnedShape shape, Consumer<String> warnings) {
        this.endpoint = endpoint;
        this.shape = shape;
        this.warnings = warnings;
    }

    /** One streamed request, waited for. */
    RequestTrace stream(ChatRequest request) {
        return streamTogether(List.of(request)).get(0);
    }

    /** Streamed requests started together (their bodies built first), waited for, in order. */
    List<RequestTrace> streamTogether(List<ChatRequest> requests) {
        return streamTogether(requests, () -> { });
    }

    /** The same, telling {@code eachFinished} as each request ends (a progress count; a re-sent one counts again). */
    List<RequestTrace> streamTogether(List<ChatRequest> requests, Runnable eachFinished) {
        Function<byte[], CompletableFuture<RequestTrace>> call = body -> {
            CompletableFuture<RequestTrace> request = endpoint.stream(body);
            request.whenComplete((trace, failure) -> eachFinished.run());
            return request;
        };
        return send(requests, call, RequestTrace::httpStatus, RequestTrace::error);
    }

    /** One non-streaming request, waited for. */
    ChatCompletion complete(ChatRequest request) {
        return send(List.of(request), endpoint::complete, ChatCompletion::httpStatus, ChatCompletion::error).get(0);
    }

    /** {@code GET /models}, timed to its first byte, in nanoseconds. */
    long modelsLatencyNanos() {
        return Calls.await(endpoint.probeModelsLatency());
    }

    /** The shape the run's requests were sent in, as the report records it. */
    RequestShapeUsed used(String servedModel, boolean noCache) {
        RequestShape now = shape.current();
        List<RequestShapeUsed.DroppedField> dropped = new ArrayList<>();
        for (Map.Entry<OptionalField, String> d : now.dropped().entrySet()) {
            dropped.add(new RequestShapeUsed.DroppedField(d.getKey().key(), d.getValue()));
        }
        return new RequestShapeUsed(ChatRequest.measured(servedModel, List.of(), 1, noCache).fieldNames(now),
                dropped, List.copyOf(now.extraBody().keySet()), now.authHeader(), now.headerNames(), now.exactTg(),
                resent, endpoint.staleConnectionRetries());
    }

    private <T> List<T> send(List<ChatRequest> requests, Function<byte[], CompletableFuture<T>> call,
                             Function<T, Integer> status, Function<T, String> error) {
        List<T> results = new ArrayList<>(fire(requests, shape.current(), call));
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            pending.add(i);
        }
        // each round drops at least one optional field from the shape the refused bodies were built in
        for (int round = 0; round < OptionalField.values().length && !pending.isEmpty(); round++) {
            RequestShape sentIn = shape.current();
            List<Integer> refused = new ArrayList<>();
            for (int i : pending) {
                T result = results.get(i);
                List<String> fields = FieldRefusal.refused(status.apply(result), error.apply(result),
                        optionalFieldsOf(requests.get(i), sentIn));
                if (!fields.isEmpty()) {
                    learn(fields, error.apply(result));
                    refused.add(i);
                }
            }
            if (refused.isEmpty()) {
                break;
            }
            List<ChatRequest> again = new ArrayList<>(refused.size());
            refused.forEach(i -> again.add(requests.get(i)));
            List<T> answers = fire(again, shape.current(), call);
            for (int k = 0; k < refused.size(); k++) {
                results.set(refused.get(k), answers.get(k));
            }
            resent += refused.size();
            pending = refused;
        }
        return results;
    }

    /** Builds every body in {@code in}, then starts them all and waits for every one. */
    private static <T> List<T> fire(List<ChatRequest> requests, RequestShape in,
                                    Function<byte[], CompletableFuture<T>> call) {
        List<byte[]> bodies = new ArrayList<>(requests.size());
        for (ChatRequest request : requests) {
            bodies.add(request.toJson(in));
        }
        List<CompletableFuture<T>> inFlight = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            inFlight.add(call.apply(body));
        }
        List<T> results = new ArrayList<>(inFlight.size());
        for (CompletableFuture<T> future : inFlight) {
            results.add(Calls.await(future));
        }
        return results;
    }

    /** The optional fields benchy itself put in this request's body. */
    private static List<String> optionalFieldsOf(ChatRequest request, RequestShape in) {
        List<String> sent = new ArrayList<>();
        for (String name : request.fieldNames(in)) {
            OptionalField field = OptionalField.byKey(name);
            if (field != null && in.sends(field)) {
                sent.add(name);
            }
        }
        return sent;
    }

    private void learn(List<String> fields, String error) {
        String reason = FieldRefusal.reason(error);
        for (String key : fields) {
            OptionalField field = OptionalField.byKey(key);
            if (shape.drop(field, reason)) {
                warnings.accept("The server refused " + key + " (" + reason + "): benchy no longer sends it to"
                        + " this target; " + field.withoutIt());
            }
        }
    }
}

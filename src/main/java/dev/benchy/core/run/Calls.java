package dev.benchy.core.run;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waiting for the endpoint's futures on the runner's thread, with interruption turned into cancellation. */
final class Calls {

    private Calls() {
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BenchmarkFailure(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }
}

package dev.benchy.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The jar's entry point. The one-shot commands ({@code bench}, {@code simulate}, {@code check-config}) run in the
 * same application as the service, so before Quarkus starts they switch off what only the service needs: the HTTP
 * port, the banner, console logs on stdout, the scheduler. Their stdout then carries only their result.
 */
@QuarkusMain
public final class BenchyMain {

    private BenchyMain() {
    }

    public static void main(String... args) {
        CommandMode.of(args).applyTo(System.getProperties());
        Quarkus.run(BenchyApplication.class, args);
    }
}

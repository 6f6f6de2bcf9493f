package dev.benchy.cli;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs the command line: {@code serve} (the default), {@code bench}, {@code simulate}, {@code check-config}. */
public final class BenchyApplication implements QuarkusApplication {

    private final CommandLine.IFactory factory;

    @Inject
    public BenchyApplication(CommandLine.IFactory factory) {
        this.factory = factory;
    }

    @Override
    public int run(String... args) {
        return BenchyCommand.commandLine(factory).execute(args);
    }
}

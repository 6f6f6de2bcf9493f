package dev.benchy.cli;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** The top command: with no subcommand it runs the service. */
@Dependent
@Unremovable
@Command(name = "benchy",
        mixinStandardHelpOptions = true,
        versionProvider = BenchyVersion.class,
        description = {
                "Benchmarks OpenAI-compatible LLM endpoints the way llama-bench measures a model: prompt processing"
                        + " (pp) and token generation (tg) speed at several context depths, ttfr, est_ppt and"
                        + " e2e_ttft, alone and under concurrency.",
                "With no command it runs the service: scheduled benchmarks of the configured targets, Prometheus"
                        + " gauges at /q/metrics and reports at /api/reports."},
        subcommands = {ServeCommand.class, BenchCommand.class, SimulateCommand.class, CheckConfigCommand.class,
                CompareCommand.class, CommandLine.HelpCommand.class})
public final class BenchyCommand implements Callable<Integer> {

    private final ServeCommand serve;

    public BenchyCommand(ServeCommand serve) {
        this.serve = serve;
    }

    @Override
    public Integer call() {
        return serve.call();
    }

    /** The command line with benchy's error handling: one line naming the flag and the value, exit code 2. */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(BenchyCommand.class, factory);
        commandLine.setParameterExceptionHandler(BenchyCommand::badInput);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    static int badInput(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println((cmd.getParent() == null ? "benchy: " : "benchy " + cmd.getCommandName() + ": ") + e.getMessage());
        err.println("Try 'benchy " + (cmd.getParent() == null ? "" : cmd.getCommandName() + " ") + "--help'.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}

package dev.benchy.service.schedule;

import dev.benchy.core.plan.TestCase;
import dev.benchy.core.run.RunListener;

import java.util.function.Consumer;

/** Passes a run's lines on to the target's listener and tells which batch the run is at. */
final class StepTracking implements RunListener {

    private final RunListener next;
    private final Consumer<TargetState.Step> steps;

    StepTracking(RunListener next, Consumer<TargetState.Step> steps) {
        this.next = next;
        this.steps = steps;
    }

    @Override
    public void info(String line) {
        next.info(line);
    }

    @Override
    public void warning(String message) {
        next.warning(message);
    }

    @Override
    public void runStarting(TestCase testCase, int testIndex, int tests, int run, int runs, String phase) {
        steps.accept(new TargetState.Step(testIndex, tests, testCase.label(), run, runs, phase));
        next.runStarting(testCase, testIndex, tests, run, runs, phase);
    }

    @Override
    public void stepStarting(String step) {
        next.stepStarting(step);
    }

    @Override
    public void requestFinished() {
        next.requestFinished();
    }
}

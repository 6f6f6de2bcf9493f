package dev.benchy.service.schedule;

import dev.benchy.core.plan.TestCase;
import dev.benchy.core.run.RunListener;

import java.util.function.Consumer;

/** Tells which batch a run is at, besides passing everything on to the target's own listener. */
final class StepTracking {

    private StepTracking() {
    }

    /** {@code next}, told everything, after {@code steps} is told each batch that starts. */
    static RunListener of(RunListener next, Consumer<TargetState.Step> steps) {
        return RunListener.all(new RunListener() {
            @Override
            public void runStarting(TestCase testCase, int testIndex, int tests, int run, int runs, String phase) {
                steps.accept(new TargetState.Step(testIndex, tests, testCase.label(), run, runs, phase));
            }
        }, next);
    }
}

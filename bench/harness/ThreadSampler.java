package harness;

import java.util.ArrayList;
import java.util.List;

/** Samples the per-thread CPU of a process every 100 ms until stopped (or the process is gone). */
final class ThreadSampler extends Thread {

    private final long pid;
    private final List<ThreadSample> samples = new ArrayList<>();

    private ThreadSampler(long pid) {
        this.pid = pid;
        setDaemon(true);
    }

    static ThreadSampler start(long pid) {
        ThreadSampler sampler = new ThreadSampler(pid);
        sampler.start();
        return sampler;
    }

    @Override
    public void run() {
        while (!isInterrupted()) {
            ThreadSample sample = ThreadSample.take(pid);
            if (sample == null) {
                return;
            }
            synchronized (samples) {
                samples.add(sample);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling and returns the samples taken. */
    List<ThreadSample> finish() throws InterruptedException {
        interrupt();
        join();
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }
}

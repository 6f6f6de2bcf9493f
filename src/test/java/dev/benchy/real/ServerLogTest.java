package dev.benchy.real;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** llama-server's trace log, as build 80fb11a prints it, read into the figures of each task's {@code timings}. */
class ServerLogTest {

    private static final List<String> LOG = """
            0.49.378.293 I slot launch_slot_: id  3 | task 402 | processing task, is_child = 0
            0.49.378.309 I slot   operator(): id  3 | task 402 | new prompt, n_ctx_slot = 4096, n_keep = 0, task.n_tokens = 5
            0.49.378.330 W slot   operator(): id  3 | task 402 | need to evaluate at least 1 token for each active slot (n_past = 5, task.n_tokens() = 5)
            0.49.378.331 W slot   operator(): id  3 | task 402 | n_past was set to 4
            0.49.378.332 I slot   operator(): id  3 | task 402 | cached n_tokens = 4, memory_seq_rm [4, end)
            0.49.380.001 I slot launch_slot_: id  1 | task 403 | processing task, is_child = 0
            0.49.380.002 I slot   operator(): id  1 | task 403 | new prompt, n_ctx_slot = 4096, n_keep = 0, task.n_tokens = 596
            0.49.380.003 I slot   operator(): id  1 | task 403 | cached n_tokens = 0, memory_seq_rm [0, end)
            0.49.380.004 I slot   operator(): id  1 | task 403 | cached n_tokens = 512, memory_seq_rm [512, end)
            1.20.416.109 I slot print_timing: id  3 | task 402 | n_gen =    100, tg =   3.19 t/s, tg_3s =   3.22 t/s
            2.35.122.936 I slot print_timing: id  3 | task 402 | prompt eval time =      27.83 ms /     1 tokens (   27.83 ms per token,    35.94 tokens per second)
            2.35.122.967 I slot print_timing: id  3 | task 402 |        eval time =  105716.77 ms /   200 tokens (  531.24 ms per token,     1.88 tokens per second)
            2.35.122.968 I slot print_timing: id  3 | task 402 |       total time =  105744.60 ms /   201 tokens
            4.01.532.728 I slot print_timing: id  1 | task 403 | prompt eval time =    1104.81 ms /   596 tokens (    1.85 ms per token,   539.46 tokens per second)
            4.01.532.748 I slot print_timing: id  1 | task 403 |        eval time =    2717.39 ms /    64 tokens (   43.13 ms per token,    23.18 tokens per second)
            4.01.600.000 I slot launch_slot_: id  0 | task 404 | processing task, is_child = 0
            4.01.600.001 I slot   operator(): id  0 | task 404 | new prompt, n_ctx_slot = 4096, n_keep = 0, task.n_tokens = 7
            4.02.000.000 I srv  update_slots: all slots are idle
            """.lines().toList();

    @Test
    void eachFinishedTaskWithItsPromptCacheAndTimings() {
        ServerLog log = ServerLog.parse(LOG);

        assertEquals(List.of(
                new ServerLog.Task(402, 3, 5, 4, 1, 27.83, 35.94, 200, 105716.77, 1.88),
                new ServerLog.Task(403, 1, 596, 0, 596, 1104.81, 539.46, 64, 2717.39, 23.18)), log.tasks());
        assertEquals(403, log.lastTask());
    }

    @Test
    void tasksAfterAMarkThatMatch() {
        ServerLog log = ServerLog.parse(LOG);

        assertEquals(List.of(403), log.after(402, task -> true).stream().map(ServerLog.Task::id).toList());
        assertEquals(List.of(), log.after(-1, task -> task.predictedN() == 32));
        assertEquals(-1, ServerLog.parse(List.of()).lastTask());
    }
}

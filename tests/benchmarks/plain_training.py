"""The benchmarks' baseline: meta-iterations per second of a plain Trainer, one torch thread.

    python tests/benchmarks/plain_training.py TASK ALGORITHM SECONDS   # prints the rate

Imported by session_overhead.py (in its own process) and run as a script by
gui_responsiveness.py (a fresh interpreter: the GUI process must not import torch).
"""

from __future__ import annotations

import sys
import time

#: steps before the clock starts: the first Adam step and first allocations are slow
WARMUP_STEPS = 20


def plain_speed(config, seconds: float) -> float:
    import torch

    from maml_gui.core.training import Trainer

    torch.set_num_threads(1)
    trainer = Trainer(config)
    # headless training observes no step (the CLI's lean path, --quiet)
    for _ in range(WARMUP_STEPS):
        trainer.next_step(observe=False)
    start, n = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        trainer.next_step(observe=False)
        n += 1
    return n / (time.perf_counter() - start)


if __name__ == "__main__":
    from maml_gui.core.config import default_config

    task, algorithm, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    config = default_config(task, algorithm).replace(iterations=10**7)
    print(plain_speed(config, seconds))

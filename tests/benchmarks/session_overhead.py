"""What the training session costs on top of plain training, with no GUI and no second process.

    python tests/benchmarks/session_overhead.py [--seconds 6] [--task sinusoid]

Alternates, in this one process: a plain Trainer stepping (the baseline), then a
TrainingSession training the same config with the payload requests the app's five views make,
its events pickled as the training process's sender pickles them (and dropped). Prints the
meta-iterations per second of each and their ratio, and what the session spent its time on.
Not collected by pytest.
"""

from __future__ import annotations

import argparse
import pickle
import queue
import threading
import time
from collections import Counter

import torch
from plain_training import plain_speed

from maml_gui.core.config import default_config
from maml_gui.core.process.protocol import Command, Event
from maml_gui.core.process.session import TrainingSession
from maml_gui.core.records import PayloadRequest

#: what the app's views ask for on a network family (see each panel's requests())
NETWORK_REQUESTS = (
    PayloadRequest("plane_landscape", (("plane", "phi-thetas"), ("resolution", 61))),
    PayloadRequest("trajectory"),
    PayloadRequest("gap"),
    PayloadRequest("function_fit", (("task_index", 0),)),
    PayloadRequest("loss_history"),
)


def session_speed(config, seconds: float) -> tuple[float, Counter, Counter]:
    commands: queue.SimpleQueue = queue.SimpleQueue()
    counts: Counter = Counter()
    sizes: Counter = Counter()
    steps: list[tuple[float, int]] = []

    def emit(event: Event, value) -> None:
        data = pickle.dumps((event, value), pickle.HIGHEST_PROTOCOL)
        counts[event.value] += 1
        sizes[event.value] += len(data)
        if event is Event.SNAPSHOT:
            steps.append((time.perf_counter(), value.step))

    session = TrainingSession(config, commands, emit)
    thread = threading.Thread(target=session.run)
    thread.start()
    commands.put((Command.REQUESTS, None, NETWORK_REQUESTS))
    commands.put((Command.START, None, None))
    time.sleep(seconds + 2.0)  # a benchmark: it runs for a while, then is measured
    commands.put((Command.QUIT, None, None))
    thread.join()
    settled = [(t, s) for t, s in steps if t - steps[0][0] > 2.0]  # after the first payloads
    (t0, s0), (t1, s1) = settled[0], settled[-1]
    return (s1 - s0) / (t1 - t0), counts, sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--task", default="sinusoid")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(1)
    config = default_config(args.task, "maml").replace(iterations=10_000_000)
    plain, session = [], []
    for _ in range(args.rounds):
        plain.append(plain_speed(config, args.seconds))
        speed, counts, sizes = session_speed(config, args.seconds)
        session.append(speed)
    print(f"{args.task} MAML, {args.rounds} rounds of {args.seconds:g} s each, alternating")
    print(f"plain Trainer      {' / '.join(f'{v:.1f}' for v in plain)} it/s")
    print(f"TrainingSession    {' / '.join(f'{v:.1f}' for v in session)} it/s")
    print(f"session / plain    {sum(session) / sum(plain):.2f}")
    for event, n in counts.most_common():
        print(f"  {event:<14} {n:6d} events, {sizes[event] / max(n, 1) / 1e3:8.1f} kB each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

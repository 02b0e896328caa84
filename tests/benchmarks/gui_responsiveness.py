"""GUI responsiveness while the worker trains sinusoid MAML at full speed, all views visible.

    python tests/benchmarks/gui_responsiveness.py                      # short check
    python tests/benchmarks/gui_responsiveness.py --iterations 100000  # the full memory check

Prints, with the targets of issue 3:
- the longest stall of the GUI event loop (<= 50 ms) and its 99th percentile (<= 25 ms),
  measured as the lateness of a 5 ms QTimer;
- frames drawn per second (>= 20): redraw passes of the window's timer, and paints of the
  busiest view;
- training iterations/s in the app's training process relative to the headless Trainer run in
  this process before and after (>= 0.7);
- launch-to-first-frame (< 3 s): from the start of this script to the window's first paint;
- memory growth (RSS of the GUI process plus the training process) over the run (< 100 MB after
  100,000 iterations).
Not collected by pytest (no test_ prefix). Offscreen unless QT_QPA_PLATFORM is set.
"""

from __future__ import annotations

import time

LAUNCH = time.perf_counter()  # before the heavy imports: they are part of launching

import argparse  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Slot  # noqa: E402

TICK_MS = 5


def rss_mb(*pids: int | str) -> float:
    """Resident memory of the given processes together (this one by default)."""
    total = 0.0
    for pid in pids or ("self",):
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
    return total


class Probe(QObject):
    """Lives in the GUI thread: the 5 ms lateness timer, paint counts, the worker's progress."""

    def __init__(self) -> None:
        super().__init__()
        self.first_paint: float | None = None
        self.paints: dict[int, int] = {}
        self.ticks: list[float] = []
        self.step = 0
        self.marks: list[tuple[float, int]] = []
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.on_tick)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            if self.first_paint is None:
                self.first_paint = time.perf_counter()
            self.paints[id(watched)] = self.paints.get(id(watched), 0) + 1
        return False

    @Slot()
    def on_tick(self) -> None:
        self.ticks.append(time.perf_counter())

    @Slot(object)
    def on_snapshot(self, snapshot) -> None:
        self.step = snapshot.step
        self.marks.append((snapshot.wall_time, snapshot.step))


def headless_speed(config, seconds: float) -> float:
    import torch

    from maml_gui.core.training import Trainer

    torch.set_num_threads(1)
    trainer = Trainer(config)
    for _ in range(5):
        trainer.next_step()
    start, n = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        trainer.next_step()
        n += 1
    return n / (time.perf_counter() - start)


def wait_until(condition, timeout: float) -> None:
    """Run the real event loop (as app.exec would) until ``condition()`` or the timeout."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(lambda: (condition() or time.perf_counter() > deadline) and loop.quit())
    poll.start()
    if not condition():
        loop.exec()
    poll.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--task", default="sinusoid")
    parser.add_argument("--algorithm", default="maml")
    parser.add_argument("--headless-seconds", type=float, default=4.0)
    parser.add_argument(
        "--gui-share",
        type=float,
        default=None,
        help="override main_window.GUI_SHARE (frame pacing: GUI CPU share of wall time)",
    )
    args = parser.parse_args()

    # imported here, not at the top: the training process re-imports this script (spawn)
    from maml_gui.core.config import default_config
    from maml_gui.gui.app import create_app

    app = create_app(sys.argv[:1])
    probe = Probe()
    app.installEventFilter(probe)
    from maml_gui.gui import main_window
    from maml_gui.gui.main_window import MainWindow
    from maml_gui.gui.panels import all_panels

    if args.gui_share is not None:
        main_window.GUI_SHARE = args.gui_share

    warmup = 200
    config = default_config(args.task, args.algorithm).replace(iterations=args.iterations + warmup)
    window = MainWindow(config, panels=all_panels(), autostart=False)
    window.show()
    wait_until(lambda: probe.first_paint is not None and window.state == "ready", 30)
    first_frame = (probe.first_paint or float("nan")) - LAUNCH
    for dock in window.panel_docks:
        assert dock.isVisible(), dock.windowTitle()

    headless_before = headless_speed(config, args.headless_seconds)

    window.worker.snapshot_ready.connect(probe.on_snapshot)
    window.start_run()
    wait_until(lambda: probe.step >= warmup, 600)  # payloads and buffers settle
    pids = ("self", window.worker.pid)
    rss_start = rss_mb(*pids)
    probe.ticks.clear()
    probe.paints.clear()
    probe.marks.clear()
    frames_start = window.frames_drawn
    probe.timer.start()
    t_start = time.perf_counter()
    progress = QTimer()
    progress.setInterval(10_000)
    progress.timeout.connect(lambda: print(f"  step {probe.step:,}  rss {rss_mb(*pids):.0f} MB"))
    progress.start()
    wait_until(lambda: window.state == "finished", 1e6)
    progress.stop()
    elapsed = time.perf_counter() - t_start
    probe.timer.stop()
    frames = window.frames_drawn - frames_start
    rss_end = rss_mb(*pids)
    window.close()

    headless_after = headless_speed(config, args.headless_seconds)
    headless = (headless_before + headless_after) / 2

    intervals = np.diff(np.array(probe.ticks)) * 1000
    lateness = np.maximum(intervals - TICK_MS, 0)
    (t0, s0), (t1, s1) = probe.marks[0], probe.marks[-1]
    gui_speed = (s1 - s0) / (t1 - t0)
    busiest = max(probe.paints.values(), default=0)

    print(
        f"task {args.task}, algorithm {args.algorithm}, {args.iterations:,} iterations timed, "
        f"GUI_SHARE {main_window.GUI_SHARE}"
    )
    print(f"views: {', '.join(p.title for p in window.panels)}")
    print(f"launch to first frame      {first_frame:8.2f} s     (target < 3)")
    print(f"longest event-loop stall   {lateness.max():8.1f} ms    (target <= 50)")
    print(f"99th percentile lateness   {np.percentile(lateness, 99):8.1f} ms    (target <= 25)")
    worst = np.argsort(lateness)[::-1][:5]
    when = ", ".join(f"{lateness[i]:.0f} ms at {probe.ticks[i] - t_start:.0f} s" for i in worst)
    print(f"  the longest five: {when}")
    print(f"redraw passes per second   {frames / elapsed:8.1f}       (target >= 20)")
    print(f"paints/s of busiest widget {busiest / elapsed:8.1f}")
    print(
        f"training speed             {gui_speed:8.1f} it/s in the GUI, headless "
        f"{headless_before:.1f} before / {headless_after:.1f} after"
    )
    print(f"GUI / headless             {gui_speed / headless:8.2f}       (target >= 0.7)")
    growth = rss_end - rss_start
    print(f"memory growth (RSS)        {growth:8.1f} MB    ({rss_start:.0f} -> {rss_end:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

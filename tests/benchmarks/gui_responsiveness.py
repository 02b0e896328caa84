"""GUI responsiveness while the training process trains sinusoid MAML at full speed, all
views visible.

    python tests/benchmarks/gui_responsiveness.py                      # short check
    python tests/benchmarks/gui_responsiveness.py --iterations 100000  # the full memory check

Prints, with the targets of the issue:
- the longest stall of the GUI event loop (<= 50 ms) and its 99th percentile (<= 25 ms),
  measured as the lateness of a 5 ms QTimer;
- redraw passes per second of the view host's paced timer (>= 20), and paints of the
  busiest view;
- training iterations/s in the app's training process relative to a headless Trainer run in
  a separate process (so this GUI process never imports torch) before and after (>= 0.85);
- launch-to-first-frame: from the start of this script to the window's first paint;
- memory growth (RSS of the GUI process plus the training process) over the run (< 100 MB
  after 100,000 iterations);
- per view, while the real run trains: redraw() calls per second and their mean / max cost,
  paints per second of its plot widget and their mean / max cost (the time inside
  GraphicsView.paintEvent, i.e. pyqtgraph's prepareForPaint and Qt painting the scene), and the
  share of wall time the view took in all.
Not collected by pytest (no test_ prefix). Offscreen unless QT_QPA_PLATFORM is set.
"""

from __future__ import annotations

import time

LAUNCH = time.perf_counter()  # before the heavy imports: they are part of launching

import argparse  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Slot  # noqa: E402

TICK_MS = 5

#: the headless baseline: a plain Trainer in a fresh interpreter (the GUI process never
#: imports torch), one torch thread as the app's training process uses
PLAIN_TRAINING = str(Path(__file__).with_name("plain_training.py"))


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
    """Lives in the GUI thread: the 5 ms lateness timer, the first paint, the run's progress."""

    def __init__(self) -> None:
        super().__init__()
        self.first_paint: float | None = None
        self.ticks: list[float] = []
        self.step = 0
        self.marks: list[tuple[float, int]] = []
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.on_tick)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.first_paint is None:
            self.first_paint = time.perf_counter()
        return False

    @Slot()
    def on_tick(self) -> None:
        self.ticks.append(time.perf_counter())

    @Slot(object)
    def on_snapshot(self, snapshot) -> None:
        self.step = snapshot.step
        self.marks.append((snapshot.wall_time, snapshot.step))


class Costs:
    """Per-view timings: redraw() (wrapped on the instance, as the view host calls it) and
    paintEvent of each pyqtgraph widget (wrapped on the class, as Qt calls it). Also the spans
    of the GUI thread's main kinds of work (a view's redraw or paint, the host's whole redraw
    pass, the client's event collection, garbage collections), to say what a stall was."""

    def __init__(self) -> None:
        self.redraw: dict[int, list[float]] = defaultdict(list)
        self.paint: dict[int, list[float]] = defaultdict(list)
        self.spans: list[tuple[float, float, str]] = []
        self.names: dict[int, str] = {}
        self.recording = False
        self._gc_start = 0.0

    def clear(self) -> None:
        self.redraw.clear()
        self.paint.clear()
        self.spans.clear()

    def wrap_redraw(self, panel) -> None:
        inner, key = panel.redraw, id(panel)
        label = f"redraw {panel.title}"

        def redraw() -> None:
            start = time.perf_counter()
            try:
                inner()
            finally:
                if self.recording:
                    end = time.perf_counter()
                    self.redraw[key].append(end - start)
                    self.spans.append((start, end, label))

        panel.redraw = redraw

    def wrap_paint(self) -> None:
        import pyqtgraph as pg

        inner = pg.GraphicsView.paintEvent
        costs = self

        def paintEvent(view, event):
            start = time.perf_counter()
            try:
                return inner(view, event)
            finally:
                if costs.recording:
                    end = time.perf_counter()
                    costs.paint[id(view)].append(end - start)
                    label = f"paint {costs.names.get(id(view), type(view).__name__)}"
                    costs.spans.append((start, end, label))

        pg.GraphicsView.paintEvent = paintEvent

    def wrap_span(self, cls, method: str, label: str) -> None:
        """Time ``cls.method`` (before any instance connects it to a timer)."""
        inner, costs = getattr(cls, method), self

        def wrapper(obj, *args):
            start = time.perf_counter()
            try:
                return inner(obj, *args)
            finally:
                if costs.recording:
                    costs.spans.append((start, time.perf_counter(), label))

        setattr(cls, method, wrapper)

    def on_gc(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        elif self.recording:
            label = f"gc generation {info['generation']}"
            self.spans.append((self._gc_start, time.perf_counter(), label))

    def stall_report(self, ticks: list[float], lateness: np.ndarray, above_ms: float) -> None:
        """What the GUI thread did during the late ticks: per kind of work, the time that
        overlapped them (spans nest: a view's redraw lies inside the host's pass)."""
        late = [(ticks[i], ticks[i + 1]) for i in np.flatnonzero(lateness > above_ms)]
        print(f"stalls over {above_ms:g} ms: {len(late)}; the time in them went to")
        if not late:
            return
        spans = sorted(self.spans)
        starts = np.array([s for s, _, _ in spans])
        total: dict[str, float] = defaultdict(float)
        for a, b in late:
            for j in range(max(np.searchsorted(starts, a - 1.0), 0), len(spans)):
                s, e, label = spans[j]
                if s >= b:
                    break
                total[label] += max(0.0, min(e, b) - max(s, a))
        wall = sum(b - a for a, b in late)
        print(f"  {'(all of it)':34s} {1000 * wall:8.0f} ms")
        for label, t in sorted(total.items(), key=lambda kv: -kv[1])[:10]:
            print(f"  {label[:34]:34s} {1000 * t:8.0f} ms  {100 * t / wall:5.1f} %")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def headless_speed(task: str, algorithm: str, seconds: float) -> float:
    """Meta-iterations/s of a plain Trainer in its own process."""
    out = subprocess.run(
        [sys.executable, PLAIN_TRAINING, task, algorithm, str(seconds)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


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


def stats(values: list[float]) -> tuple[float, float]:
    return (1000 * float(np.mean(values)), 1000 * max(values)) if values else (0.0, 0.0)


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
        help="override view_host.GUI_SHARE (frame pacing: GUI CPU share of wall time)",
    )
    parser.add_argument(
        "--stall-ms", type=float, default=15.0, help="report what ticks later than this held"
    )
    args = parser.parse_args()

    # imported here, not at the top: the training process re-imports this script (spawn)
    from maml_gui.core.config import default_config
    from maml_gui.gui.app import create_app, freeze_gc

    app = create_app(sys.argv[:1])
    probe = Probe()
    app.installEventFilter(probe)
    costs = Costs()
    costs.wrap_paint()
    gc.callbacks.append(costs.on_gc)
    from maml_gui.gui import view_host
    from maml_gui.gui.training_client import TrainingClient

    costs.wrap_span(view_host.ViewHost, "redraw", "host redraw pass")
    costs.wrap_span(view_host.ViewHost, "on_snapshot", "views' on_snapshot")
    costs.wrap_span(view_host.ViewHost, "on_payload", "views' on_payload")
    costs.wrap_span(TrainingClient, "_collect", "client collects events")
    from maml_gui.gui.main_window import MainWindow
    from maml_gui.gui.panels import all_panels

    if args.gui_share is not None:
        view_host.GUI_SHARE = args.gui_share

    warmup = 200
    config = default_config(args.task, args.algorithm).replace(iterations=args.iterations + warmup)
    panels = all_panels()
    for panel in panels:
        costs.wrap_redraw(panel)
        costs.names[id(panel.export_target())] = panel.title
    window = MainWindow(config, panels=panels, autostart=False)
    window.show()
    wait_until(lambda: probe.first_paint is not None, 30)
    first_frame = (probe.first_paint or float("nan")) - LAUNCH
    app.removeEventFilter(probe)  # a Python filter on every event is not the app's
    freeze_gc()  # as run_app does after the first paint
    wait_until(lambda: window.controller.state == "ready", 60)
    for dock in window.views.docks:  # every view the family has (Panel.shown_for)
        assert dock.isVisible() or not dock.toggleViewAction().isEnabled(), dock.windowTitle()

    headless_before = headless_speed(args.task, args.algorithm, args.headless_seconds)

    window.client.snapshot_ready.connect(probe.on_snapshot)
    window.controller.start()
    wait_until(lambda: probe.step >= warmup, 600)  # payloads and buffers settle
    pids = ("self", window.client.pid)
    rss_start = rss_mb(*pids)
    gui_rss_start = rss_mb("self")
    probe.ticks.clear()
    probe.marks.clear()
    costs.clear()
    costs.recording = True
    frames_start = window.views.frames_drawn
    probe.timer.start()
    t_start = time.perf_counter()
    cpu_start = time.thread_time()
    process_cpu_start = time.process_time()
    child_cpu_start = cpu_seconds(window.client.pid)
    progress = QTimer()
    progress.setInterval(10_000)
    progress.timeout.connect(lambda: print(f"  step {probe.step:,}  rss {rss_mb(*pids):.0f} MB"))
    progress.start()
    wait_until(lambda: window.controller.state == "finished", 1e6)
    progress.stop()
    elapsed = time.perf_counter() - t_start
    gui_cpu = time.thread_time() - cpu_start
    process_cpu = time.process_time() - process_cpu_start
    child_cpu = cpu_seconds(window.client.pid) - child_cpu_start
    probe.timer.stop()
    costs.recording = False
    frames = window.views.frames_drawn - frames_start
    rss_end = rss_mb(*pids)
    gui_rss_end = rss_mb("self")
    torch_in_gui = "torch" in sys.modules
    window.close_without_asking()

    headless_after = headless_speed(args.task, args.algorithm, args.headless_seconds)
    headless = (headless_before + headless_after) / 2

    intervals = np.diff(np.array(probe.ticks)) * 1000
    lateness = np.maximum(intervals - TICK_MS, 0)
    (t0, s0), (t1, s1) = probe.marks[0], probe.marks[-1]
    gui_speed = (s1 - s0) / (t1 - t0)

    print(
        f"task {args.task}, algorithm {args.algorithm}, {args.iterations:,} iterations timed "
        f"in {elapsed:.1f} s, GUI_SHARE {view_host.GUI_SHARE}"
    )
    print(f"views: {', '.join(p.title for p in window.views.panels)}")
    print(f"launch to first frame      {first_frame:8.2f} s")
    print(f"longest event-loop stall   {lateness.max():8.1f} ms    (target <= 50)")
    print(f"99th percentile lateness   {np.percentile(lateness, 99):8.1f} ms    (target <= 25)")
    worst = np.argsort(lateness)[::-1][:5]
    when = ", ".join(f"{lateness[i]:.0f} ms at {probe.ticks[i] - t_start:.0f} s" for i in worst)
    print(f"  the longest five: {when}")
    print(f"redraw passes per second   {frames / elapsed:8.1f}       (target >= 20)")
    busiest = max((len(v) for v in costs.paint.values()), default=0)
    print(f"paints/s of busiest view   {busiest / elapsed:8.1f}")
    print(
        f"CPU, % of wall time        {100 * gui_cpu / elapsed:8.0f} GUI thread, "
        f"{100 * process_cpu / elapsed:.0f} GUI process, {100 * child_cpu / elapsed:.0f} "
        "training process"
    )
    print(
        f"training speed             {gui_speed:8.1f} it/s in the app, headless "
        f"{headless_before:.1f} before / {headless_after:.1f} after (own process)"
    )
    print(f"app / headless             {gui_speed / headless:8.2f}       (target >= 0.85)")
    growth = rss_end - rss_start
    print(f"memory growth (RSS)        {growth:8.1f} MB    ({rss_start:.0f} -> {rss_end:.0f} MB)")
    print(
        f"  of which the GUI process {gui_rss_end - gui_rss_start:8.1f} MB    "
        f"({gui_rss_start:.0f} -> {gui_rss_end:.0f} MB); torch imported in the GUI: "
        f"{torch_in_gui}"
    )
    print()
    print(
        f"{'view':28s} {'redraw/s':>8s} {'mean ms':>8s} {'max ms':>8s}"
        f" {'paint/s':>8s} {'mean ms':>8s} {'max ms':>8s} {'wall %':>7s} {'size':>9s}"
    )
    for panel in window.views.panels:
        redraws = costs.redraw.get(id(panel), [])
        paints = costs.paint.get(id(panel.export_target()), [])
        share = 100 * (sum(redraws) + sum(paints)) / elapsed
        (r_mean, r_max), (p_mean, p_max) = stats(redraws), stats(paints)
        print(
            f"{panel.title[:28]:28s} {len(redraws) / elapsed:8.1f} {r_mean:8.2f} {r_max:8.1f}"
            f" {len(paints) / elapsed:8.1f} {p_mean:8.2f} {p_max:8.1f} {share:7.1f}"
            f" {panel.width():>4d}x{panel.height():<4d}"
        )
    print()
    costs.stall_report(probe.ticks, lateness, args.stall_ms)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

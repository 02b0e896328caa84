"""What each view's redraw and paint cost, and which plot items the paint time goes to.

    python tests/benchmarks/view_costs.py                     # sinusoid MAML, 3,000 steps
    python tests/benchmarks/view_costs.py --task toy2d --steps 1000

Trains a Trainer in this process (a benchmark, not the app), computes every payload the views
ask for, then feeds each view the run's snapshots and payloads as the app would and times, per
frame: ``on_snapshot`` of a new snapshot, ``redraw()``, the scene's prepareForPaint (the view
host's ``_settle_ranges``), a synchronous repaint of the view's plot widget (Qt's own paint
path, as in the app) and the events the frame left behind (mostly a second paint that a
layout change asked for). The paint time is split by item class (the ``paint`` methods of
pyqtgraph's items, timed on their classes; the rest is Qt's own work around them).
A payload arrives every ``--payload-every`` frames. Figures are medians and maxima over the
frames of this run. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np


class ItemTimes:
    """Time spent in ``paint`` per item class while ``active``."""

    def __init__(self) -> None:
        self.times: dict[str, float] = defaultdict(float)
        self.counts: dict[str, int] = defaultdict(int)
        self.active = False
        self._depth = 0

    def wrap(self, classes) -> None:
        for cls in classes:
            if "paint" not in cls.__dict__:
                continue
            inner, name = cls.__dict__["paint"], cls.__name__

            def paint(item, *args, _inner=inner, _name=name, times=self):
                if not times.active:
                    return _inner(item, *args)
                start = time.perf_counter()
                try:
                    return _inner(item, *args)
                finally:
                    times.times[_name] += time.perf_counter() - start
                    times.counts[_name] += 1

            cls.paint = paint

    def clear(self) -> None:
        self.times.clear()
        self.counts.clear()


def pyqtgraph_item_classes():
    import pyqtgraph as pg

    seen, todo = set(), [pg.GraphicsObject, pg.GraphicsWidget]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        todo += cls.__subclasses__()
    return sorted(seen, key=lambda c: c.__name__)


def run_training(task: str, algorithm: str, steps: int, keep_every: int):
    import torch

    from maml_gui.core.config import default_config
    from maml_gui.core.payloads import run_info
    from maml_gui.core.training import Trainer

    torch.set_num_threads(1)
    trainer = Trainer(default_config(task, algorithm).replace(iterations=steps))
    snapshots = []
    for snapshot in trainer.steps():
        if snapshot.step % keep_every == 0 or snapshot.finished:
            snapshots.append(snapshot)
    return trainer, run_info(trainer), snapshots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--task", default="sinusoid")
    parser.add_argument("--algorithm", default="maml")
    parser.add_argument("--steps", type=int, default=3000, help="meta-iterations trained first")
    parser.add_argument("--frames", type=int, default=120, help="timed frames per view")
    parser.add_argument("--payload-every", type=int, default=30)
    parser.add_argument("--size", default="600x360", help="each view's size (as in the window)")
    parser.add_argument("--views", default="", help="comma-separated view keys (default all)")
    parser.add_argument("--profile", action="store_true", help="cProfile the timed frames")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    from maml_gui.gui.app import create_app

    app = create_app(sys.argv[:1])
    from maml_gui.core.payloads import compute_payload
    from maml_gui.gui.panels import all_panels
    from maml_gui.gui.view_host import _settle_ranges

    start = time.perf_counter()
    # history: what came before the timed frames; one snapshot per ~10 steps, as at ~30/s
    trainer, info, snapshots = run_training(args.task, args.algorithm, args.steps, 10)
    print(
        f"{args.task} {args.algorithm}: {args.steps:,} steps trained in "
        f"{time.perf_counter() - start:.1f} s"
    )
    items = ItemTimes()
    items.wrap(pyqtgraph_item_classes())
    panels = all_panels()
    if args.views:
        panels = [p for p in panels if p.key in args.views.split(",")]
    frames = args.frames
    history, timed = snapshots[:-frames], snapshots[-frames:]
    results = []
    for panel in panels:
        panel.resize(width, height)
        panel.show()
        panel.reset(info)
        requests = panel.requests()
        payloads = []
        for request in requests:
            t = time.perf_counter()
            payloads.append(compute_payload(trainer, request))
            cost = 1000 * (time.perf_counter() - t)
            print(f"  {panel.title}: {request.kind.value} {cost:.0f} ms")
        for snapshot in history:
            panel.on_snapshot(snapshot)
        for payload in payloads:
            panel.on_payload(payload)
        target = panel.export_target()
        for _ in range(5):  # contours traced, ranges settled, caches warm
            panel.redraw()
            _settle_ranges(panel)
            target.viewport().repaint()
            app.processEvents()
        times = defaultdict(list)
        items.clear()
        items.active = True
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        for i, snapshot in enumerate(timed):
            t0 = time.perf_counter()
            panel.on_snapshot(snapshot)
            if i % args.payload_every == args.payload_every - 1:
                for payload in payloads:
                    panel.on_payload(payload)
            t1 = time.perf_counter()
            panel.redraw()
            t2 = time.perf_counter()
            _settle_ranges(panel)
            t3 = time.perf_counter()
            target.viewport().repaint()
            t4 = time.perf_counter()
            app.processEvents()  # what the redraw posted (layout, deferred updates)
            t5 = time.perf_counter()
            for key, value in (
                ("data in", t1 - t0),
                ("redraw", t2 - t1),
                ("settle", t3 - t2),
                ("paint", t4 - t3),
                ("events", t5 - t4),
            ):
                times[key].append(1000 * value)
        items.active = False
        if args.profile:
            import pstats

            profiler.disable()
            print(f"--- {panel.title}")
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        per_item = sorted(items.times.items(), key=lambda kv: -kv[1])
        results.append((panel, times, per_item, dict(items.counts)))
        panel.hide()

    print()
    every = args.payload_every
    print(f"per frame, ms (median / max over {frames} frames; a payload every {every})")
    keys = ("data in", "redraw", "settle", "paint", "events")
    print(f"{'view':28s}" + "".join(f" {k:>13s}" for k in keys))
    for panel, times, _, _ in results:
        cells = "".join(f" {np.median(times[k]):6.2f}/{max(times[k]):6.1f}" for k in keys)
        print(f"{panel.title[:28]:28s}{cells}")
    print()
    print("paint time by item class, ms per frame (calls per frame)")
    for panel, _, per_item, counts in results:
        parts = ", ".join(
            f"{name} {1000 * t / frames:.2f} ({counts[name] / frames:.0f})"
            for name, t in per_item[:8]
        )
        print(f"{panel.title[:28]:28s} {parts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Drag-to-redraw latency while MAML trains at full speed, all views in the window: of the
function space's own task (sinusoid), or of the landscape's explore marker (toy2d).

    python tests/benchmarks/drag_latency.py [--drags 40] [--view function_space|explore]

Each drag presses on a support point (or the marker), moves it in five steps and releases it
somewhere new; the latency is from the release to the end of the drawing that shows the fits
(the arrows) for the point where it was released, computed by the training process. Prints
the median and the 95th percentile (target: under 100 ms), and how far training went
meanwhile. Not collected by pytest. Offscreen unless QT_QPA_PLATFORM is set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QEventLoop, QPointF, Qt, QTimer
from PySide6.QtTest import QTest


def run_until(condition, timeout: float) -> bool:
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    poll = QTimer()
    poll.timeout.connect(lambda: (condition() or time.monotonic() > deadline) and loop.quit())
    poll.start(1)
    loop.exec()
    poll.stop()
    return condition()


class Dragging:
    """A window training ``task`` at full speed with ``panel_type``'s view in front, and a
    clock on the end of ``drawing`` (a method of the view or of what it draws with)."""

    def __init__(self, task: str, panel_type, ready, drawing) -> None:
        from maml_gui.core.config import default_config
        from maml_gui.gui.app import create_app
        from maml_gui.gui.main_window import MainWindow

        self.app = create_app()
        config = default_config(task, "maml").replace(iterations=1_000_000)
        self.window = window = MainWindow(config, autostart=False)
        window.resize(1920, 1080)
        window.show()
        self.panel = panel = next(p for p in window.panels if isinstance(p, panel_type))
        window.views.docks[window.panels.index(panel)].raise_()
        run_until(lambda: window.state == "ready" and ready(panel), 60)
        window.controller.start()
        run_until(lambda: window.controller.last_step > 200, 60)
        self.drawn_at = 0.0
        owner, name = drawing(panel)
        original = getattr(owner, name)

        def timed() -> None:
            original()
            self.drawn_at = time.perf_counter()

        setattr(owner, name, timed)
        self.start_step = window.controller.last_step
        self.started = time.perf_counter()
        self.latencies: list[float] = []

    def pixel(self, x: float, y: float):
        vb = self.panel.figure.plot.vb
        return self.panel.view.mapFromScene(vb.mapViewToScene(QPointF(x, y)))

    def drag(self, start, end) -> float:
        """Press at ``start``, move in five steps, release at ``end``; the release's time."""
        viewport = self.panel.view.viewport()
        (x0, y0), (x1, y1) = start, end
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=self.pixel(x0, y0))
        for step in range(1, 6):
            f = step / 5
            QTest.mouseMove(viewport, self.pixel(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f))
            self.app.processEvents()
        released = time.perf_counter()
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=self.pixel(x1, y1))
        return released

    def wait(self, shown, released: float) -> None:
        """Until ``shown()`` and drawn after ``released``; then a lecturer's pause."""
        if not run_until(lambda: shown() and self.drawn_at > released, 5.0):
            print("a drag's answer did not arrive within 5 s")
            return
        self.latencies.append((self.drawn_at - released) * 1e3)
        run_until(lambda: False, 0.1)

    def report(self) -> None:
        elapsed = time.perf_counter() - self.started
        steps = self.window.controller.last_step - self.start_step
        self.window.close_without_asking()
        latencies = self.latencies
        if not latencies:
            print("no drag's answer arrived: nothing to report")
            return
        p95 = float(np.percentile(latencies, 95))
        print(
            f"{len(latencies)} drags while training ran at {steps / elapsed:.0f} it/s: release "
            f"to redraw median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms "
            f"(target < 100), max {max(latencies):.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drags", type=int, default=40)
    parser.add_argument("--view", choices=("function_space", "explore"), default="function_space")
    args = parser.parse_args()
    (explore_drags if args.view == "explore" else support_point_drags)(args.drags)


def support_point_drags(drags: int) -> None:
    """A support point of your own task, dragged while sinusoid MAML trains."""
    from maml_gui.gui.panels.function_space import FunctionSpacePanel

    bench = Dragging(
        "sinusoid", FunctionSpacePanel, lambda p: p.fit is not None, lambda p: (p, "redraw")
    )
    panel, rng = bench.panel, np.random.default_rng(0)
    for _ in range(drags):
        start = (float(panel.fit.support_x[0]), float(panel.fit.support_y[0]))
        (x_low, x_high), (y_low, y_high) = panel.figure.plot.vb.viewRange()
        x1 = float(rng.uniform(x_low + 0.1 * (x_high - x_low), x_high - 0.1 * (x_high - x_low)))
        y1 = float(rng.uniform(y_low + 0.1 * (y_high - y_low), y_high - 0.1 * (y_high - y_low)))
        released = bench.drag(start, (x1, y1))
        if panel.own_points is None:  # the press missed the point (the frame had moved)
            print("a press missed the support point; skipped")
            continue
        want = (round(panel.own_points[0][0], 4), round(panel.own_points[0][1], 4))

        def shown(want=want) -> bool:
            fit = panel.fit
            return (
                fit is not None
                and fit.own_task
                and abs(fit.support_x[0] - want[0]) < 1e-3
                and abs(fit.support_y[0] - want[1]) < 1e-3
                and not panel.dirty
            )

        bench.wait(shown, released)
    bench.report()


def explore_drags(drags: int) -> None:
    """The explore marker on toy2d's contours, dragged while toy2d MAML trains."""
    from maml_gui.gui.panels.landscape import LandscapePanel

    bench = Dragging(
        "toy2d",
        LandscapePanel,
        lambda p: p.painter.landscape is not None,
        lambda p: (p.explore, "draw"),
    )
    overlay, rng = bench.panel.explore, np.random.default_rng(0)
    overlay.set_on(True)
    run_until(lambda: overlay.result is not None, 10)
    for _ in range(drags):
        start = tuple(float(v) for v in overlay.phi)
        released = bench.drag(start, tuple(float(v) for v in rng.uniform(-2.5, 2.5, size=2)))
        want = np.round(overlay.phi, 5)

        def shown(want=want) -> bool:
            result = overlay.result
            return result is not None and np.allclose(result.phi, want, atol=1e-5)

        bench.wait(shown, released)
    bench.report()


if __name__ == "__main__":
    main()

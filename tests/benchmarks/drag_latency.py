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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drags", type=int, default=40)
    parser.add_argument("--view", choices=("function_space", "explore"), default="function_space")
    args = parser.parse_args()
    if args.view == "explore":
        explore_drags(args.drags)
        return

    from maml_gui.core.config import default_config
    from maml_gui.gui.app import create_app
    from maml_gui.gui.main_window import MainWindow
    from maml_gui.gui.panels.function_space import FunctionSpacePanel

    app = create_app()
    config = default_config("sinusoid", "maml").replace(iterations=1_000_000)
    window = MainWindow(config, autostart=False)
    window.resize(1920, 1080)
    window.show()
    panel = next(p for p in window.panels if isinstance(p, FunctionSpacePanel))
    window.views.docks[window.panels.index(panel)].raise_()
    run_until(lambda: window.state == "ready" and panel.fit is not None, 60)
    window.controller.start()
    run_until(lambda: window.controller.last_step > 200, 60)

    redraw_done = {"at": 0.0}
    original = panel.redraw

    def timed_redraw() -> None:
        original()
        redraw_done["at"] = time.perf_counter()

    panel.redraw = timed_redraw
    viewport = panel.view.viewport()
    vb = panel.figure.plot.vb

    def pixel(x: float, y: float):
        return panel.view.mapFromScene(vb.mapViewToScene(QPointF(x, y)))

    rng = np.random.default_rng(0)
    latencies, start_step = [], window.controller.last_step
    started = time.perf_counter()
    for _ in range(args.drags):
        x0, y0 = float(panel.fit.support_x[0]), float(panel.fit.support_y[0])
        (x_low, x_high), (y_low, y_high) = vb.viewRange()
        x1 = float(rng.uniform(x_low + 0.1 * (x_high - x_low), x_high - 0.1 * (x_high - x_low)))
        y1 = float(rng.uniform(y_low + 0.1 * (y_high - y_low), y_high - 0.1 * (y_high - y_low)))
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=pixel(x0, y0))
        for step in range(1, 6):
            f = step / 5
            QTest.mouseMove(viewport, pixel(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f))
            app.processEvents()
        released = time.perf_counter()
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=pixel(x1, y1))
        if panel.own_points is None:  # the press missed the point (the frame had moved)
            print("a press missed the support point; skipped")
            continue
        want = (round(panel.own_points[0][0], 4), round(panel.own_points[0][1], 4))

        def shown(want=want, released=released) -> bool:
            fit = panel.fit
            return (
                fit is not None
                and fit.own_task
                and abs(fit.support_x[0] - want[0]) < 1e-3
                and abs(fit.support_y[0] - want[1]) < 1e-3
                and redraw_done["at"] > released
                and not panel.dirty
            )

        if not run_until(shown, 5.0):
            print("a drag's fits did not arrive within 5 s")
            continue
        latencies.append((redraw_done["at"] - released) * 1e3)
        run_until(lambda: False, 0.1)  # a lecturer's pause between drags
    report(window, latencies, start_step, started)


def report(window, latencies: list[float], start_step: int, started: float) -> None:
    elapsed = time.perf_counter() - started
    steps = window.controller.last_step - start_step
    window.close_without_asking()
    if not latencies:
        print("no drag's answer arrived: nothing to report")
        return
    p95 = float(np.percentile(latencies, 95))
    print(
        f"{len(latencies)} drags while training ran at {steps / elapsed:.0f} it/s: release to "
        f"redraw median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms "
        f"(target < 100), max {max(latencies):.1f} ms"
    )


def explore_drags(drags: int) -> None:
    """The explore marker on toy2d's contours, dragged while toy2d MAML trains."""
    from maml_gui.core.config import default_config
    from maml_gui.gui.app import create_app
    from maml_gui.gui.main_window import MainWindow
    from maml_gui.gui.panels.landscape import LandscapePanel

    app = create_app()
    config = default_config("toy2d", "maml").replace(iterations=1_000_000)
    window = MainWindow(config, autostart=False)
    window.resize(1920, 1080)
    window.show()
    panel = next(p for p in window.panels if isinstance(p, LandscapePanel))
    overlay = panel.explore
    run_until(lambda: window.state == "ready" and panel.painter.landscape is not None, 60)
    window.controller.start()
    run_until(lambda: window.controller.last_step > 200, 60)
    overlay.set_on(True)
    run_until(lambda: overlay.result is not None, 10)

    drawn = {"at": 0.0}
    original = overlay.draw

    def timed_draw() -> None:
        original()
        drawn["at"] = time.perf_counter()

    overlay.draw = timed_draw
    viewport = panel.view.viewport()
    vb = panel.figure.plot.vb

    def pixel(x: float, y: float):
        return panel.view.mapFromScene(vb.mapViewToScene(QPointF(x, y)))

    rng = np.random.default_rng(0)
    latencies, start_step = [], window.controller.last_step
    started = time.perf_counter()
    for _ in range(drags):
        x0, y0 = (float(v) for v in overlay.phi)
        x1, y1 = (float(v) for v in rng.uniform(-2.5, 2.5, size=2))
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=pixel(x0, y0))
        for step in range(1, 6):
            f = step / 5
            QTest.mouseMove(viewport, pixel(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f))
            app.processEvents()
        released = time.perf_counter()
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=pixel(x1, y1))
        want = np.round(overlay.phi, 5)

        def shown(want=want, released=released) -> bool:
            result = overlay.result
            return (
                result is not None
                and np.allclose(result.phi, want, atol=1e-5)
                and drawn["at"] > released
            )

        if not run_until(shown, 5.0):
            print("a drag's arrows did not arrive within 5 s")
            continue
        latencies.append((drawn["at"] - released) * 1e3)
        run_until(lambda: False, 0.1)  # a lecturer's pause between drags
    report(window, latencies, start_step, started)


if __name__ == "__main__":
    main()

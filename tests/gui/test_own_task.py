"""Your own task in the function-space view: clicks, drags and right clicks at plot
coordinates give the fits the engine computes for those points; Clear goes back."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from maml_gui.core.config import default_config
from maml_gui.core.function_space import function_fit
from maml_gui.core.tasks import sinusoid
from maml_gui.core.training import Trainer
from maml_gui.gui.panels import function_space
from maml_gui.gui.panels.function_space import FunctionSpacePanel

CONFIG = default_config("sinusoid", "maml").replace(meta_batch_size=4, eval_tasks=20)


def test_the_views_ranges_are_the_familys():
    assert function_space.X_RANGE == sinusoid.X_RANGE
    assert function_space.AMPLITUDE_RANGE == sinusoid.AMPLITUDE_RANGE
    assert pytest.approx(sinusoid.PHASE_RANGE) == function_space.PHASE_RANGE


@pytest.fixture
def view(make_window, qtbot):
    panel = FunctionSpacePanel()
    window = make_window(CONFIG, panels=[panel])
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: panel.fit is not None, timeout=10_000)
    panel.redraw()
    return panel


def _at(panel, x, y) -> QPoint:
    """The viewport pixel of data point (x, y)."""
    scene = panel.figure.plot.vb.mapViewToScene(QPointF(x, y))
    return panel.view.mapFromScene(scene)


def _wait_for(qtbot, panel, predicate):
    qtbot.waitUntil(lambda: panel.fit is not None and predicate(panel.fit), timeout=10_000)
    panel.redraw()
    return panel.fit


def _expected(fit):
    trainer = Trainer(CONFIG)  # the window's run, untrained: the same phi
    points = tuple(zip(fit.support_x.tolist(), fit.support_y.tolist(), strict=True))
    return function_fit(
        trainer, fit.task_index, fit.steps, support=points, truth=(fit.amplitude, fit.phase)
    )


def test_a_click_adds_a_point_and_the_fits_are_the_engines(view, qtbot):
    held_out = view.fit
    k = len(held_out.support_x)
    QTest.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=_at(view, 1.5, 2.0))
    fit = _wait_for(qtbot, view, lambda f: f.own_task and len(f.support_x) == k + 1)
    # the held-out task's points and curve became the user's, plus the click
    np.testing.assert_allclose(fit.support_x[:k], held_out.support_x, atol=1e-4)
    assert abs(fit.support_x[-1] - 1.5) < 0.1 and abs(fit.support_y[-1] - 2.0) < 0.1
    assert (fit.amplitude, fit.phase) == pytest.approx(
        (held_out.amplitude, held_out.phase), abs=1e-4
    )
    expected = _expected(fit)
    np.testing.assert_allclose(fit.main, expected.main, atol=1e-5)
    np.testing.assert_allclose(fit.twin, expected.twin, atol=1e-5)
    assert view.figure.title.startswith("Your task")


def test_a_drag_moves_a_point_and_a_right_click_removes_it(view, qtbot):
    first = (float(view.fit.support_x[0]), float(view.fit.support_y[0]))
    (_, _), (_, top) = view.figure.plot.vb.viewRange()
    target = (first[0] + 1.0, 0.8 * top)
    viewport = view.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=_at(view, *first))
    for step in range(1, 6):  # each move asks for fits, at most every DRAG_ASK_MS
        x = first[0] + (target[0] - first[0]) * step / 5
        y = first[1] + (target[1] - first[1]) * step / 5
        QTest.mouseMove(viewport, _at(view, x, y))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_at(view, *target))
    fit = _wait_for(qtbot, view, lambda f: f.own_task and abs(f.support_y[0] - target[1]) < 0.1)
    assert abs(fit.support_x[0] - target[0]) < 0.1
    np.testing.assert_allclose(fit.main, _expected(fit).main, atol=1e-5)
    # dragged past the plot's top, a point stays at its edge
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=_at(view, *target))
    QTest.mouseMove(viewport, _at(view, target[0], 3 * top))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_at(view, target[0], 3 * top))
    fit = _wait_for(qtbot, view, lambda f: abs(f.support_y[0] - top) < 0.05 * top)
    count = len(fit.support_x)
    QTest.mouseClick(
        viewport, Qt.MouseButton.RightButton, pos=_at(view, fit.support_x[0], fit.support_y[0])
    )
    fit = _wait_for(qtbot, view, lambda f: len(f.support_x) == count - 1)
    np.testing.assert_allclose(fit.main, _expected(fit).main, atol=1e-5)


def test_random_points_lie_on_the_chosen_curve_and_clear_goes_back(view, qtbot):
    held_out_index = view.fit.task_index
    view.amplitude_slider.setValue(100)  # A = 5
    view.phase_slider.setValue(0)  # p = 0
    view.random_action.trigger()
    fit = _wait_for(qtbot, view, lambda f: f.own_task and f.amplitude == pytest.approx(5.0))
    assert len(fit.support_x) == CONFIG.k_shot
    np.testing.assert_allclose(fit.support_y, 5.0 * np.sin(fit.support_x), atol=1e-3)
    view.k_box.setValue(20)
    fit = _wait_for(qtbot, view, lambda f: f.steps == (0, 1, 20))
    np.testing.assert_allclose(fit.main, _expected(fit).main, atol=1e-5)
    view.clear_action.trigger()
    fit = _wait_for(qtbot, view, lambda f: not f.own_task)
    assert fit.task_index == held_out_index and view.own_points is None


def test_an_animation_of_the_view_draws_your_own_task(view, qtbot):
    """An animation draws on an off-screen twin of the view: it gets the user's points and
    curve, so it takes the frames computed for them."""
    from maml_gui.gui.export.animation_job import copy_controls

    view.random_action.trigger()
    fit = _wait_for(qtbot, view, lambda f: f.own_task)
    twin = FunctionSpacePanel()
    qtbot.addWidget(twin)
    twin.reset(view.info)
    copy_controls(view, twin)
    assert twin.own_points == view.own_points and twin.own_truth == view.own_truth
    assert twin.requests() == view.requests()
    twin.on_payload(fit)
    assert twin.fit is fit


def test_a_task_takes_at_most_the_engines_points(view, qtbot):
    from maml_gui.core.function_space import MAX_SUPPORT_POINTS

    assert function_space.MAX_POINTS == MAX_SUPPORT_POINTS
    view.start_own_task()
    while len(view.own_points) < function_space.MAX_POINTS:
        view.own_points.append([0.0, 0.0])
    assert view.add_point(1.0, 1.0) is None
    assert len(view.own_points) == function_space.MAX_POINTS
    assert str(function_space.MAX_POINTS) in view.view.toolTip()

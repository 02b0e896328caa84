"""The landscape's explore marker: drags and keys at plot coordinates give the arrows the
engine computes for that point, drawn as -g on one scale; the toggles, m and lambda reach the
training process; the CSV holds the numbers."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from maml_gui.core import explore as engine
from maml_gui.core.config import default_config
from maml_gui.core.explore import meta_gradients
from maml_gui.core.training import Trainer
from maml_gui.gui.panels.landscape import LandscapePanel, explore
from maml_gui.gui.panels.landscape.explore import ARROWS

KEYS = [key for key, _name, _style in ARROWS]


def test_the_lambda_range_is_the_engines():
    assert explore.LAMBDA_RANGE == engine.LAMBDA_RANGE


def _open(make_window, qtbot, task: str) -> LandscapePanel:
    panel = LandscapePanel()
    window = make_window(default_config(task, "maml"), panels=[panel])
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: panel.painter.landscape is not None, timeout=10_000)
    panel.redraw()
    return panel


@pytest.fixture
def toy2d(make_window, qtbot):
    return _open(make_window, qtbot, "toy2d")


@pytest.fixture
def toy1d(make_window, qtbot):
    return _open(make_window, qtbot, "toy1d")


def _at(panel, x, y) -> QPoint:
    scene = panel.figure.plot.vb.mapViewToScene(QPointF(x, y))
    return panel.view.mapFromScene(scene)


def _answer(qtbot, panel, predicate):
    overlay = panel.explore
    qtbot.waitUntil(
        lambda: overlay.result is not None and predicate(overlay.result), timeout=10_000
    )
    return overlay.result


def _expected(panel, result):
    """The engine's numbers for the same point, computed here from the same family."""
    family = Trainer(default_config(panel.info.config.task, "maml")).family
    return meta_gradients(
        family, result.phi, panel.info.config.inner_lr, result.inner_steps, result.lam
    )


def _drawn_arrow(panel, key):
    arrows = panel.explore.arrows[key]
    return arrows.starts[0], arrows.ends[0]


def test_a_drag_on_the_contours_gives_the_engines_arrows(toy2d, qtbot):
    panel, overlay = toy2d, toy2d.explore
    overlay.set_on(True)
    assert overlay.button.isChecked()
    first = _answer(qtbot, panel, lambda r: True)
    start = overlay.phi.copy()
    target = np.array([0.6, -0.8])
    viewport = panel.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=_at(panel, *start))
    for step in range(1, 6):
        QTest.mouseMove(viewport, _at(panel, *(start + (target - start) * step / 5)))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_at(panel, *target))
    result = _answer(qtbot, panel, lambda r: np.allclose(r.phi, target, atol=0.05))
    assert result is not first
    expected = _expected(panel, result)
    for key in KEYS:
        np.testing.assert_allclose(result.gradient(key), expected.gradient(key), rtol=1e-9)
    np.testing.assert_allclose(result.thetas, expected.thetas, rtol=1e-9)
    # drawn: the marker at the point, theta_n at theirs, each arrow along -g from phi, the
    # longest a quarter of the view's shorter side
    x, y = overlay.marker.getData()
    np.testing.assert_allclose([x[0], y[0]], overlay.phi)
    np.testing.assert_allclose(np.column_stack(overlay.thetas.getData()), result.thetas)
    (x_low, x_high), (y_low, y_high) = panel.figure.plot.vb.viewRange()
    lengths = []
    for key in KEYS:
        begin, end = _drawn_arrow(panel, key)
        np.testing.assert_allclose(begin, result.phi)
        g = result.gradient(key)
        arrow = end - begin
        assert np.dot(arrow, -g) == pytest.approx(np.linalg.norm(arrow) * np.linalg.norm(g))
        lengths.append(np.linalg.norm(arrow))
    shorter = min(x_high - x_low, y_high - y_low)
    assert max(lengths) == pytest.approx(explore.ARROW_SHARE * shorter, rel=1e-6)
    text = overlay.readout.full_text
    assert f"angle MAML–FOMAML {result.angle_maml_fomaml:.1f}°" in text
    assert f"MAML objective {result.objective:.4g}" in text
    assert f"FOMAML {np.linalg.norm(result.fomaml):.3g}" in text


def test_on_the_curves_the_marker_rides_the_objective_and_keys_move_it(toy1d, qtbot):
    panel, overlay = toy1d, toy1d.explore
    overlay.set_on(True)
    _answer(qtbot, panel, lambda r: True)
    start = float(overlay.phi[0])
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    (x_low, x_high), _ = panel.figure.plot.vb.viewRange()
    moved = start + 5 * explore.NUDGE_SHARE * (x_high - x_low)
    assert overlay.phi[0] == pytest.approx(moved)
    result = _answer(qtbot, panel, lambda r: abs(r.phi[0] - moved) < 1e-4)
    expected = _expected(panel, result)
    np.testing.assert_allclose(result.maml, expected.maml, rtol=1e-9)
    x, y = overlay.marker.getData()
    assert (x[0], y[0]) == pytest.approx((moved, result.objective))
    # 1-D arrows run level, one beside another in the view, along -g
    heights = []
    for key in KEYS:
        begin, end = _drawn_arrow(panel, key)
        assert begin[1] == end[1]
        heights.append(begin[1])
        g = float(result.gradient(key)[0])
        if np.isfinite(g) and g != 0:
            assert np.sign(end[0] - begin[0]) == -np.sign(g)
    steps = np.diff([y[0], *heights])
    assert len(set(np.sign(steps))) == 1 and np.allclose(steps, steps[0])
    _, (y_low, y_high) = panel.figure.plot.vb.viewRange()
    assert all(y_low < h < y_high for h in heights)
    # up and down do nothing to a 1-D phi
    QTest.keyClick(panel.view, Qt.Key.Key_Up)
    assert overlay.phi[0] == pytest.approx(moved)


def test_m_lambda_and_the_toggles_reach_the_picture(toy2d, qtbot):
    panel, overlay = toy2d, toy2d.explore
    overlay.set_on(True)
    _answer(qtbot, panel, lambda r: True)
    painter = panel.painter
    painter.m_slider.setValue(7)  # the slider and the box are one setting
    assert painter.m_box.value() == 7
    result = _answer(qtbot, panel, lambda r: r.inner_steps == 7)
    assert result.paths.shape[1] == 8
    np.testing.assert_allclose(result.maml, _expected(panel, result).maml, rtol=1e-9)
    overlay.lambda_box.setValue(5.0)
    result = _answer(qtbot, panel, lambda r: r.lam == 5.0)
    np.testing.assert_allclose(result.imaml, _expected(panel, result).imaml, rtol=1e-9)
    # the objective on the contours is the same m
    assert panel.painter.maml_index() == 7
    names = panel.figure.legend_names()
    assert any("FOMAML" in name for name in names)
    overlay.arrow_actions["fomaml"].setChecked(False)
    assert not overlay.arrows["fomaml"].lines.isVisible()
    arrows = " ".join(n for n in panel.figure.legend_names() if n.startswith("−g "))
    assert "FOMAML" not in arrows and "Reptile" in arrows and "iMAML" in arrows
    sizes = overlay.readout.full_text.split("|g|: ")[1].split(" · ")[0]
    assert sizes.startswith("MAML ") and "FOMAML" not in sizes and "iMAML" in sizes
    overlay.set_on(False)
    assert not overlay.marker.isVisible() and not overlay.readout.isVisible()
    assert panel.requests() and all(r.kind != "meta_gradients" for r in panel.requests())


def test_the_csv_holds_the_arrows(toy2d, qtbot):
    panel, overlay = toy2d, toy2d.explore
    overlay.set_on(True)
    result = _answer(qtbot, panel, lambda r: True)
    columns = {c.header: c.values for c in panel.curve_table()}
    assert columns["MAML meta-gradient [w1]"][0] == result.maml[0]
    assert columns["iMAML meta-gradient [w2]"][0] == result.imaml[1]
    assert columns["angle MAML-FOMAML [deg]"][0] == pytest.approx(result.angle_maml_fomaml)
    np.testing.assert_array_equal(columns["theta_n after m steps [w2]"], result.thetas[:, 1])
    assert "parameter w1" in columns  # the landscape's own columns follow


def test_the_marker_is_only_for_the_toys(make_window, qtbot):
    panel = LandscapePanel()
    make_window(default_config("sinusoid", "maml"), panels=[panel])
    assert not panel.explore.control.isVisibleTo(panel)
    panel.explore.set_on(True)
    assert panel.explore.requests() == []

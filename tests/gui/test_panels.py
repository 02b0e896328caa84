"""The five views, fed real snapshots and payloads from short runs: the drawn data must be the
payload's data, the markers must sit at phi, and the CSV columns must equal what is drawn."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pyqtgraph as pg
import pytest

from maml_gui.core.config import default_config
from maml_gui.core.function_space import function_fit
from maml_gui.core.landscape import toy_landscape
from maml_gui.core.payloads import run_info
from maml_gui.core.training import Trainer, network_landscape
from maml_gui.core.trajectory import loss_history, trajectory
from maml_gui.gui import theme
from maml_gui.gui.panels import all_panels
from maml_gui.gui.panels.base import Panel
from maml_gui.gui.panels.feature_reuse import FeatureReusePanel
from maml_gui.gui.panels.function_space import FunctionSpacePanel
from maml_gui.gui.panels.gap import GapPanel
from maml_gui.gui.panels.landscape import LandscapePanel
from maml_gui.gui.panels.landscape.contours import ContoursPainter
from maml_gui.gui.panels.landscape.curves import CurvesPainter
from maml_gui.gui.panels.landscape.planes import PlanesPainter
from maml_gui.gui.panels.metrics import MetricsPanel, ema
from maml_gui.gui.panels.one_shot import OneShotPanel
from maml_gui.gui.panels.quiz import QuizPanel
from maml_gui.gui.panels.task_view import TaskViewPanel
from maml_gui.gui.panels.trajectory import TrajectoryPanel


def _run(task: str, iterations: int, **changes):
    config = default_config(task).replace(iterations=iterations, **changes)
    trainer = Trainer(config)
    snaps, gaps = [], []
    for snap in trainer.steps():
        snaps.append(snap)
        if snap.step in (iterations // 2, iterations):
            gaps.append(trainer.evaluate())
    info = run_info(trainer)
    return {"trainer": trainer, "config": config, "info": info, "snaps": snaps, "gaps": gaps}


@pytest.fixture(scope="module")
def toy1d():
    run = _run("toy1d", 20)
    run["landscape"] = toy_landscape(run["trainer"].family, run["config"].inner_lr, m_max=5)
    return run


@pytest.fixture(scope="module")
def toy2d():
    run = _run("toy2d", 20)
    run["landscape"] = toy_landscape(run["trainer"].family, 0.3, m_max=5, resolution=41)
    return run


@pytest.fixture(scope="module")
def sinusoid():
    run = _run("sinusoid", 4, eval_tasks=10, meta_batch_size=5)
    trainer = run["trainer"]
    run["plane"] = network_landscape(trainer, "phi-thetas", 15)
    run["fit"] = function_fit(trainer)
    run["trajectory"] = trajectory(trainer)
    return run


def _feed(panel: Panel, run, payloads=()) -> Panel:
    panel.reset(run["info"])
    for snap in run["snaps"]:
        panel.on_snapshot(snap)
    for payload in [*run["gaps"], *payloads]:
        panel.on_payload(payload)
    panel.redraw()
    return panel


def _data(item) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(item.xData, dtype=float), np.asarray(item.yData, dtype=float)


def _legend(figure) -> list[str]:
    return figure.legend_names()


def test_all_panels_are_new_instances_in_order(qtbot):
    first, second = all_panels(), all_panels()
    for panel in first + second:
        qtbot.addWidget(panel)
    kinds = [type(p) for p in first]
    assert kinds == [
        LandscapePanel,
        TrajectoryPanel,
        GapPanel,
        FunctionSpacePanel,
        TaskViewPanel,
        MetricsPanel,
        FeatureReusePanel,
        QuizPanel,
        OneShotPanel,
    ]
    assert all(a is not b for a, b in zip(first, second, strict=True))
    for panel in first:
        assert panel.title and len(panel.help_text) > 100
        assert isinstance(panel.export_target(), pg.GraphicsView)


def test_toy1d_landscape_draws_the_payload_and_phi_on_it(qtbot, toy1d):
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    land = toy1d["landscape"]
    _feed(panel, toy1d, [land])
    curves = panel.painter
    assert isinstance(curves, CurvesPainter)
    last = toy1d["snaps"][-1]
    for i, losses in enumerate(land.task_losses):
        np.testing.assert_array_equal(_data(curves.task_curves[i])[1], losses)
    np.testing.assert_array_equal(_data(curves.pre_curve)[1], land.pretraining)
    np.testing.assert_array_equal(_data(curves.maml_curve)[1], land.maml[1])
    assert _data(panel.phis[0])[0][0] == last.main.phi[0]
    assert _data(panel.phis[1])[0][0] == last.twin.phi[0]
    np.testing.assert_allclose(_data(panel.thetas[0])[0], last.main.thetas[:, 0])
    names = _legend(panel.figure)
    assert "pretraining objective" in names and "MAML objective, m = 1" in names
    assert any("MAML" in n and "φ" in n for n in names)
    assert panel.requests()[0].kind == "toy_landscape"
    assert panel.requests()[0].param("m_max") == 20  # the m slider's range, 0..20

    curves.m_box.setValue(3)  # a new m needs no new payload: m_max covers it
    panel.redraw()
    np.testing.assert_array_equal(_data(curves.maml_curve)[1], land.maml[3])
    assert "MAML objective, m = 3" in _legend(panel.figure)
    table = {c.header: c.values for c in panel.curve_table()}
    np.testing.assert_array_equal(table["parameter w"], land.axes[0])
    np.testing.assert_array_equal(table["MAML objective m=3 [query loss]"], land.maml[3])


def test_toy2d_landscape_contours_the_chosen_surface(qtbot, toy2d):
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    land = toy2d["landscape"]
    _feed(panel, toy2d, [land])
    np.testing.assert_array_equal(panel.contours.image.image, land.maml[1])
    assert isinstance(panel.painter, ContoursPainter)
    panel.painter.surface_box.setCurrentIndex(3)  # task 2
    panel.redraw()
    np.testing.assert_array_equal(panel.contours.image.image, land.task_losses[1])
    last = toy2d["snaps"][-1]
    x, y = _data(panel.phis[0])
    assert (x[0], y[0]) == tuple(last.main.phi)
    np.testing.assert_array_equal(panel.arrows[1].ends, last.twin.thetas)
    np.testing.assert_array_equal(panel.arrows[1].starts[0], last.twin.phi)


def test_sinusoid_landscape_plane_and_requests(qtbot, sinusoid):
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    plane = sinusoid["plane"]
    _feed(panel, sinusoid, [plane])
    request = panel.requests()[0]
    assert request.kind == "plane_landscape" and request.param("plane") == "phi-thetas"
    np.testing.assert_allclose(panel.contours.image.image, np.log10(plane.plain[0]))
    x, y = _data(panel.phis[0])
    np.testing.assert_allclose([x[0], y[0]], plane.markers["phi"])
    planes = panel.painter
    assert isinstance(planes, PlanesPainter)
    planes.when_box.setCurrentIndex(1)
    planes.pair_box.setCurrentIndex(2)
    panel.redraw()
    expected = np.log10(plane.adapted[:2].mean(axis=0))
    np.testing.assert_allclose(panel.contours.image.image, expected)
    with qtbot.waitSignal(panel.requests_changed, timeout=1000):
        planes.plane_box.setCurrentIndex(1)
    assert panel.requests()[0].param("plane") == "pca"
    panel.on_payload(plane)  # a late answer for the old plane is not drawn on the new one
    assert planes.landscape is None


def test_trajectory_follows_phi_from_snapshots_and_payloads(qtbot, toy1d, toy2d, sinusoid):
    panel = TrajectoryPanel()
    qtbot.addWidget(panel)
    _feed(panel, toy1d)
    steps = [s.step for s in toy1d["snaps"]]
    x, y = _data(panel.paths[0])
    np.testing.assert_array_equal(x, steps)
    np.testing.assert_array_equal(y, [s.main.phi[0] for s in toy1d["snaps"]])
    assert "optimum of task 1" in _legend(panel.figure)
    # the legend is true to what is drawn: every item it names is shown (a hidden one's
    # sample is pyqtgraph's "invisible" eye)
    assert all(sample.item.isVisible() for sample, _ in panel.figure.legend.items)

    _feed(panel, toy2d, [trajectory(toy2d["trainer"])])
    assert all(sample.item.isVisible() for sample, _ in panel.figure.legend.items)
    path = toy2d["trainer"].twin_path.rows
    np.testing.assert_array_equal(np.column_stack(_data(panel.paths[1])), path)
    np.testing.assert_array_equal(_data(panel.phis[1])[0], [path[-1, 0]])
    table = {c.header: c.values for c in panel.curve_table()}
    np.testing.assert_array_equal(table["phi (Pretraining) [parameter w2]"], path[:, 1])

    traj = sinusoid["trajectory"]
    _feed(panel, sinusoid, [traj])
    np.testing.assert_array_equal(np.column_stack(_data(panel.paths[0])), traj.main)
    assert f"{traj.explained[0]:.0%}" in panel.figure.x_label
    np.testing.assert_array_equal(panel.arrows[0].ends, traj.main_thetas)

    # between two PCA refreshes, each snapshot extends the path in the last projection
    trainer = sinusoid["trainer"]
    later = replace(trainer.current_snapshot(), step=trainer.step + 1)
    panel.on_snapshot(later)
    panel.redraw()
    path = np.column_stack(_data(panel.paths[0]))
    np.testing.assert_array_equal(path[:-1], traj.main)
    centred = later.main.phi - traj.centre
    np.testing.assert_allclose(path[-1], centred @ traj.basis, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(panel.arrows[1].ends, traj.project(later.twin.thetas), atol=1e-9)
    assert len(panel.arrows[1].ends) == len(later.twin.thetas)
    # a large net's snapshot carries no theta_n: the arrows keep the last projection's
    kept = panel.arrows[0].ends.copy()
    no_thetas = replace(later.main, thetas=np.zeros((0, later.main.phi.size)))
    panel.on_snapshot(replace(later, step=later.step + 1, main=no_thetas, twin=no_thetas))
    panel.redraw()
    np.testing.assert_array_equal(panel.arrows[0].ends, kept)
    assert len(_data(panel.paths[0])[0]) == len(path) + 1  # phi still extends the path


def test_gap_curves_bands_and_history(qtbot, sinusoid):
    panel = GapPanel()
    qtbot.addWidget(panel)
    _feed(panel, sinusoid)
    first, last = sinusoid["gaps"]
    np.testing.assert_array_equal(_data(panel.means[0])[1], last.algorithm.mean)
    np.testing.assert_array_equal(_data(panel.means[1])[1], last.pretraining.mean)
    low = panel.bounds[1][0].getData()[1]
    np.testing.assert_allclose(low, last.pretraining.mean - last.pretraining.ci95)
    x, y = _data(panel.after[0])
    np.testing.assert_array_equal(x, [first.step, last.step])
    np.testing.assert_array_equal(y, [first.algorithm.mean[-1], last.algorithm.mean[-1]])
    panel.on_payload(last)  # the same step again replaces, never duplicates
    assert len(panel.history) == 2
    assert "MAML, after 10 steps" in _legend(panel.time_fig)
    table = {c.header: c.values for c in panel.curve_table()}
    np.testing.assert_array_equal(table["from phi (MAML) mean [query MSE]"], last.algorithm.mean)
    np.testing.assert_array_equal(table["meta-iteration"], x)


def test_function_space_fits_and_toy_message(qtbot, sinusoid, toy1d):
    panel = FunctionSpacePanel()
    qtbot.addWidget(panel)
    fit = sinusoid["fit"]
    _feed(panel, sinusoid, [fit])
    np.testing.assert_array_equal(_data(panel.truth)[1], fit.truth)
    np.testing.assert_array_equal(_data(panel.support)[0], fit.support_x)
    for k, item in enumerate(panel.fits["main"]):
        np.testing.assert_array_equal(_data(item)[1], fit.main[k])
    np.testing.assert_array_equal(_data(panel.fits["twin"][-1])[1], fit.twin[-1])
    assert "MAML, k = 10" in _legend(panel.figure)
    # it opens on the engine's telling task (a stated rule), not task 0
    assert panel.requests()[0].param("task_index") == sinusoid["info"].function_task
    other = (sinusoid["info"].function_task + 1) % 10
    with qtbot.waitSignal(panel.requests_changed, timeout=1000):
        panel.task_box.setValue(other)
    assert panel.requests()[0].param("task_index") == other

    _feed(panel, toy1d)
    assert panel.message.isVisibleTo(panel.figure.plot) and panel.requests() == []
    assert "sinusoid" in panel.message.toPlainText() and panel.curve_table() == []


def test_metrics_append_smooth_log_and_replace(qtbot, toy1d, sinusoid):
    panel = MetricsPanel()
    qtbot.addWidget(panel)
    _feed(panel, toy1d)
    snaps = toy1d["snaps"]
    after = np.array([s.main.loss_after for s in snaps])
    weight = panel.smooth_box.value()
    np.testing.assert_allclose(_data(panel.curves[1])[1], ema(after, weight))
    panel.smooth_box.setValue(0.0)
    panel.redraw()
    np.testing.assert_array_equal(_data(panel.curves[1])[1], after)
    assert not panel.log_box.isEnabled()  # toy losses can be negative
    table = panel.curve_table()
    assert table[0].header == "meta-iteration" and len(table) == 5
    np.testing.assert_array_equal(table[2].values, after)

    _feed(panel, sinusoid)
    history = loss_history(sinusoid["trainer"])
    panel.on_payload(history)
    panel.log_box.setChecked(True)
    panel.redraw()
    np.testing.assert_array_equal(_data(panel.curves[2])[1], history.rows[:, 2])
    assert any("Pretraining: at θ" in n for n in _legend(panel.figure))


def test_slide_theme_widens_lines_and_fonts(qtbot, toy1d):
    panel = _feed(MetricsPanel(), toy1d)
    qtbot.addWidget(panel)
    panel.apply_theme(theme.SLIDE)
    assert panel.curves[0].opts["pen"].widthF() == theme.SLIDE["line_width"]
    assert panel.figure.plot.titleLabel.opts["size"] == "24pt"
    panel.apply_theme(theme.SCREEN)
    assert panel.curves[0].opts["pen"].widthF() == theme.SCREEN["line_width"]


def test_a_classifiers_gap_shows_accuracy_and_switches_to_the_loss(qtbot, tmp_path, monkeypatch):
    """HW15's two report plots: accuracy against the inner steps at inference, and over
    meta-iterations; the metric box shows the loss MAML minimises instead."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    small = {"hidden": 4, "meta_batch_size": 2, "n_way": 3, "eval_tasks": 3}
    run = _run("omniglot", 2, test_inner_steps=2, **small)
    panel = GapPanel()
    qtbot.addWidget(panel)
    panel.show()
    _feed(panel, run)
    assert panel.metric_control.isVisible()
    first, last = run["gaps"]
    main_accuracy, twin_accuracy = last.accuracy
    np.testing.assert_array_equal(_data(panel.means[0])[1], main_accuracy.mean)
    np.testing.assert_array_equal(_data(panel.means[1])[1], twin_accuracy.mean)
    np.testing.assert_array_equal(
        _data(panel.after[0])[1], [g.accuracy[0].mean[-1] for g in (first, last)]
    )
    assert "accuracy" in panel.steps_fig.y_label
    assert panel.trained_line.label.orthoPos < 0.5  # below the curves, which climb to 1
    table = {c.header: c.values for c in panel.curve_table()}
    assert any("query accuracy" in header for header in table)
    panel.metric_box.setCurrentIndex(panel.metric_box.findData("loss"))
    panel.redraw()
    np.testing.assert_array_equal(_data(panel.means[0])[1], last.algorithm.mean)
    np.testing.assert_array_equal(
        _data(panel.after[1])[1], [g.pretraining.mean[-1] for g in (first, last)]
    )
    assert "cross-entropy" in panel.steps_fig.y_label
    assert panel.trained_line.label.orthoPos > 0.5  # above a loss, which falls
    _feed(panel, _run("toy1d", 4))  # a regression: no metric box
    assert not panel.metric_control.isVisible()


@pytest.mark.parametrize("width", [390, 900])
def test_the_function_space_note_for_a_toy_stays_inside_a_narrow_view(qtbot, width):
    """At 1280 x 720 the view's dock is ~390 px: the note used to lose both its edges."""
    from tests.gui.events import settle_layout

    panel = FunctionSpacePanel()
    qtbot.addWidget(panel)
    panel.resize(width, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reset(run_info(Trainer(default_config("toy1d", "maml"))))
    settle_layout()
    note = panel.message.mapRectToScene(panel.message.boundingRect())
    assert panel.message.isVisible()
    assert note.left() >= 0 and note.right() <= panel.view.width()

"""Toy 1-D: the adaptation step phi -> theta_n is drawn apart from the task curves (straight,
dashed) and starts from a marked point, phi on that task's curve, tied to phi's marker."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from maml_gui.core.config import default_config
from maml_gui.core.landscape import toy_landscape
from maml_gui.core.payloads import run_info
from maml_gui.core.training import Trainer
from maml_gui.gui.panels.landscape import LandscapePanel


def _panel(qtbot):
    trainer = Trainer(default_config("toy1d", "maml").replace(iterations=30))
    snaps = list(trainer.steps())
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    panel.reset(run_info(trainer))
    for snap in snaps:
        panel.on_snapshot(snap)
    land = toy_landscape(trainer.family, trainer.config.inner_lr, 5)
    panel.on_payload(land)
    panel.redraw()
    return panel, snaps[-1], land


def test_each_step_is_a_dashed_straight_arrow_from_a_marked_start(qtbot):
    panel, snap, land = _panel(qtbot)
    painter = panel.painter
    w = land.axes[0]
    for k, view in enumerate((snap.main, snap.twin)):
        arrows = painter.steps[k]
        phi = view.phi[0]
        expected_starts = [[phi, np.interp(phi, w, losses)] for losses in land.task_losses]
        np.testing.assert_allclose(arrows.starts, expected_starts)
        # the start of every step is a drawn marker ...
        sx, sy = painter.starts[k].getData()
        np.testing.assert_allclose(np.column_stack([sx, sy]), arrows.starts)
        # ... on the vertical line through phi's own marker
        dx, dy = painter.drops[k].getData()
        np.testing.assert_allclose(dx, [phi, phi])
        _, phi_y = panel.phis[k].getData()
        assert dy.min() <= min(phi_y[0], *sy) and dy.max() >= max(phi_y[0], *sy)
        # and it ends at the hollow theta_n marker
        tx, ty = panel.thetas[k].getData()
        np.testing.assert_allclose(np.column_stack([tx, ty]), arrows.ends)
        np.testing.assert_allclose(tx, view.thetas[:, 0])
        # Straight: two vertices per arrow (then the NaN gap), not a run along the curve.
        x, _ = arrows.lines.getData()
        assert len(x) == 3 * len(view.thetas)
        assert arrows.lines.opts["pen"].style() == Qt.PenStyle.DashLine
    for curve in painter.task_curves[: len(land.task_losses)]:
        assert curve.opts["pen"].style() == Qt.PenStyle.SolidLine
    # The shared straight arrows of the other painters draw nothing here.
    assert all(len(a.ends) == 0 for a in panel.arrows)

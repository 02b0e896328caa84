"""Toy 2-D: the contour map fills the plot while one unit on x stays one unit on y. The view
asks for a grid as wide as it is; the engine computes the exact losses over all of it."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtWidgets import QApplication

from maml_gui.core.config import default_config
from maml_gui.core.landscape import toy_landscape
from maml_gui.core.payloads import compute_payload, run_info
from maml_gui.core.training import Trainer
from maml_gui.gui.panels.landscape import LandscapePanel


def test_a_wide_grid_is_exact_and_evenly_spaced():
    trainer = Trainer(default_config("toy2d"))
    land = toy_landscape(trainer.family, 0.8, m_max=1, aspect=3.0)
    x, y = land.axes
    np.testing.assert_allclose([x[0], x[-1], y[0], y[-1]], [-9, 9, -3, 3])
    assert np.isclose(np.diff(x).mean(), np.diff(y).mean(), rtol=0.02)  # equal spacing
    tasks = trainer.family.all_tasks()
    i, j = len(y) // 3, len(x) - 2  # a point of the widened part
    w = torch.tensor([x[j], y[i]], dtype=trainer.family.dtype)
    for t in range(tasks.size):
        data = tuple(d[t] for d in tasks.query)
        exact = float(trainer.family.loss({"w": w}, data))
        assert np.isclose(land.task_losses[t, i, j], exact)


def test_the_contours_fill_a_wide_plot_with_the_aspect_locked(qtbot):
    trainer = Trainer(default_config("toy2d").replace(iterations=5))
    snaps = list(trainer.steps())
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    panel.resize(900, 420)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reset(run_info(trainer))
    for snap in snaps:
        panel.on_snapshot(snap)
    for _ in range(3):  # as the window does: a resize that changes the aspect asks again
        (request,) = panel.requests()
        panel.on_payload(compute_payload(trainer, request))
        panel.redraw()
        for _ in range(4):  # the layout requests the new data posted
            QApplication.processEvents()
        if not panel.painter.view_resized():
            break
    assert request.param("aspect") > 1.5  # the plot is much wider than tall
    vb = panel.figure.plot.vb
    assert vb.state["aspectLocked"]
    (x0, x1), (y0, y1) = vb.viewRange()
    rect = panel.contours.rect
    # The surface covers what the plot shows (to a grid cell), not a third of it.
    cell = (rect.width() / panel.contours.values.shape[1]) * 2
    assert rect.left() <= x0 + cell and rect.right() >= x1 - cell
    assert rect.top() <= y0 + cell and rect.bottom() >= y1 - cell
    # The tasks' square is shown whole.
    assert x0 <= -3 and x1 >= 3 and y0 <= -3 and y1 >= 3

"""The slice's legend says what is drawn: the twin's phi and the thetas off the plane are
"projected", and a twin whose projection falls outside the slice is neither drawn nor listed."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from maml_gui.core.config import default_config
from maml_gui.core.payloads import run_info
from maml_gui.core.training import Trainer, network_landscape
from maml_gui.gui.panels.landscape import LandscapePanel


@pytest.fixture(scope="module")
def run():
    trainer = Trainer(default_config("sinusoid", "maml").replace(meta_batch_size=4))
    for _ in range(4):
        trainer.next_step()
    return trainer, network_landscape(trainer, "phi-thetas", 11)


def _panel(qtbot, trainer, land):
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    panel.reset(run_info(trainer))
    panel.on_payload(land)
    panel.redraw()
    return panel


def test_a_projected_twin_says_so(qtbot, run):
    trainer, land = run
    assert land.markers["twin_phi_off"] > 0  # off the plane through phi, theta_a, theta_b
    panel = _panel(qtbot, trainer, land)
    names = panel.figure.legend_names()
    assert "φ (Pretraining), projected" in names
    assert "φ (MAML)" in names  # the origin of the slice: exact
    assert not any("θ" in n and "projected" in n for n in names)  # theta_a, theta_b: exact
    x, _ = panel.phis[1].getData()
    assert len(x) == 1


def test_a_twin_off_the_slice_is_not_listed(qtbot, run):
    trainer, land = run
    far = land.markers["twin_phi"] + 10 * (land.a[-1] - land.a[0])
    outside = replace(land, markers={**land.markers, "twin_phi": far})
    panel = _panel(qtbot, trainer, outside)
    assert not any("Pretraining" in n for n in panel.figure.legend_names())
    x, _ = panel.phis[1].getData()
    assert x is None or len(x) == 0


def test_projected_thetas_say_so(qtbot, run):
    trainer, land = run
    off = replace(land, markers={**land.markers, "thetas_off": np.array([0.2, 0.1])})
    panel = _panel(qtbot, trainer, off)
    assert any("θ" in n and n.endswith("projected") for n in panel.figure.legend_names())

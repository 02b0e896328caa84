"""The landscape view picks its painter by the family's traits alone, and a painter left
behind by a switch keeps neither controls nor data on the shared plot."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from maml_gui.core.config import default_config
from maml_gui.core.landscape import toy_landscape
from maml_gui.core.payloads import run_info
from maml_gui.core.records import LARGE_MODEL_PARAMETERS, LandscapeKind
from maml_gui.core.training import Trainer, network_landscape
from maml_gui.gui.panels.landscape import LandscapePanel
from maml_gui.gui.panels.landscape.planes import (
    COARSE_RESOLUTION,
    FINE_RESOLUTION,
    PLANE_RESOLUTION,
)
from maml_gui.gui.panels.landscape.registry import PAINTERS


def _run(task: str, iterations: int, **changes) -> dict:
    trainer = Trainer(default_config(task).replace(iterations=iterations, **changes))
    snaps = list(trainer.steps())
    return {"trainer": trainer, "info": run_info(trainer), "snaps": snaps}


@pytest.fixture(scope="module")
def toy1d():
    run = _run("toy1d", 5)
    run["payload"] = toy_landscape(run["trainer"].family, run["trainer"].config.inner_lr, m_max=5)
    return run


@pytest.fixture(scope="module")
def sinusoid():
    run = _run("sinusoid", 2, meta_batch_size=3)
    run["payload"] = network_landscape(run["trainer"], "phi-thetas", 9)
    return run


def _show(panel: LandscapePanel, run, info=None) -> None:
    panel.reset(info or run["info"])
    panel.on_snapshot(run["snaps"][-1])
    panel.on_payload(run["payload"])
    panel.redraw()


def _empty(item) -> bool:
    return item.xData is None or len(item.xData) == 0


def _visible_controls(panel: LandscapePanel) -> set[str]:
    return {
        kind.value
        for kind, painter in panel.kind_painters.items()
        for control in painter.controls
        if not control.isHidden()
    }


def test_every_landscape_kind_has_a_painter():
    assert set(PAINTERS) == set(LandscapeKind)


def test_the_painter_follows_the_traits_not_the_family_name(qtbot, toy1d):
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    info = toy1d["info"]
    renamed = replace(info, traits=replace(info.traits, name="fourth", label="A fourth family"))
    _show(panel, toy1d, renamed)
    assert panel.painter is panel.kind_painters[LandscapeKind.CURVES]
    np.testing.assert_array_equal(
        panel.painter.pre_curve.getData()[1], toy1d["payload"].pretraining
    )


def test_switching_family_leaves_no_controls_or_data_behind(qtbot, toy1d, sinusoid):
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    _show(panel, toy1d)
    curves = panel.painter
    assert _visible_controls(panel) == {"curves"}
    assert not panel.color_bar.isVisible()
    assert len(curves.task_curves[0].getData()[0]) > 0

    _show(panel, sinusoid)
    assert _visible_controls(panel) == {"planes"}
    assert _empty(curves.task_curves[0]) and _empty(curves.maml_curve)
    assert panel.color_bar.isVisible()
    assert "log<sub>10</sub> query MSE" in panel.figure.title
    headers = [c.header for c in panel.curve_table()]
    assert headers[2] == "log10 query MSE" and "phi (MAML) [x]" in headers

    _show(panel, toy1d)
    assert _visible_controls(panel) == {"curves"}
    assert panel.contours.image.image is None  # no slice left under the loss curves


def test_a_new_plane_shows_no_stale_slice_and_lists_paths_in_pca_only(qtbot, sinusoid):
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    _show(panel, sinusoid)
    planes = panel.painter
    assert panel.contours.image.image is not None
    assert not any("path of" in name for name in panel.figure.legend_names())
    planes.plane_box.setCurrentIndex(planes.plane_box.findData("pca"))
    panel.redraw()
    assert panel.contours.image.image is None  # until the PCA slice arrives
    assert any("path of" in name for name in panel.figure.legend_names())
    assert panel.requests()[0].param("plane") == "pca"


def test_a_large_nets_slice_comes_coarse_first_then_refined(qtbot, sinusoid):
    """A Conv4's slice is asked for in passes (a plain coarse grid first); the loss after an
    inner step is never drawn from a pass that did not compute it."""
    trainer = sinusoid["trainer"]
    big = replace(sinusoid["info"].traits, dimension=LARGE_MODEL_PARAMETERS + 1)
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    panel.reset(replace(sinusoid["info"], traits=big))
    asked = []
    panel.requests_changed.connect(lambda: asked.append(panel.requests()[0]))

    def wanted():
        request = panel.requests()[0]
        return request.param("resolution"), request.param("adapted")

    assert wanted() == (COARSE_RESOLUTION, False)
    assert "computing" in panel.figure.title
    panel.on_payload(network_landscape(trainer, "phi-thetas", COARSE_RESOLUTION, adapted=False))
    panel.redraw()
    assert panel.contours.image.image.shape == (COARSE_RESOLUTION, COARSE_RESOLUTION)
    assert wanted() == (FINE_RESOLUTION, False) and len(asked) == 1
    assert "refining" in panel.figure.title
    panel.on_payload(network_landscape(trainer, "phi-thetas", FINE_RESOLUTION, adapted=False))
    panel.redraw()
    assert wanted() == (FINE_RESOLUTION, False) and len(asked) == 1  # the last pass stays
    assert "refining" not in panel.figure.title
    panel.painter.when_box.setCurrentIndex(1)  # the loss after one inner step: its own passes
    panel.redraw()
    assert wanted() == (COARSE_RESOLUTION, True)
    assert panel.contours.image.image is None  # the plain slice is not the adapted one
    panel.on_payload(network_landscape(trainer, "phi-thetas", COARSE_RESOLUTION, adapted=True))
    panel.redraw()
    assert panel.contours.image.image is not None and wanted() == (FINE_RESOLUTION, True)
    # a small net keeps its single fine pass
    panel.reset(sinusoid["info"])
    assert wanted() == (PLANE_RESOLUTION, True)

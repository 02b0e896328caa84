"""One colour rule in every view: a learner has the colour of what it is, pretraining
vermillion and a meta-learner blue. When pretraining is the chosen algorithm its twin is the
same learner, drawn once, in vermillion, and no legend lists a twin."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStatusBar

from maml_gui.core.config import default_config
from maml_gui.core.function_space import function_fit
from maml_gui.core.landscape import toy_landscape
from maml_gui.core.payloads import run_info
from maml_gui.core.training import Trainer, network_landscape
from maml_gui.core.trajectory import loss_history, trajectory
from maml_gui.gui import theme
from maml_gui.gui.panels import all_panels
from maml_gui.gui.plotting.arrows import ArrowHeads
from maml_gui.gui.status import RunStatus

BLUE = QColor(theme.ALGORITHM_COLOR).rgb()
VERMILLION = QColor(theme.PRETRAINING_COLOR).rgb()


def _payloads(trainer: Trainer) -> list:
    out = [trainer.evaluate(), trajectory(trainer), loss_history(trainer)]
    if trainer.family.is_toy:
        out.append(toy_landscape(trainer.family, trainer.config.inner_lr, 5, resolution=41))
    else:
        out += [network_landscape(trainer, "pca", 11), function_fit(trainer)]
    return out


def _fed_panels(qtbot, task: str, algorithm: str):
    config = default_config(task, algorithm).replace(iterations=6)
    if task == "sinusoid":
        config = config.replace(meta_batch_size=4, eval_tasks=8)
    trainer = Trainer(config)
    snaps = list(trainer.steps())
    # the views the family shows (a regression has no images to classify)
    panels = [panel for panel in all_panels() if panel.shown_for(trainer.family.traits)]
    for panel in panels:
        qtbot.addWidget(panel)
        panel.reset(run_info(trainer))
        if hasattr(panel, "painter") and task == "sinusoid":
            panel.painter.plane_box.setCurrentIndex(1)  # the PCA plane, with both paths
        for snap in snaps:
            panel.on_snapshot(snap)
        for payload in _payloads(trainer):
            panel.on_payload(payload)
        panel.redraw()
    return trainer, snaps, panels


def _drawn_colours(panel) -> set[int]:
    """The colours of every visible item in the view that holds data."""
    colours = set()
    for item in panel.export_target().scene().items():
        if not item.isVisible():
            continue
        if isinstance(item, pg.PlotDataItem):
            x, _ = item.getData()
            if x is None or not len(x):
                continue
            pen = item.opts.get("pen")
            if pen is not None and not isinstance(pen, (tuple, str)):
                colours.add(pg.mkPen(pen).color().rgb())
            if item.opts.get("symbol") is not None:
                colours.add(pg.mkPen(item.opts["symbolPen"]).color().rgb())
        elif isinstance(item, ArrowHeads) and len(item.ends):
            colours.add(item.brush.color().rgb())
        elif isinstance(item, pg.BarGraphItem):  # the classification views' bars
            widths = item.opts.get("width")
            if item.opts.get("height") is None and widths is None:
                continue
            brushes = item.opts.get("brushes") or [item.opts.get("brush")]
            colours |= {pg.mkBrush(b).color().rgb() for b in brushes if b is not None}
        elif isinstance(item, pg.FillBetweenItem):
            path = item.path()
            if path is not None and not path.isEmpty():
                colours.add(item.brush().color().rgb())
    return colours


def _legends(panel) -> list[str]:
    names = []
    for attr in ("figure", "steps_fig", "time_fig"):
        figure = getattr(panel, attr, None)
        if figure is not None:
            names += figure.legend_names()
    return names


@pytest.mark.parametrize("task", ["toy1d", "sinusoid"])
def test_pretraining_chosen_is_drawn_once_in_vermillion(qtbot, task):
    _, _, panels = _fed_panels(qtbot, task, "pretraining")
    for panel in panels:
        colours = _drawn_colours(panel)
        assert BLUE not in colours, f"{panel.title}: pretraining drawn in blue"
        legend = " ".join(_legends(panel))
        assert "twin" not in legend, f"{panel.title}: {legend}"
        if panel.key != "function_space" or task == "sinusoid":
            assert VERMILLION in colours, panel.title
            assert "Pretraining" in legend, panel.title


def test_a_meta_learner_is_blue_beside_its_vermillion_twin(qtbot):
    _, _, panels = _fed_panels(qtbot, "toy1d", "maml")
    for panel in panels:
        if panel.key == "function_space":
            continue  # sinusoid only
        colours = _drawn_colours(panel)
        assert {BLUE, VERMILLION} <= colours, panel.title
        assert any("MAML" in n for n in _legends(panel)), panel.title


def test_switching_back_from_pretraining_shows_the_twin_again(qtbot):
    *_, panels = _fed_panels(qtbot, "toy1d", "pretraining")
    maml = Trainer(default_config("toy1d", "maml").replace(iterations=3))
    maml_snaps = list(maml.steps())
    for panel in panels:
        panel.reset(run_info(maml))
        for snap in maml_snaps:
            panel.on_snapshot(snap)
        for payload in _payloads(maml):
            panel.on_payload(payload)
        panel.redraw()
        if panel.key != "function_space":
            assert {BLUE, VERMILLION} <= _drawn_colours(panel), panel.title


def test_the_status_bar_names_one_loss_for_a_pretraining_run(qtbot):
    trainer = Trainer(default_config("toy1d", "pretraining").replace(iterations=2))
    bar = QStatusBar()
    qtbot.addWidget(bar)
    status = RunStatus(bar)
    status.on_snapshot(trainer.next_step())
    status.refresh()
    assert status.losses.text().count("loss") == 1
    assert np.isfinite(float(status.losses.text().split()[-1]))


@pytest.mark.parametrize("algorithm", ["maml", "pretraining"])
def test_the_classification_views_keep_the_colour_rule(qtbot, tmp_path, monkeypatch, algorithm):
    """Task view, feature reuse, the quiz's score and Lake's runs: the algorithm blue,
    pretraining vermillion, and a pretraining run drawn once."""
    from maml_gui.core.payloads import compute_payload

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    small = {"hidden": 4, "meta_batch_size": 2, "eval_tasks": 2, "test_inner_steps": 1}
    trainer = Trainer(default_config("omniglot", algorithm).replace(iterations=2, **small))
    list(trainer.steps())
    kinds = {"task_view": "task_predictions", "feature_reuse": "feature_reuse", "quiz": None}
    kinds["one_shot"] = "one_shot_runs"
    for panel in all_panels():
        if panel.key not in kinds:
            continue
        qtbot.addWidget(panel)
        panel.resize(600, 480)
        panel.show()
        panel.reset(run_info(trainer))
        for request in panel.requests():
            panel.on_payload(compute_payload(trainer, request))
        if panel.key == "quiz":
            qtbot.keyClick(panel, Qt.Key.Key_1)  # one answer: every bar gets a length
        panel.redraw()
        colours = _drawn_colours(panel)
        if algorithm == "pretraining":
            assert VERMILLION in colours and BLUE not in colours, panel.title
            assert "twin" not in " ".join(_legends(panel)), panel.title
        else:
            assert {BLUE, VERMILLION} <= colours, panel.title

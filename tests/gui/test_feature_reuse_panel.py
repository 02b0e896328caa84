"""The feature-reuse view draws the payload's CKA per layer as it is: a bar of the payload's
height for every defined value, an "n/a" (and no bar) for an undefined one, a legend naming
exactly the series drawn, and a request that follows its held-out-tasks box."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor

from maml_gui.core.config import default_config
from maml_gui.core.records import FeatureReuse, RunInfo
from maml_gui.gui import theme
from maml_gui.gui.panels.feature_reuse import NA, SERIES, FeatureReusePanel
from tests.gui.classification import (
    exported_colours,
    omniglot_traits,
    rgb,
    scene_items_outside,
)
from tests.gui.events import settle_layout

LAYERS = ("block 1", "block 2", "block 3", "block 4", "head (logits)")
BLUE = QColor(theme.ALGORITHM_COLOR).rgb()
VERMILLION = QColor(theme.PRETRAINING_COLOR).rgb()


def _info(algorithm: str = "maml") -> RunInfo:
    return RunInfo(default_config("omniglot", algorithm), omniglot_traits(), n_tasks=32)


def _reuse(twin_head=np.nan, steps: int = 10, tasks: int = 20) -> FeatureReuse:
    rng = np.random.default_rng(3)
    return FeatureReuse(
        layers=LAYERS,
        algorithm=np.sort(rng.uniform(0.5, 1.0, 5))[::-1].copy(),
        head_only=np.array([1.0, 1.0, 1.0, 1.0, 0.61]),
        pretraining=np.array([0.95, 0.9, 0.8, 0.72, twin_head]),
        steps=steps,
        tasks=tasks,
    )


@pytest.fixture
def panel(qtbot):
    view = FeatureReusePanel()
    qtbot.addWidget(view)
    return view


def _fed(panel: FeatureReusePanel, algorithm: str = "maml", payload=None) -> FeatureReusePanel:
    panel.reset(_info(algorithm))
    panel.on_payload(payload if payload is not None else _reuse())
    panel.redraw()
    return panel


def _brush(bars) -> int:
    return bars.opts["brush"].color().rgb()


def test_shown_for_classifiers_only(panel):
    assert panel.shown_for(omniglot_traits(True))
    assert not panel.shown_for(omniglot_traits(False))
    assert panel.key == "feature_reuse" and panel.title == "Feature reuse"
    assert "Rapid Learning or Feature Reuse" in panel.help_text and "ANIL" in panel.help_text


def test_bar_heights_are_the_payloads_cka(panel):
    payload = _reuse(twin_head=0.2)  # every value defined
    _fed(panel, payload=payload)
    expected = {"main": payload.algorithm, "head": payload.head_only, "twin": payload.pretraining}
    centres = []
    for name in SERIES:
        x, heights = panel.bars[name].values()
        np.testing.assert_allclose(heights, expected[name])
        np.testing.assert_allclose(np.round(x), np.arange(5))  # one bar in each layer's slot
        centres.append(x)
    # side by side, in legend order, not on top of each other
    assert np.all(centres[0] < centres[1]) and np.all(centres[1] < centres[2])
    assert panel.na["twin"].visible_texts() == []
    assert not panel.note.isVisible()
    ticks = panel.figure.plot.getAxis("bottom")._tickLevels[0]
    assert [name for _, name in ticks] == list(LAYERS)


def test_undefined_cka_shows_na_and_no_bar(panel):
    _fed(panel)
    x, heights = panel.bars["twin"].values()
    assert len(heights) == 4 and np.all(np.isfinite(heights)) and np.all(heights > 0)
    assert np.all(x < 3.5)  # no bar in the head's slot, not even one of height 0
    texts = panel.na["twin"].visible_texts()
    assert len(texts) == 1
    na_x, na_y, text = texts[0]
    assert text == NA and na_y == 0.0 and 3.5 < na_x < 4.5
    assert na_x > panel.bars["head"].values()[0][-1]  # where the twin's bar would stand
    assert panel.note.isVisible() and panel.note.note.startswith("n/a")
    # a defined payload afterwards takes the note and the mark away
    panel.on_payload(_reuse(twin_head=0.3))
    panel.redraw()
    assert panel.na["twin"].visible_texts() == [] and not panel.note.isVisible()
    assert len(panel.bars["twin"].values()[1]) == 5


def test_legend_names_the_drawn_series_in_their_colours(panel):
    _fed(panel, "maml")
    names = panel.figure.legend_names()
    assert names == [
        "MAML: all layers adapt",
        "MAML's φ, head only (ANIL)",
        "Pretraining: all layers adapt",
    ]
    samples = [sample.item for sample, _ in panel.figure.legend.items]
    assert samples == [panel.bars[name].key for name in SERIES]
    assert all(item.isVisible() for item in samples)
    assert _brush(panel.bars["main"]) == BLUE
    assert _brush(panel.bars["twin"]) == VERMILLION
    # the head-only series is the same blue, lighter: told apart in the legend too
    head = panel.bars["head"]
    assert _brush(head) != BLUE and head.opts["pen"].color().rgb() == BLUE
    assert panel.bars["head"].key.scatter.opts["brush"].color().rgb() == _brush(head)


def test_a_pretraining_run_draws_no_twin(panel):
    _fed(panel, "pretraining")
    names = panel.figure.legend_names()
    assert len(names) == 2 and not any("twin" in n for n in names)
    assert all(n.startswith("Pretraining") for n in names)
    assert not panel.bars["twin"].isVisible() and len(panel.bars["twin"].values()[1]) == 0
    assert panel.na["twin"].visible_texts() == []
    assert _brush(panel.bars["main"]) == VERMILLION
    assert panel.bars["head"].opts["pen"].color().rgb() == VERMILLION
    assert len(panel.curve_table()) == 3  # layer, main, head only
    # back to a meta-learner: the twin returns
    _fed(panel, "anil")
    assert panel.bars["twin"].isVisible() and len(panel.figure.legend_names()) == 3
    assert panel.figure.legend_names()[0] == "ANIL: head adapts"


def _shown_at(panel, qtbot, width: int, height: int) -> None:
    panel.resize(width, height)
    panel.show()
    qtbot.waitExposed(panel)
    _fed(panel)
    settle_layout()  # the layout settles
    panel.redraw()
    settle_layout()


def test_a_small_dock_shortens_its_texts_and_clips_nothing(panel, qtbot):
    """At 395x330 (the dock at 1280x720) the legend, title and note took most of the height:
    short names in one legend row, a one-line title, y ticks at 0, 0.5 and 1."""
    _shown_at(panel, qtbot, 395, 330)
    assert panel.compact
    assert panel.figure.legend_names() == ["MAML", "MAML, head only", "Pretraining"]
    items = panel.figure.legend.items
    assert len({round(s.mapRectToScene(s.boundingRect()).top()) for s, _ in items}) == 1
    assert "10 steps" in panel.figure.title and "20 tasks" in panel.figure.title
    title = panel.figure.plot.titleLabel.item
    assert title.document().lineCount() == 1  # not wrapped
    left = panel.figure.plot.getAxis("left")
    assert [label for _, label in left._tickLevels[0]] == ["0", "0.5", "1"]
    assert panel.note.note.startswith("n/a") and "zero head" in panel.view.toolTip()
    assert scene_items_outside(panel.view) == []
    assert panel.content_fits()
    assert panel.figure.plot.vb.height() > 0.35 * panel.view.height()

    panel.resize(620, 500)  # room again: the full names
    settle_layout()
    panel.redraw()
    assert not panel.compact
    assert panel.figure.legend_names()[1] == "MAML's φ, head only (ANIL)"
    assert scene_items_outside(panel.view) == []


@pytest.mark.parametrize("size", [(600, 480), (1100, 560)])
def test_nothing_is_clipped_in_a_large_dock_or_presented(panel, qtbot, size):
    _shown_at(panel, qtbot, *size)
    assert not panel.compact
    assert scene_items_outside(panel.view) == []


def test_requests_follow_the_tasks_box(panel, qtbot):
    assert panel.requests()[0].kind == "feature_reuse"
    assert panel.requests()[0].param("tasks") == 20
    with qtbot.waitSignal(panel.requests_changed, timeout=1000):
        panel.tasks_box.setValue(57)
    assert panel.requests()[0].param("tasks") == 57
    panel.tasks_box.setValue(1000)
    assert panel.requests()[0].param("tasks") == 100  # the engine's bound
    panel.tasks_box.setValue(0)
    assert panel.requests()[0].param("tasks") == 2


def test_title_names_steps_and_tasks(panel):
    _fed(panel, payload=_reuse(steps=7, tasks=33))
    title = panel.figure.title
    assert "7 steps" in title and "33 tasks" in title


def test_other_payloads_are_ignored(panel):
    panel.reset(_info())
    panel.on_payload(object())
    panel.redraw()
    assert panel.result is None and panel.curve_table() == []
    assert all(len(panel.bars[name].values()[1]) == 0 for name in SERIES)


def test_curve_table_is_what_is_drawn(panel):
    payload = _reuse()
    _fed(panel, payload=payload)
    columns = panel.curve_table()
    headers = [c.header for c in columns]
    assert headers[0].startswith("layer (1 = block 1,") and "5 = head (logits)" in headers[0]
    np.testing.assert_array_equal(columns[0].values, [1, 2, 3, 4, 5])
    np.testing.assert_array_equal(columns[1].values, payload.algorithm)
    np.testing.assert_array_equal(columns[2].values, payload.head_only)
    np.testing.assert_array_equal(columns[3].values, payload.pretraining)  # NaN kept
    assert "phi" in headers[2] and "φ" not in headers[2]  # plain text for CSV
    assert all("10 steps" in h and "20 tasks" in h for h in headers[1:])


def test_png_export_of_the_view(panel, tmp_path):
    panel.resize(640, 420)
    panel.show()
    _fed(panel)
    colours = exported_colours(panel.export_target(), tmp_path / "reuse.png", 900)
    assert {rgb(theme.ALGORITHM_COLOR), rgb(theme.PRETRAINING_COLOR)} <= colours

"""The one-shot view draws Lake's 20 runs as the payload has them: a bar at each learner's mean
error and a dot at every run's, for each k; the published rates as grey labelled bars; a note
on how these runs differ from training's tasks; one learner for a pretraining run."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from maml_gui.core.config import default_config
from maml_gui.core.records import (
    OneShotRuns,
    PayloadRequest,
    RunInfo,
)
from maml_gui.gui import theme
from maml_gui.gui.panels.one_shot import PUBLISHED_COLOR, OneShotPanel, percent
from tests.gui.classification import (
    exported_colours,
    omniglot_traits,
    rgb,
    scene_items_outside,
)
from tests.gui.events import settle_layout

PUBLISHED = (
    ("people", 0.045),
    ("Bayesian program learning", 0.033),
    ("Siamese convnet", 0.08),
    ("plain convnet", 0.135),
    ("modified Hausdorff distance", 0.388),
)
STEPS = (0, 1, 10)
BLUE = QColor(theme.ALGORITHM_COLOR).rgb()
VERMILLION = QColor(theme.PRETRAINING_COLOR).rgb()


def _info(algorithm: str = "maml", **changes) -> RunInfo:
    config = default_config("omniglot", algorithm).replace(**changes)
    return RunInfo(config, omniglot_traits(), n_tasks=32)


def _runs(steps=STEPS, runs: int = 20) -> OneShotRuns:
    """Errors on the 5% grid 20 test images give, many runs tied."""
    rng = np.random.default_rng(11)
    shape = (len(steps), runs)
    algorithm = np.round(rng.uniform(0.1, 0.6, shape) * 20) / 20
    pretraining = np.round(rng.uniform(0.3, 0.9, shape) * 20) / 20
    return OneShotRuns(tuple(steps), algorithm, pretraining, PUBLISHED)


@pytest.fixture
def panel(qtbot):
    view = OneShotPanel()
    qtbot.addWidget(view)
    return view


def _fed(panel: OneShotPanel, algorithm: str = "maml", payload=None, **changes) -> OneShotPanel:
    panel.reset(_info(algorithm, **changes))
    panel.on_payload(payload if payload is not None else _runs())
    panel.redraw()
    return panel


def _dots(item) -> tuple[np.ndarray, np.ndarray]:
    x, y = item.getData()
    if x is None:  # pyqtgraph's answer for no data
        return np.zeros(0), np.zeros(0)
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def test_shown_for_classifiers_only(panel):
    assert panel.shown_for(omniglot_traits(True)) and not panel.shown_for(omniglot_traits(False))
    assert panel.key == "one_shot" and panel.title == "Lake's 20 runs"
    assert "Lake" in panel.help_text and "20-way" in panel.help_text


def test_bars_are_mean_errors_and_dots_every_run(panel):
    payload = _runs()
    _fed(panel, payload=payload)
    for i, errors in enumerate((payload.algorithm, payload.pretraining)):
        rows, lengths = panel.bars[i].values()
        np.testing.assert_allclose(lengths, errors.mean(axis=1) * 100)
        np.testing.assert_allclose(np.round(rows), np.arange(len(STEPS)))  # one row per k
        x, y = _dots(panel.dots[i])
        assert len(x) == errors.size
        for row, k_errors in zip(rows, errors * 100, strict=True):
            near = np.abs(y - row) < 0.3  # the dots of this bar's row
            np.testing.assert_allclose(np.sort(x[near]), np.sort(k_errors))
            # tied errors are spread across the bar, not drawn on top of each other
            assert len(set(zip(x[near], y[near], strict=True))) == errors.shape[1]
    # the algorithm's bar above its twin's in every row
    assert np.all(panel.bars[0].values()[0] < panel.bars[1].values()[0])
    ticks = [name for _, name in panel.figure.plot.getAxis("left")._tickLevels[0]]
    assert ticks == ["k = 0", "k = 1", "k = 10", "published"]


def test_published_rates_are_grey_labelled_bars(panel):
    _fed(panel)
    rows, lengths = panel.published.values()
    rates = sorted(rate * 100 for _, rate in PUBLISHED)
    np.testing.assert_allclose(lengths, rates)
    assert np.all(rows > panel.bars[1].values()[0].max())  # below the learners' rows
    assert panel.published.opts["pen"].color().rgb() == QColor(PUBLISHED_COLOR).rgb()
    texts = [text for _, _, text in panel.published_labels.visible_texts()]
    assert "people 4.5%" in texts and "plain convnet 13.5%" in texts
    assert "modified Hausdorff distance 38.8%" in texts and "Siamese convnet 8%" in texts
    for x, y, text in panel.published_labels.visible_texts():
        who = text.rsplit(" ", 1)[0]
        rate = dict(PUBLISHED)[who] * 100
        assert x > rate  # beside its own bar
        assert y == pytest.approx(rows[np.argmin(np.abs(lengths - rate))])


def test_published_labels_do_not_overlap_in_a_short_view(panel, qtbot):
    panel.resize(620, 424)  # the shortest view that still draws the published rows
    panel.show()
    qtbot.waitExposed(panel)
    _fed(panel)
    settle_layout()  # the layout settles; the view respaces the rows on its resize
    panel.redraw()
    vb = panel.figure.plot.vb
    rows = panel.published.values()[0]
    ys = [vb.mapViewToScene(QPointF(0, row)).y() for row in rows]
    assert not panel.compact
    assert panel.pitch >= 0.5  # the least pitch, or spaced out beyond it
    assert np.min(np.diff(ys)) >= panel.published_labels.line_height() - 0.01
    assert panel.content_fits()


def _shown_at(panel, qtbot, width: int, height: int) -> None:
    panel.resize(width, height)
    panel.show()
    qtbot.waitExposed(panel)
    _fed(panel)
    settle_layout()  # the layout settles; the view respaces the rows on its resize
    panel.redraw()
    settle_layout()


def test_a_small_dock_names_the_published_rates_in_its_note(panel, qtbot):
    """At 395x330 (the dock at 1280x720) five bar rows left no room for the learners: the
    published rates become grey lines across the k rows, named in one line of the note."""
    _shown_at(panel, qtbot, 395, 330)
    assert panel.compact
    assert len(panel.published.values()[1]) == 0 and panel.published_labels.visible_texts() == []
    x, y = panel.published_lines.getData()
    np.testing.assert_allclose(np.unique(x), sorted(rate * 100 for _, rate in PUBLISHED))
    assert y.min() == -0.5 and y.max() == len(STEPS) - 0.5  # across the k rows
    note = panel.note.note
    assert "published" in note and "people 4.5%" in note and "Hausdorff 38.8%" in note
    assert "20-way" in note
    assert "one evaluation alphabet" in panel.view.toolTip()  # the full note
    assert panel.figure.legend_names() == ["MAML", "Pretraining"]
    ticks = [name for _, name in panel.figure.plot.getAxis("left")._tickLevels[0]]
    assert ticks == ["k = 0", "k = 1", "k = 10"]
    tops = {round(s.mapRectToScene(s.boundingRect()).top()) for s, _ in panel.figure.legend.items}
    assert len(tops) == 1  # the legend in one row
    assert scene_items_outside(panel.view) == []
    assert panel.content_fits()
    # the rows get a fair share of the height: not squeezed by the legend and the note
    assert panel.figure.plot.vb.height() > 0.35 * panel.view.height()

    panel.resize(620, 500)  # room again: the published bar rows come back
    settle_layout()
    panel.redraw()
    assert not panel.compact
    assert len(panel.published.values()[1]) == len(PUBLISHED)
    assert len(panel.published_lines.getData()[0] or []) == 0
    assert "published (Lake et al. 2015)" in panel.figure.legend_names()
    assert scene_items_outside(panel.view) == []


@pytest.mark.parametrize("size", [(600, 480), (1100, 560)])
def test_nothing_is_clipped_in_a_large_dock_or_presented(panel, qtbot, size):
    _shown_at(panel, qtbot, *size)
    assert not panel.compact
    assert scene_items_outside(panel.view) == []


def test_legend_matches_the_learners_drawn(panel):
    _fed(panel, "maml")
    assert panel.figure.legend_names() == ["MAML", "Pretraining", "published (Lake et al. 2015)"]
    samples = [sample.item for sample, _ in panel.figure.legend.items]
    assert samples == [panel.bars[0].key, panel.bars[1].key, panel.published.key]
    assert panel.bars[0].opts["pen"].color().rgb() == BLUE
    assert panel.bars[1].opts["pen"].color().rgb() == VERMILLION
    assert panel.dots[0].opts["symbolBrush"].color().rgb() == BLUE


def test_a_pretraining_run_draws_one_learner(panel):
    _fed(panel, "pretraining")
    names = panel.figure.legend_names()
    assert names == ["Pretraining", "published (Lake et al. 2015)"]
    assert not panel.bars[1].isVisible() and not panel.dots[1].isVisible()
    assert len(panel.bars[1].values()[1]) == 0 and len(_dots(panel.dots[1])[0]) == 0
    rows, _ = panel.bars[0].values()
    np.testing.assert_allclose(rows, np.arange(len(STEPS)))  # centred in its row
    assert panel.bars[0].opts["pen"].color().rgb() == VERMILLION
    assert not any("twin" in c.header for c in panel.curve_table())


def test_the_note_says_how_these_runs_differ(panel):
    _fed(panel)
    note = panel.note.note
    assert panel.note.isVisible()
    assert "20-way" in note and "one evaluation alphabet" in note and "5-way" in note
    assert "bundled background subset" in note
    _fed(panel, data="/data/omniglot")
    assert "bundled" not in panel.note.note and "own copy" in panel.note.note


def test_requests_the_runs(panel):
    assert panel.requests() == [PayloadRequest("one_shot_runs")]


def test_other_steps_and_bad_payloads(panel):
    _fed(panel, payload=_runs(steps=(0, 5)))
    ticks = [name for _, name in panel.figure.plot.getAxis("left")._tickLevels[0]]
    assert ticks == ["k = 0", "k = 5", "published"]
    bad = OneShotRuns((0, 1), np.zeros(20), np.zeros(20), PUBLISHED)  # not (steps, runs)
    panel.on_payload(bad)
    panel.redraw()
    assert panel.result.steps == (0, 5)  # kept the last good one
    panel.on_payload("not a payload")
    assert panel.result.steps == (0, 5)


def test_curve_table(panel):
    payload = _runs()
    _fed(panel, payload=payload)
    columns = {c.header: c.values for c in panel.curve_table()}
    np.testing.assert_array_equal(columns["fine-tuning steps k"], [0, 1, 10])
    np.testing.assert_allclose(columns["MAML mean error [%]"], payload.algorithm.mean(1) * 100)
    np.testing.assert_allclose(
        columns["Pretraining mean error [%]"], payload.pretraining.mean(1) * 100
    )
    np.testing.assert_array_equal(columns["run"], np.arange(1, 21))
    np.testing.assert_allclose(
        columns["MAML error per run after k = 10 [%]"], payload.algorithm[2] * 100
    )
    np.testing.assert_allclose(
        columns["Pretraining error per run after k = 0 [%]"], payload.pretraining[0] * 100
    )
    np.testing.assert_allclose(columns["published: people error [%]"], [4.5])
    assert percent(0.08) == "8%" and percent(0.135) == "13.5%"


def test_png_export_of_the_view(panel, tmp_path):
    panel.resize(700, 440)
    panel.show()
    _fed(panel)
    colours = exported_colours(panel.export_target(), tmp_path / "runs.png", 1000)
    assert {rgb(theme.ALGORITHM_COLOR), rgb(theme.PRETRAINING_COLOR)} <= colours

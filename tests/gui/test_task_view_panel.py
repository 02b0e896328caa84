"""The task view (Omniglot): the drawn images and bars are the payload's, a wrong answer is
crossed exactly where the argmax is not the label, the request follows the spin box, a
pretraining-only run draws one learner, and the view exports and fits a dock."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from maml_gui.core.records import TaskPredictions
from maml_gui.gui import theme
from maml_gui.gui.export.images import export_png
from maml_gui.gui.export.views import export_view
from maml_gui.gui.panels.task_view import (
    MAX_ROWS,
    OFFSETS,
    TaskViewPanel,
    class_examples,
    shown_queries,
)
from tests.gui.classification import omniglot_info, omniglot_traits, scene_items_outside
from tests.gui.events import settle_layout

STEPS = (0, 1, 10)


def predictions(
    task_index: int = 0, n_way: int = 5, per_class: int = 1, seed: int = 0, steps=STEPS
) -> TaskPredictions:
    """A synthetic task: random ink, labels in the engine's order (by class), and random
    class probabilities (Dirichlet, so every argmax is unique)."""
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(n_way), per_class)
    shape = (len(steps), n_way * per_class)
    return TaskPredictions(
        support=rng.random((n_way, 28, 28)).astype(np.float32),
        support_labels=np.arange(n_way),
        query=rng.random((n_way * per_class, 28, 28)).astype(np.float32),
        query_labels=labels,
        steps=tuple(steps),
        main=rng.dirichlet(np.ones(n_way), size=shape),
        twin=rng.dirichlet(np.ones(n_way), size=shape),
        task_index=task_index,
    )


@pytest.fixture
def panel(qtbot) -> TaskViewPanel:
    view = TaskViewPanel()
    qtbot.addWidget(view)
    view.resize(520, 340)
    view.reset(omniglot_info())
    return view


def _fed(panel: TaskViewPanel, payload: TaskPredictions) -> TaskViewPanel:
    panel.on_payload(payload)
    panel.redraw()
    return panel


def _crosses(cell) -> list[float]:
    x, _ = cell.crosses.getData()
    return sorted(np.round(np.asarray(x, dtype=float), 6).tolist())


def test_shown_for_classifiers_only(panel):
    assert panel.shown_for(omniglot_traits(True))
    assert not panel.shown_for(omniglot_traits(False))
    assert panel.key == "task_view" and panel.title == "Task view"
    assert len(panel.help_text) > 100 and "1/N" in panel.help_text


def test_request_carries_the_spin_box_task_index(panel, qtbot):
    info = omniglot_info()
    assert panel.task_box.maximum() == info.config.eval_tasks - 1
    (request,) = panel.requests()
    assert request.kind == "task_predictions" and request.param("task_index") == 0
    with qtbot.waitSignal(panel.requests_changed, timeout=1000):
        panel.task_box.setValue(7)
    (request,) = panel.requests()
    assert request.param("task_index") == 7


def test_a_payload_of_another_task_is_not_drawn(panel):
    panel.task_box.setValue(2)
    panel.on_payload(predictions(task_index=1))
    assert panel.predictions is None
    panel.on_payload(predictions(task_index=2))
    assert panel.predictions is not None and panel.predictions.task_index == 2


def test_waits_with_a_message_until_the_payload(panel):
    panel.redraw()
    assert "Waiting for held-out task 0" in panel.message.text
    assert panel.cells == []
    _fed(panel, predictions())
    assert panel.message is None and len(panel.cells) == 5


def test_wrong_answers_are_crossed_exactly_where_argmax_is_not_the_label(panel):
    p = predictions(seed=3)
    _fed(panel, p)
    wrong_main, wrong_twin = p.wrong("main"), p.wrong("twin")
    assert wrong_main.any() and (~wrong_main).any()  # the test sees both kinds
    offsets = OFFSETS[2]
    for row, query in enumerate(panel.rows):
        for j in range(len(STEPS)):
            expected = []
            for offset, probs, wrong in (
                (offsets[0], p.main, wrong_main),
                (offsets[1], p.twin, wrong_twin),
            ):
                if wrong[j, query]:
                    expected.append(round(probs[j, query].argmax() + 1 + offset, 6))
            assert _crosses(panel.cells[row][j]) == sorted(expected), (row, j)


def test_a_right_answer_has_no_cross_and_a_sure_wrong_one_has(panel):
    p = predictions()
    main = np.full_like(p.main, 0.01)
    main[:, np.arange(5), p.query_labels] = 0.96  # always right
    twin = np.full_like(p.twin, 0.01)
    twin[:, :, 0] = 0.96  # always class 1: right only for the class-1 query
    _fed(panel, TaskPredictions(**{**p.__dict__, "main": main, "twin": twin}))
    for row, query in enumerate(panel.rows):
        label = int(p.query_labels[query])
        for cell in panel.cells[row]:
            assert _crosses(cell) == ([] if label == 0 else [round(1 + OFFSETS[2][1], 6)])


def test_bars_images_and_true_class_are_the_payloads(panel):
    p = predictions(seed=5)
    _fed(panel, p)
    for image, index in zip(panel.support_images, class_examples(p.support_labels, 5), strict=True):
        np.testing.assert_array_equal(image.image, p.support[index])
    for row, query in enumerate(panel.rows):
        np.testing.assert_array_equal(panel.query_images[row].image, p.query[query])
        label = int(p.query_labels[query])
        assert panel.captions[row].text.endswith(f"class {label + 1}")
        for j, cell in enumerate(panel.cells[row]):
            assert cell.truth.opts["x"][0] == label + 1
            np.testing.assert_allclose(cell.bars[0].opts["height"], p.main[j, query])
            np.testing.assert_allclose(cell.bars[1].opts["height"], p.twin[j, query])


def test_column_heads_count_right_answers_over_the_task(panel):
    p = predictions(seed=3)
    _fed(panel, p)
    for j, k in enumerate(STEPS):
        text = panel.headers[j].text
        assert f"k = {k}" in text
        for probs in (p.main, p.twin):
            right = int((probs[j].argmax(-1) == p.query_labels).sum())
            assert f">{right}/5<" in text


def test_learner_colours_blue_and_vermillion(panel):
    _fed(panel, predictions())
    cell = panel.cells[0][0]
    assert cell.bars[0].opts["brush"] == theme.ALGORITHM_COLOR
    assert cell.bars[1].opts["brush"] == theme.PRETRAINING_COLOR
    assert "MAML" in panel.legend_label.text and "Pretraining" in panel.legend_label.text


def test_pretraining_only_run_draws_one_learner(panel):
    panel.reset(omniglot_info("pretraining"))
    p = predictions(seed=3)
    _fed(panel, p)
    for row in panel.cells:
        for cell in row:
            assert len(cell.bars) == 1
            assert cell.bars[0].opts["brush"] == theme.PRETRAINING_COLOR
    assert "twin" not in panel.legend_label.text
    # one cross at most per cell, where the (single) learner is wrong
    for row, query in enumerate(panel.rows):
        for j, cell in enumerate(panel.cells[row]):
            assert len(_crosses(cell)) == int(p.wrong("main")[j, query])
    headers = [c.header for c in panel.curve_table()]
    assert not any("twin" in h for h in headers)
    assert len(headers) == 2 + 2 * len(STEPS)


def test_curve_table_columns_per_query_image(panel):
    p = predictions(seed=4)
    _fed(panel, p)
    table = {c.header: c.values for c in panel.curve_table()}
    assert list(table)[:2] == ["query image", "true class (1..N)"]
    np.testing.assert_array_equal(table["true class (1..N)"], p.query_labels + 1)
    for name, probs in (("MAML", p.main), ("Pretraining", p.twin)):
        for j, k in enumerate(STEPS):
            right = probs[j, np.arange(5), p.query_labels]
            np.testing.assert_allclose(table[f"{name} P(true class), k = {k}"], right)
            predicted = table[f"{name} predicted class (1..N), k = {k}"]
            np.testing.assert_array_equal(predicted, probs[j].argmax(-1) + 1)
    assert len(table) == 2 + 2 * 2 * len(STEPS)


def test_more_queries_than_rows_shows_each_class_and_tables_all(panel):
    p = predictions(per_class=3)
    _fed(panel, p)
    assert len(panel.rows) == MAX_ROWS
    assert sorted(p.query_labels[panel.rows].tolist()) == [0, 1, 2, 3, 4]
    assert len(panel.curve_table()[0].values) == 15
    assert shown_queries(np.array([0, 0, 1, 1]), 3) == [0, 2, 1]


def test_two_step_counts_draw_two_columns(panel):
    _fed(panel, predictions(steps=(0, 1)))
    assert len(panel.headers) == 2 and all(len(row) == 2 for row in panel.cells)


def test_a_malformed_payload_is_refused(panel):
    p = predictions()
    bad = TaskPredictions(**{**p.__dict__, "main": p.main[:, :3]})
    with pytest.raises(ValueError, match="main"):
        panel.on_payload(bad)
    assert panel.predictions is None


@pytest.mark.parametrize(
    ("size", "slide"), [((520, 340), False), ((1100, 560), True)], ids=["dock", "presenter"]
)
def test_content_fits_a_dock_and_a_presenter_screen(panel, size, slide):
    panel.resize(*size)
    panel.show()
    panel.apply_theme(theme.slide_theme_fitting(*size) if slide else theme.SCREEN)
    _fed(panel, predictions())
    assert panel.content_fits()
    assert panel.view.minimumWidth() <= size[0]


def settle(qtbot, panel, size) -> None:
    panel.resize(*size)
    panel.show()
    settle_layout()  # the layout (and a compact rebuild) at the next event loop passes
    panel.redraw()
    settle_layout()


@pytest.mark.parametrize("n_way", [5, 20])
@pytest.mark.parametrize(
    ("size", "slide"),
    [((395, 330), False), ((600, 480), False), ((1100, 560), True)],
    ids=["dock-1280x720", "dock-1920x1080", "presenter"],
)
def test_every_item_lies_inside_the_view(panel, qtbot, size, slide, n_way):
    """A 1280x720 window's dock (395 x 330) cut the k = 10 column and the legend."""
    panel.apply_theme(theme.slide_theme_fitting(*size) if slide else theme.SCREEN)
    _fed(panel, predictions(n_way=n_way))
    settle(qtbot, panel, size)
    assert panel.width() == size[0]
    assert panel.view.minimumWidth() <= size[0]
    assert scene_items_outside(panel.view) == []
    assert panel.content_fits()
    assert panel.compact == (size[0] < 500)
    legend = panel.legend_label.text
    assert "MAML" in legend and "Pretraining" in legend and "chance" in legend
    assert "k = 10" in panel.headers[-1].text


def test_a_narrow_dock_is_compact_and_a_wide_one_full(panel, qtbot):
    _fed(panel, predictions())
    settle(qtbot, panel, (395, 330))
    assert panel.compact and "right:" not in panel.headers[0].text
    settle(qtbot, panel, (700, 480))
    assert not panel.compact and "right:" in panel.headers[0].text
    assert "(φ itself)" in panel.headers[0].text
    assert scene_items_outside(panel.view) == []


def test_export_target_exports_to_png(panel, tmp_path):
    _fed(panel, predictions())
    path = export_png(panel.export_target(), tmp_path / "task.png", width_px=800)
    with Image.open(path) as image:
        assert image.size[0] == 800
        pixels = np.asarray(image.convert("RGB"))
    # the blue and vermillion bars are in the picture
    for color in (theme.ALGORITHM_COLOR, theme.PRETRAINING_COLOR):
        rgb = np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)])
        assert (np.abs(pixels.astype(int) - rgb).sum(-1) < 30).sum() > 50, color
    slide = export_view(panel, tmp_path / "slide.png")  # the slide theme, then put back
    with Image.open(slide) as image:
        assert image.size == (1280, 720)
    assert panel.styler.theme == theme.SCREEN

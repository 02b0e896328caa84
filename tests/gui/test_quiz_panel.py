"""You vs the model: the buttons wait for the task, the score counts the user's clicks and the
models' argmax on the same questions (as they were when answered), keys 1..N answer, the
requests walk the held-out tasks, and the score plot exports."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout

from maml_gui.gui import theme
from maml_gui.gui.export.images import export_png
from maml_gui.gui.export.views import export_view
from maml_gui.gui.panels.quiz import MIN_PLOT_HEIGHT, YOU_COLOR, QuizPanel, question_order
from tests.gui.classification import omniglot_info, omniglot_traits, scene_items_outside
from tests.gui.events import settle_layout
from tests.gui.test_task_view_panel import predictions


def sure(p, main_pick, twin_pick):
    """``p`` with models certain of ``main_pick(label)`` and ``twin_pick(label)`` after the
    last number of steps, and of another class before (the quiz takes the last)."""

    def probabilities(pick):
        probs = np.full((len(p.steps), len(p.query_labels), 5), 0.01)
        for query, label in enumerate(p.query_labels):
            probs[-1, query, pick(int(label))] = 0.96
            probs[:-1, query, (pick(int(label)) + 1) % 5] = 0.96
        return probs

    return replace(p, main=probabilities(main_pick), twin=probabilities(twin_pick))


def right(label: int) -> int:
    return label


def first_class(_label: int) -> int:
    return 0


@pytest.fixture
def quiz(qtbot) -> QuizPanel:
    panel = QuizPanel()
    qtbot.addWidget(panel)
    panel.resize(520, 340)
    panel.reset(omniglot_info())
    return panel


def _truth(quiz: QuizPanel) -> int:
    """The true class of the question on screen."""
    return int(quiz.current.query_labels[quiz.order[quiz.position]])


def test_shown_for_classifiers_only(quiz):
    assert quiz.shown_for(omniglot_traits(True))
    assert not quiz.shown_for(omniglot_traits(False))
    assert quiz.key == "quiz" and quiz.title == "You vs the model"
    assert "K_test" in quiz.help_text


def test_buttons_wait_for_the_payload(quiz, qtbot):
    assert quiz.phase == "waiting"
    assert "Waiting for the task" in quiz.prompt.text()
    assert len(quiz.buttons) == 5 and not any(b.isEnabled() for b in quiz.buttons)
    qtbot.mouseClick(quiz.buttons[0], Qt.MouseButton.LeftButton)  # a disabled button
    qtbot.keyClick(quiz, Qt.Key.Key_1)
    assert quiz.answers == []
    quiz.on_payload(predictions(task_index=0))
    assert quiz.phase == "asking" and all(b.isEnabled() for b in quiz.buttons)
    assert "which character" in quiz.prompt.text()


def test_a_payload_of_another_task_does_not_start_it(quiz):
    quiz.on_payload(predictions(task_index=4))
    assert quiz.phase == "waiting" and not quiz.buttons[0].isEnabled()


def test_score_counts_clicks_and_models_argmax_on_the_same_questions(quiz, qtbot):
    quiz.on_payload(sure(predictions(), right, first_class))
    yours = []
    for question in range(5):
        truth = _truth(quiz)
        choice = truth if question < 3 else (truth + 1) % 5  # 3 right, 2 wrong
        yours.append((truth, choice))
        qtbot.mouseClick(quiz.buttons[choice], Qt.MouseButton.LeftButton)
    assert [(a.truth, a.you) for a in quiz.answers] == yours
    assert all(a.main == a.truth and a.twin == 0 and a.steps == 10 for a in quiz.answers)
    assert "You 3/5</b> (60%)" in quiz.score_label.text()
    assert "MAML 5/5" in quiz.score_label.text()
    assert "Pretraining 1/5" in quiz.score_label.text()  # right only on the class-1 image
    assert "models after 10 steps" in quiz.score_label.text()  # the plot may be hidden
    quiz.redraw()
    np.testing.assert_allclose(quiz.bars.opts["width"], [0.6, 1.0, 0.2])
    names = [text for _x, _y, text in quiz.bar_texts.visible_texts()]
    assert names == ["You 3/5", "MAML 5/5", "Pretraining 1/5"]
    assert quiz.bars.opts["brushes"][0].color().name() == YOU_COLOR.lower()
    assert quiz.bars.opts["brushes"][1].color().name() == theme.ALGORITHM_COLOR.lower()
    assert quiz.bars.opts["brushes"][2].color().name() == theme.PRETRAINING_COLOR.lower()


def test_each_query_image_is_asked_once_in_a_shuffled_order(quiz):
    p = predictions(per_class=2)
    quiz.on_payload(p)
    asked = []
    while quiz.phase == "asking":
        asked.append(quiz.order[quiz.position])
        quiz.answer(0)
    assert sorted(asked) == list(range(10))
    assert asked != sorted(asked)  # the engine's order (by class) would give the answers away
    assert question_order(3, 10) == question_order(3, 10)


def test_models_answers_are_those_current_when_answered(quiz):
    p = predictions()
    quiz.on_payload(sure(p, right, first_class))
    quiz.answer(0)
    quiz.answer(0)
    quiz.on_payload(sure(p, first_class, right))  # training moved on: the models swap
    assert quiz.position == 2  # the same images: the questions go on
    quiz.answer(0)
    first, second, third = quiz.answers
    assert first.main == first.truth and first.twin == 0
    assert second.main == second.truth and second.twin == 0
    assert third.main == 0 and third.twin == third.truth


def test_keys_one_to_n_answer(quiz, qtbot):
    quiz.on_payload(predictions())
    qtbot.keyClick(quiz, Qt.Key.Key_2)
    qtbot.keyClick(quiz, Qt.Key.Key_5)
    qtbot.keyClick(quiz, Qt.Key.Key_9)  # no class 9 in a 5-way task
    assert [a.you for a in quiz.answers] == [1, 4]


def test_requests_walk_the_held_out_tasks(quiz, qtbot):
    def wanted():
        (request,) = quiz.requests()
        assert request.kind == "task_predictions"
        return request.param("task_index")

    assert wanted() == 0
    quiz.on_payload(predictions(task_index=0))
    for _ in range(4):
        quiz.answer(1)
    assert wanted() == 0
    with qtbot.waitSignal(quiz.requests_changed, timeout=1000):
        quiz.answer(1)  # the task is done: fetch the next one already
    assert quiz.phase == "done" and wanted() == 1
    assert not any(b.isEnabled() for b in quiz.buttons)
    quiz.on_payload(predictions(task_index=1, seed=1))
    with qtbot.waitSignal(quiz.requests_changed, timeout=1000):
        qtbot.mouseClick(quiz.next_button, Qt.MouseButton.LeftButton)
    assert quiz.task_index == 1 and quiz.phase == "asking"  # no wait: it came already
    assert wanted() == 1
    quiz.answer(0)
    assert [a.task for a in quiz.answers] == [0] * 5 + [1]


def test_after_the_last_held_out_task_nothing_is_asked(quiz):
    quiz.reset(replace(omniglot_info(), config=omniglot_info().config.replace(eval_tasks=2)))
    quiz.next_task()
    assert quiz.task_index == 1 and quiz.requests()
    quiz.next_task()
    assert quiz.phase == "finished" and quiz.requests() == []
    assert not quiz.next_button.isEnabled()


def test_start_over_and_reset_clear_the_score(quiz, qtbot):
    quiz.on_payload(predictions())
    quiz.answer(0)
    with qtbot.waitSignal(quiz.requests_changed, timeout=1000):
        qtbot.mouseClick(quiz.restart_button, Qt.MouseButton.LeftButton)
    assert quiz.answers == [] and quiz.task_index == 0 and quiz.position == 0
    assert quiz.phase == "asking"  # task 0's payload was kept
    quiz.answer(0)
    quiz.next_task()
    quiz.start_over()
    assert quiz.answers == [] and quiz.task_index == 0
    assert quiz.requests()[0].param("task_index") == 0
    quiz.on_payload(predictions())
    quiz.answer(0)
    quiz.reset(omniglot_info())  # a new run: a new game
    assert quiz.answers == [] and quiz.phase == "waiting"
    assert "You 0/0" in quiz.score_label.text()


def test_pretraining_only_run_scores_one_model(quiz):
    quiz.reset(omniglot_info("pretraining"))
    quiz.on_payload(sure(predictions(), right, first_class))
    quiz.answer(0)
    quiz.redraw()
    assert "twin" not in quiz.score_label.text()
    assert quiz.score_label.text().count("/1") == 2  # you and pretraining
    assert len(quiz.bars.opts["width"]) == 2
    assert quiz.bars.opts["brushes"][1].color().name() == theme.PRETRAINING_COLOR.lower()
    headers = [c.header for c in quiz.curve_table()]
    assert not any("twin" in h for h in headers)


def test_curve_table_has_a_row_per_answered_question(quiz):
    assert quiz.curve_table() == []
    quiz.on_payload(sure(predictions(), right, first_class))
    truths = []
    for _ in range(3):
        truths.append(_truth(quiz))
        quiz.answer(2)
    table = {c.header: c.values for c in quiz.curve_table()}
    assert list(table) == [
        "task index",
        "query image",
        "true class (1..N)",
        "your answer (1..N)",
        "MAML answer (1..N)",
        "Pretraining answer (1..N)",
        "model fine-tuning steps",
    ]
    np.testing.assert_array_equal(table["task index"], [0, 0, 0])
    np.testing.assert_array_equal(table["query image"], quiz.order[:3])
    np.testing.assert_array_equal(table["true class (1..N)"], np.array(truths) + 1)
    np.testing.assert_array_equal(table["your answer (1..N)"], [3, 3, 3])
    np.testing.assert_array_equal(table["MAML answer (1..N)"], np.array(truths) + 1)
    np.testing.assert_array_equal(table["Pretraining answer (1..N)"], [1, 1, 1])


def _assert_quiz_whole(quiz: QuizPanel) -> None:
    """The quiz's widgets (the buttons at their current size) need no more than it has."""
    need = quiz.quiz.layout().minimumSize()
    assert need.width() <= quiz.quiz.width() and need.height() <= quiz.quiz.height()
    if not quiz.view.isVisible():  # a short dock: the score's text only
        assert quiz.quiz.height() <= quiz.height() and quiz.quiz.width() <= quiz.width()
    elif quiz.row.direction() == QBoxLayout.Direction.LeftToRight:  # none beyond the panel
        assert quiz.quiz.width() + quiz.view.width() <= quiz.width() + 1
    else:
        assert quiz.quiz.height() + quiz.view.height() <= quiz.height() + 1


@pytest.mark.parametrize(
    ("size", "slide"), [((520, 340), False), ((1100, 560), True)], ids=["dock", "presenter"]
)
def test_fits_a_dock_and_a_presenter_screen(quiz, qtbot, size, slide):
    quiz.on_payload(predictions())
    quiz.answer(0)
    quiz.show()
    quiz.resize(*size)
    quiz.apply_theme(theme.slide_theme_fitting(*size) if slide else theme.SCREEN)
    quiz.redraw()
    settle_layout()  # the layout settles at the next event loop pass
    assert quiz.content_fits()
    _assert_quiz_whole(quiz)


def test_a_tall_dock_puts_the_quiz_above_the_plot(quiz, qtbot):
    quiz.on_payload(predictions())
    quiz.answer(0)
    quiz.show()
    quiz.resize(380, 640)
    quiz.redraw()
    settle_layout()  # the layout takes the new direction at the next event loop pass
    assert quiz.size().width() == 380
    assert quiz.row.direction() == QBoxLayout.Direction.TopToBottom
    assert quiz.content_fits()
    _assert_quiz_whole(quiz)
    quiz.resize(640, 380)
    assert quiz.row.direction() == QBoxLayout.Direction.LeftToRight


@pytest.mark.parametrize(
    ("size", "slide", "plot"),
    [((395, 330), False, False), ((600, 480), False, True), ((1100, 560), True, True)],
    ids=["dock-1280x720", "dock-1920x1080", "presenter"],
)
def test_every_item_lies_inside_the_view(quiz, qtbot, size, slide, plot):
    """A 1280x720 window's dock (395 x 330) squashed the score plot to a cut sliver: there
    the plot is left out and the score's text stays; with room, the plot is whole."""
    quiz.on_payload(sure(predictions(), right, first_class))
    quiz.answer(_truth(quiz))
    quiz.show()
    quiz.resize(*size)
    quiz.apply_theme(theme.slide_theme_fitting(*size) if slide else theme.SCREEN)
    quiz.redraw()
    settle_layout()
    assert quiz.view.isVisible() == plot
    if plot:
        assert quiz.view.height() >= MIN_PLOT_HEIGHT
        assert scene_items_outside(quiz.view) == []
    score = quiz.score_label.text()  # the score in text, with or without the plot
    assert all(f"{name} {right}/1" in score for name, right in (("You", 1), ("MAML", 1)))
    assert quiz.content_fits()
    _assert_quiz_whole(quiz)
    for widget in [quiz.prompt, quiz.query_label, quiz.feedback, quiz.score_label, *quiz.buttons]:
        rect = widget.rect().translated(widget.mapTo(quiz, widget.rect().topLeft()))
        assert quiz.rect().contains(rect), widget


def test_the_plot_comes_back_when_the_dock_grows(quiz, qtbot, tmp_path):
    quiz.on_payload(sure(predictions(), right, first_class))
    quiz.answer(0)
    quiz.show()
    quiz.resize(395, 330)
    settle_layout()
    assert not quiz.view.isVisible()
    quiz.redraw()
    path = export_png(quiz.export_target(), tmp_path / "quiz.png", width_px=600)
    with Image.open(path) as image:  # the hidden plot still exports, whole
        assert image.size[0] == 600 and image.size[1] >= 300
        pixels = np.asarray(image.convert("RGB")).astype(int)
    rgb = np.array([int(theme.ALGORITHM_COLOR[i : i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(pixels - rgb).sum(-1) < 30).sum() > 100  # MAML's bar
    quiz.resize(395, 600)
    settle_layout()
    assert quiz.view.isVisible()


def test_export_target_exports_to_png(quiz, tmp_path):
    quiz.on_payload(sure(predictions(), right, first_class))
    quiz.answer(0)
    quiz.redraw()
    path = export_png(quiz.export_target(), tmp_path / "quiz.png", width_px=600)
    with Image.open(path) as image:
        assert image.size[0] == 600
        pixels = np.asarray(image.convert("RGB")).astype(int)
    rgb = np.array([int(theme.ALGORITHM_COLOR[i : i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(pixels - rgb).sum(-1) < 30).sum() > 100  # MAML's bar
    slide = export_view(quiz, tmp_path / "slide.png")  # the slide theme, then put back
    with Image.open(slide) as image:
        assert image.size == (1280, 720)
    assert quiz.styler.theme == theme.SCREEN

"""You vs the model (Omniglot classification): the user answers held-out N-way 1-shot tasks,
one query image at a time, by clicking the support image of the same character, and their
running score is drawn beside the run's algorithm's and pretraining's on the same questions.

The models' answers come from the TaskPredictions payload of the task (the last number of
fine-tuning steps, K_test); they are recorded when the user answers, since training keeps
changing the models and the payload with them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QFont, QIcon, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from maml_gui.core.records import FamilyTraits, TaskPredictions
from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.panels.bar_chart import TextPool
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import PlotPanel
from maml_gui.gui.panels.learners import Learners, learners
from maml_gui.gui.panels.task_view import PAPER, PEN, check_predictions, class_examples
from maml_gui.gui.plotting.styles import Style

log = logging.getLogger(__name__)

#: the user's bar: neutral, neither learner's colour
YOU_COLOR = "#4D4D4D"
CHANCE_COLOR = "#606060"
RIGHT, WRONG = "✓", "✗"
#: support buttons per row (a 20-way task wraps onto two rows)
BUTTONS_PER_ROW = 10
#: the quiz's share of the panel's width (or height); the score plot has the rest
QUIZ_STRETCH, PLOT_STRETCH = 3, 2
#: the quiz sits beside the plot in a view this much wider than tall, above it otherwise
SIDE_BY_SIDE_ASPECT = 1.1
SIDE_BY_SIDE_WIDTH = 460
#: the quiz's own minimum: its buttons' shrink to the width it gets, so the layout's minimum
#: (the buttons at their current size) would keep a dock from ever getting narrower
QUIZ_MINIMUM = 150
#: the score plot is left out when it would get fewer pixels than this in height (a dock of
#: 330 pixels squashed it to a sliver); the score's text above says the same
MIN_PLOT_HEIGHT = 150
#: bounds of the images' sides in pixels
MIN_SIDE, MAX_SIDE = 28, 150
#: a bar's thickness, and the room above the top one for its name (data units, 1 per bar)
BAR_HEIGHT = 0.5
LABEL_ROOM = 0.45


@dataclass(frozen=True)
class Answer:
    """One answered question; classes 0..N-1. ``main``/``twin``: each model's answer from the
    payload current when the user answered (after ``steps`` fine-tuning steps)."""

    task: int
    query: int
    truth: int
    you: int
    main: int
    twin: int
    steps: int


def ink_pixmap(image: np.ndarray, side: int) -> QPixmap:
    """A 28 x 28 ink image as grey ink on white, ``side`` pixels square."""
    grey = np.rint(PAPER + (PEN - PAPER) * np.clip(image, 0.0, 1.0)).astype(np.uint8)
    grey = np.ascontiguousarray(grey)
    height, width = grey.shape
    qimage = QImage(grey.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(qimage).scaled(
        side,
        side,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def question_order(task_index: int, count: int) -> list[int]:
    """The query images in a shuffled order, the same for a task every time: the engine sends
    them by class, which would give away the answers (1, 2, 3, ...)."""
    return [int(i) for i in np.random.default_rng(task_index).permutation(count)]


def model_answers(p: TaskPredictions, query: int) -> tuple[int, int, int]:
    """(main's, twin's answer, steps): argmax after the payload's last number of steps."""
    return int(np.argmax(p.main[-1, query])), int(np.argmax(p.twin[-1, query])), p.steps[-1]


class QuizPanel(PlotPanel):
    key = "quiz"
    title = QT_TRANSLATE_NOOP("Views", "You vs the model")
    #: a payload costs a few fine-tuning runs of Conv4: only while the view is seen
    requests_only_when_seen = True
    help_text = QT_TRANSLATE_NOOP(
        "Help",
        "Play the task yourself: a held-out 5-way 1-shot task shows one drawing of each of five "
        "characters you have most likely never seen (the support set, one example per class) "
        "and then, one at a time, new drawings of them (the query images). Click the support "
        "drawing of the same character, or press its number. The plot keeps your running "
        "score beside the models' on exactly the same query images: each model's answer is "
        "the class it gives the highest probability after K_test fine-tuning steps on the same "
        "support set (the task view's right-hand column), taken when you answer, since "
        "training keeps changing the models. People need one example of a new character; the "
        "point of meta-learning is a start phi from which a network needs one too. Next task "
        "skips to the next held-out task; Start over clears the score.",
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.next_button = QPushButton(translate("Quiz", "Next task"))
        self.next_button.clicked.connect(self.next_task)
        self.restart_button = QPushButton(translate("Quiz", "Start over"))
        self.restart_button.clicked.connect(self.start_over)
        self.add_control("", self.next_button, translate("Quiz", "skip to the next held-out task"))
        self.add_control(
            "", self.restart_button, translate("Quiz", "clear your score and start at task 0")
        )
        self.controls.addStretch(1)
        self._build_quiz()
        self._build_plot()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.applies = True
        self.who: Learners = learners("maml")
        self.eval_tasks = 1
        self.n_way = 0
        self.task_index = 0
        self.position = 0
        self.order: list[int] = []
        self.payloads: dict[int, TaskPredictions] = {}
        self.answers: list[Answer] = []
        self.finished = False
        self.side = 48  # support images' side (px)
        self.buttons: list[QToolButton] = []

    # -- widgets ------------------------------------------------------------------------------
    def _build_quiz(self) -> None:
        """Prompt, query image, support buttons, last answer and score, beside the plot."""
        self.quiz = QWidget()
        self.quiz.setMinimumSize(QUIZ_MINIMUM, QUIZ_MINIMUM)
        column = QVBoxLayout(self.quiz)
        column.setContentsMargins(8, 4, 4, 4)
        column.setSpacing(4)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.query_label = QLabel()
        self.query_label.setFrameShape(QFrame.Shape.Box)
        self.query_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.query_label.setStyleSheet("QLabel { background: white; color: #505050; }")
        self.query_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.button_grid = QGridLayout()
        self.button_grid.setSpacing(4)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.score_label = QLabel()
        self.score_label.setWordWrap(True)
        column.addWidget(self.prompt)
        column.addWidget(self.query_label, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addLayout(self.button_grid)
        column.addWidget(self.feedback)
        column.addWidget(self.score_label)
        column.addStretch(1)
        box = self.layout()
        box.removeWidget(self.view)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.quiz, QUIZ_STRETCH)
        self.row.addWidget(self.view, PLOT_STRETCH)
        box.addLayout(self.row, 1)

    def _build_plot(self) -> None:
        self.figure = self.add_plot(legend_columns=1)
        plot = self.figure.plot
        # Horizontal bars, each named above it (under vertical bars "Pretraining" was
        # dropped by the axis at slide size).
        self.bars = pg.BarGraphItem(x0=[0], y=[0], width=[0], height=BAR_HEIGHT, brush=YOU_COLOR)
        self.bars.setOpts(pen=None)
        plot.addItem(self.bars)
        # each bar's name and count, on the background: the chance line would cross them
        self.bar_texts = TextPool(
            plot, self.styler, palette.SCREEN["foreground"], anchor=(0.0, 1.0), on_background=True
        )
        # the label at the line's bottom end, right of it, under the last bar (centred on
        # the end it was cut)
        label = {"position": 0.04, "anchors": [(0, 0.5), (0, 0.5)], "color": CHANCE_COLOR}
        self.chance = pg.InfiniteLine(
            0.2, angle=90, label=translate("Quiz", "chance "), labelOpts=label
        )
        self.styler.style(self.chance, Style(CHANCE_COLOR, 0.5, Qt.PenStyle.DotLine))
        plot.addItem(self.chance, ignoreBounds=True)
        plot.disableAutoRange()
        plot.showGrid(x=True, y=False, alpha=0.15)
        # shares as percentages, none beyond 100% (the range goes on for the counts' text)
        major = [(share, f"{round(100 * share)}%") for share in (0.0, 0.5, 1.0)]
        plot.getAxis("bottom").setTicks([major, [(0.25, ""), (0.75, "")]])
        plot.setMouseEnabled(False, False)
        self.figure.set_legend([])

    # -- the contract -------------------------------------------------------------------------
    def shown_for(self, traits: FamilyTraits) -> bool:
        return traits.is_classifier

    def reset(self, info: RunInfo) -> None:
        """A new run: a new game."""
        self.applies = info.traits.is_classifier
        self.who = learners(info.config.algorithm)
        self.eval_tasks = max(info.config.eval_tasks, 1)
        self.n_way = info.config.n_way
        self.payloads = {}
        self._restart()
        self._make_buttons(self.n_way)
        self._sync()

    def on_payload(self, payload) -> None:
        if not isinstance(payload, TaskPredictions) or not self.applies:
            return
        if payload.task_index not in (self.task_index, self.task_index + 1):
            log.debug("quiz: ignored task %d (at task %d)", payload.task_index, self.task_index)
            return
        check_predictions(payload)
        old = self.payloads.get(payload.task_index)
        self.payloads[payload.task_index] = payload
        if payload.task_index != self.task_index:
            return  # the next task, fetched while the user looks at a finished one
        if old is None or not _same_images(old, payload):
            if old is not None:  # the held-out set changed (eval_tasks set live)
                log.info("quiz: task %d has new images; its questions start again", old.task_index)
            self.order = question_order(payload.task_index, len(payload.query_labels))
            self.position = 0
        self._sync()

    def requests(self) -> list[PayloadRequest]:
        if not self.applies or self.finished:
            return []
        wanted = self.task_index
        if self.phase == "done" and self.task_index + 1 < self.eval_tasks:
            wanted += 1  # answered: fetch the next task while the user reads the score
        return [PayloadRequest("task_predictions", (("task_index", wanted),))]

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        names, colors, counts = self._scores()
        total = len(self.answers)
        heights = [count / total if total else 0.0 for count in counts]
        y = np.arange(len(names), dtype=float)[::-1]  # you at the top
        brushes = [pg.mkBrush(c) for c in colors]
        self.bars.setOpts(x0=np.zeros(len(y)), y=y, width=heights, brushes=brushes)
        self._place_bar_texts(y, names, counts, total)
        plot = self.figure.plot
        top = len(names) - 1 + BAR_HEIGHT / 2 + LABEL_ROOM  # room for the top bar's name
        # beyond 100%: room for that tick's label, which the axis drops at its very end
        plot.setRange(xRange=(0, 1.15), yRange=(-0.45, top), padding=0)
        self.chance.setValue(1 / max(self.n_way, 1))
        steps = self._model_steps()
        if steps is None:
            title = translate("Quiz", "Right answers")
        else:
            title = translate("Quiz", "Right answers (models after {steps} steps)")
        self.figure.set_text(title=title.format(steps=steps), x="", y="")
        plot.hideAxis("left")  # the names are over the bars (a theme shows the axis again)

    def curve_table(self) -> list[CurveColumn]:
        if not self.answers:
            return []
        a = self.answers
        columns = [
            CurveColumn("task index", np.array([x.task for x in a])),
            CurveColumn("query image", np.array([x.query for x in a])),
            CurveColumn("true class (1..N)", np.array([x.truth + 1 for x in a])),
            CurveColumn("your answer (1..N)", np.array([x.you + 1 for x in a])),
            CurveColumn(f"{self.who.labels[0]} answer (1..N)", np.array([x.main + 1 for x in a])),
        ]
        if self.who.twin_shown:
            twin = np.array([x.twin + 1 for x in a])
            columns.append(CurveColumn(f"{self.who.labels[1]} answer (1..N)", twin))
        columns.append(CurveColumn("model fine-tuning steps", np.array([x.steps for x in a])))
        return columns

    def apply_theme(self, theme: dict) -> None:
        super().apply_theme(theme)
        self._apply_fonts()
        self._fit_images()
        self.redraw()  # now: an export applies the slide theme and paints at once

    def content_fits(self) -> bool:
        """The plot and the quiz's text and images (the window steps a presenter's fonts down
        until they fit)."""
        need = self.quiz.layout().minimumSize()
        quiz_fits = need.width() <= self.quiz.width() and need.height() <= self.quiz.height()
        if not self.view.isVisibleTo(self):  # a short dock: the score's text only
            return quiz_fits
        return super().content_fits() and quiz_fits

    # -- the game -----------------------------------------------------------------------------
    @property
    def current(self) -> TaskPredictions | None:
        return self.payloads.get(self.task_index)

    @property
    def phase(self) -> str:
        """'waiting' for the task's payload, 'asking' a question, 'done' with the task, or
        'finished' with every held-out task."""
        if self.finished:
            return "finished"
        if self.current is None:
            return "waiting"
        return "asking" if self.position < len(self.order) else "done"

    def answer(self, choice: int) -> bool:
        """The user picks class ``choice`` (0..N-1) for the current query image; False when
        there is no question to answer (waiting, or the task is done)."""
        p = self.current
        if self.phase != "asking" or p is None or not 0 <= choice < p.main.shape[-1]:
            log.debug("quiz: answer %d ignored in phase %s", choice, self.phase)
            return False
        query = self.order[self.position]
        main, twin, steps = model_answers(p, query)
        truth = int(p.query_labels[query])
        self.answers.append(Answer(p.task_index, query, truth, choice, main, twin, steps))
        self.position += 1
        self.dirty = True
        self._sync()
        if self.phase == "done":
            self.requests_changed.emit()  # prefetch the next task
        return True

    def next_task(self) -> None:
        """On to the next held-out task (skipping what is left of this one)."""
        if self.task_index + 1 >= self.eval_tasks:
            self.finished = True
        else:
            self.task_index += 1
            self.payloads = {k: v for k, v in self.payloads.items() if k >= self.task_index}
            p = self.current
            self.order = question_order(self.task_index, len(p.query_labels)) if p else []
            self.position = 0
        self._sync()
        self.requests_changed.emit()

    def start_over(self) -> None:
        self.payloads = {k: v for k, v in self.payloads.items() if k == 0}
        self._restart()
        self._sync()
        self.requests_changed.emit()

    def _restart(self) -> None:
        self.task_index = 0
        self.position = 0
        self.finished = False
        self.answers = []
        p = self.current
        self.order = question_order(0, len(p.query_labels)) if p else []
        self.feedback.setText("")
        self.dirty = True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        """1..N answer (the support buttons' numbers); Enter goes on once a task is done."""
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.answer(key - Qt.Key.Key_1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.phase == "done":
            self.next_task()
        else:
            super().keyPressEvent(event)

    # -- showing the state --------------------------------------------------------------------
    def _make_buttons(self, n_way: int) -> None:
        for button in self.buttons:
            self.button_grid.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for label in range(n_way):
            button = QToolButton()
            button.setText(str(label + 1))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setToolTip(
                translate("Quiz", "class {number}: this one (key {number})").format(
                    number=label + 1
                )
            )
            button.clicked.connect(lambda _checked=False, c=label: self.answer(c))
            row, col = divmod(label, BUTTONS_PER_ROW)
            self.button_grid.addWidget(button, row, col)
            self.buttons.append(button)
        self._apply_fonts()
        self._fit_images()

    def _sync(self) -> None:
        """The widgets for the game's state (cheap: called on every answer and payload)."""
        phase, p = self.phase, self.current
        self.next_button.setEnabled(self.applies and not self.finished)
        self.prompt.setText(self._prompt(phase))
        self._show_support(p)
        self._show_query(p, phase)
        for button in self.buttons:
            button.setEnabled(phase == "asking")
        self.score_label.setText(self._score_text())
        self.feedback.setText(self._last_answer_text())
        self.dirty = True
        if phase != "asking" and self.focusWidget() in self.buttons:
            self.setFocus()  # a disabled button drops the focus, and with it keys 1..N

    def _prompt(self, phase: str) -> str:
        if not self.applies:
            return translate(
                "Quiz", "You vs the model needs an image classification run (Omniglot)."
            )
        if phase == "waiting":
            return translate(
                "Quiz", "<b>Waiting for the task…</b> (held-out task {task} is being prepared)"
            ).format(task=self.task_index)
        if phase == "finished":
            return translate(
                "Quiz", "<b>That was every held-out task.</b> Start over to play again."
            )
        total = len(self.order)
        if phase == "done":
            mine = sum(a.you == a.truth for a in self.answers if a.task == self.task_index)
            return translate(
                "Quiz",
                "<b>Task {task} done:</b> {right}/{total} right. Next task (or Enter) for another.",
            ).format(task=self.task_index, right=mine, total=total)
        keys = f"1–{min(self.n_way, 9)}"  # keys 1..9 only
        return translate(
            "Quiz",
            "Task {task}, image {image} of {total}: <b>which character is this?</b> Click it "
            "below or press {keys}.",
        ).format(task=self.task_index, image=self.position + 1, total=total, keys=keys)

    def _show_support(self, p: TaskPredictions | None) -> None:
        examples = class_examples(p.support_labels, len(self.buttons)) if p is not None else []
        for label, button in enumerate(self.buttons):
            index = examples[label] if examples else -1
            if index < 0:
                button.setIcon(QIcon(_blank(self.side)))
            else:
                button.setIcon(QIcon(ink_pixmap(p.support[index], self.side)))

    def _show_query(self, p: TaskPredictions | None, phase: str) -> None:
        side = self._query_side()
        self.query_label.setFixedSize(side + 2, side + 2)
        if phase == "asking" and p is not None:
            self.query_label.setPixmap(ink_pixmap(p.query[self.order[self.position]], side))
        else:
            self.query_label.setPixmap(QPixmap())
            words = {"waiting": translate("Quiz", "waiting…"), "done": translate("Quiz", "done")}
            self.query_label.setText(words.get(phase, ""))

    def _score_text(self) -> str:
        names, colors, counts = self._scores()
        total = len(self.answers)
        parts = []
        for index, (name, color, count) in enumerate(zip(names, colors, counts, strict=True)):
            share = f" ({round(100 * count / total)}%)" if index == 0 and total else ""
            parts.append(f'<span style="color:{color}"><b>{name} {count}/{total}</b>{share}</span>')
        steps = self._model_steps()
        # said here too: the plot's title says it, but a short dock hides the plot
        after = translate("Quiz", "(models after {steps} steps)").format(steps=steps)
        after = f'<span style="color:#606060"> {after}</span>'
        return " · ".join(parts) + (after if steps is not None else "")

    def _last_answer_text(self) -> str:
        if not self.answers:
            return ""
        a = self.answers[-1]
        picks = [(translate("Quiz", "you"), a.you), (self.who.labels[0], a.main)]
        if self.who.twin_shown:
            picks.append((self.who.labels[1], a.twin))
        said = ", ".join(
            f"{name} {RIGHT if pick == a.truth else WRONG + f' ({pick + 1})'}"
            for name, pick in picks
        )
        return translate("Quiz", "Last image was class {number}: {said}").format(
            number=a.truth + 1, said=said
        )

    def _scores(self) -> tuple[list[str], list[str], list[int]]:
        """The bars: you, the run's algorithm, and pretraining unless it is the algorithm."""
        names = [translate("Quiz", "You"), self.who.labels[0]]
        colors = [YOU_COLOR, self.who.colors[0]]
        counts = [
            sum(a.you == a.truth for a in self.answers),
            sum(a.main == a.truth for a in self.answers),
        ]
        if self.who.twin_shown:
            names.append(self.who.labels[1])
            colors.append(self.who.colors[1])
            counts.append(sum(a.twin == a.truth for a in self.answers))
        return names, colors, counts

    def _model_steps(self) -> int | None:
        if self.answers:
            return self.answers[-1].steps
        p = self.current
        return p.steps[-1] if p is not None else None

    def _place_bar_texts(self, y, names, counts, total) -> None:
        """Each bar's name and count just above it, from the left: as the left axis' ticks,
        the names took a third of a narrow plot and its title wrapped onto five lines."""
        self.bar_texts.show(
            [(0.0, y[i] + BAR_HEIGHT / 2, f"{names[i]} {counts[i]}/{total}") for i in range(len(y))]
        )

    # -- sizes --------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # Qt's name
        super().resizeEvent(event)
        self._arrange()
        self._fit_images()

    def _side_by_side(self) -> bool:
        width = self.width()
        return width >= SIDE_BY_SIDE_ASPECT * self.height() and width >= SIDE_BY_SIDE_WIDTH

    def _arrange(self) -> None:
        """The quiz beside the plot in a wide view, above it in a tall one (a dock in a
        column of the window: side by side, both were cut), and the plot left out where it
        would be a sliver."""
        direction = QBoxLayout.Direction.LeftToRight
        if not self._side_by_side():
            direction = QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
        shown = self.plot_shown
        if self.view.isVisibleTo(self) != shown:
            self.view.setVisible(shown)
            self.dirty = True
        if not shown:
            # an export of the screen look draws the hidden view at its size: a legible one
            self.view.resize(max(self.width(), 2 * MIN_PLOT_HEIGHT), 2 * MIN_PLOT_HEIGHT)

    @property
    def plot_shown(self) -> bool:
        """Whether the score plot has the height to be legible."""
        height = self.height() - self.controls.sizeHint().height()
        if not self._side_by_side():
            height *= PLOT_STRETCH / (QUIZ_STRETCH + PLOT_STRETCH)
        return height >= MIN_PLOT_HEIGHT

    def _apply_fonts(self) -> None:
        pt = self.styler.theme["font_pt"]
        font = QFont(self.font())
        font.setPointSizeF(pt)
        for widget in (self.prompt, self.feedback, self.score_label, self.query_label):
            widget.setFont(font)
        bold = QFont(font)
        bold.setBold(True)
        for button in self.buttons:
            button.setFont(bold)
        large = QFont(font)
        large.setPointSizeF(pt * 1.15)
        self.score_label.setFont(large)

    def _fit_images(self) -> None:
        """Support images as wide as the quiz's width allows, the query image a little
        larger, both within its height (a 330-pixel dock or a presenter's screen)."""
        count = max(len(self.buttons), 1)
        per_row = min(count, BUTTONS_PER_ROW)
        rows = -(-count // per_row)
        line = self.fontMetrics().height() * self.styler.theme["font_pt"] / 9
        # From the panel's size, not the quiz's: the quiz is as wide as its buttons need, so
        # sizing the buttons by it would feed back (larger icons, wider quiz, larger icons).
        share = QUIZ_STRETCH / (QUIZ_STRETCH + PLOT_STRETCH)
        height = self.height() - self.controls.sizeHint().height()
        if not self.plot_shown:
            quiz_width = self.width()
        elif self._side_by_side():
            plot_need = max(self.view.minimumWidth(), self.figure.minimum_width())
            quiz_width = min(self.width() * share, self.width() - plot_need - 12)
        else:
            quiz_width, height = self.width(), height * share
        width = quiz_width - 16 - self.button_grid.spacing() * (per_row - 1)
        by_width = width / per_row - self._button_padding()
        # prompt (2 lines), button numbers, last answer (2 lines), score, spacing
        room = height - (7.5 * line + 40)
        by_height = room / (rows + 1.4)
        side = int(max(MIN_SIDE, min(MAX_SIDE, by_width, by_height)))
        if side != self.side:
            self.side = side
            for button in self.buttons:
                button.setIconSize(QSize(side, side))
            self._sync()

    def _button_padding(self) -> int:
        """How much wider a support button is than its image (frame and margins)."""
        if not self.buttons:
            return 12
        button = self.buttons[0]
        return max(button.sizeHint().width() - button.iconSize().width(), 0) + 2

    def _query_side(self) -> int:
        return int(min(MAX_SIDE * 1.4, self.side * 1.4))


def _same_images(a: TaskPredictions, b: TaskPredictions) -> bool:
    return a.query.shape == b.query.shape and bool(np.array_equal(a.query, b.query))


def _blank(side: int) -> QPixmap:
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.white)
    return pixmap

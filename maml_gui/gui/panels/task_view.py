"""Task view (Omniglot classification): one held-out task's support images, one per class, its
query images, and for each query image the class probabilities each starting point predicts
after 0, 1 and K_test fine-tuning steps on the support set. The function-space view's
counterpart for classification.

Everything is drawn in the panel's GraphicsLayoutWidget (images in ViewBoxes, probabilities
as bars), so the view exports like the others.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsRectItem, QSpinBox

from maml_gui.core.records import FamilyTraits, TaskPredictions
from maml_gui.gui.i18n import translate
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import PHI, PlotPanel
from maml_gui.gui.panels.learners import Learners, learners
from maml_gui.gui.plotting.styles import make_pen

log = logging.getLogger(__name__)

IMAGE_SIZE = 28
#: grey levels of paper (ink 0) and pen (ink 1): dark grey ink, so the black crosses and the
#: frames stand out against it
PAPER, PEN = 255, 56
#: query images drawn as rows (the engine sends N x k_query); the CSV lists every one
MAX_ROWS = 5
TRUTH_BAND = "#E2E2E2"
WRONG_COLOR = "#000000"
CHANCE_COLOR = "#606060"
FRAME_COLOR = "#9A9A9A"
#: the bars' y range: probabilities 0..1, and room for the cross on a bar at 1
Y_TOP = 1.1
#: room round an image inside its box, in image pixels, so its frame is not clipped
IMAGE_MARGIN = 0.5
#: the legend's and the column heads' text against the theme's font
LEGEND_SCALE = 0.85
CAPTION_SCALE = 0.85
#: the numbers under a many-way strip (20 of them in a 395-pixel dock)
NUMBER_SCALE = 0.7
HEADER_SCALE = 0.95
#: up to this many classes the support images say "class 3"; more say "3" (a 20-way strip
#: of "class 17" captions was wider than the view)
WORDY_CAPTIONS = 6
#: narrower than this many pixels per font point, the view is compact: shorter column heads
#: and title, the legend on two lines (a 395-pixel dock of a 1280x720 window)
COMPACT_PX_PER_PT = 50
#: a grid asking for more than this (a 50-way task) is cut rather than widening the dock
MAX_MINIMUM_WIDTH = 900
DOTTED = Qt.PenStyle.DotLine
#: the two learners' bars side by side in a class's slot; one bar alone is wider
OFFSETS = {2: (-0.2, 0.2), 1: (0.0,)}
BAR_WIDTH = {2: 0.38, 1: 0.6}

WAITING = QT_TRANSLATE_NOOP(
    "TaskView", "Waiting for held-out task {task} from the training process…"
)
NOT_APPLICABLE = QT_TRANSLATE_NOOP(
    "TaskView", "The task view shows image classification (Omniglot) only."
)


def ink_lut() -> np.ndarray:
    """(256, 3) colours from paper to pen for an ImageItem with levels (0, 1)."""
    grey = np.linspace(PAPER, PEN, 256).round().astype(np.ubyte)
    return np.stack([grey, grey, grey], axis=1)


def class_examples(labels: np.ndarray, n_way: int) -> list[int]:
    """The index of the first image of each class 0..N-1 (-1 for a class without one): the
    support set shows one drawing per class, whatever K."""
    labels = np.asarray(labels)
    examples = []
    for label in range(n_way):
        hits = np.flatnonzero(labels == label)
        examples.append(int(hits[0]) if len(hits) else -1)
    return examples


def shown_queries(labels: np.ndarray, limit: int) -> list[int]:
    """Up to ``limit`` query indices taking the classes in turn: the engine orders its queries
    by class, so with more queries than rows the first rows would all be class 1."""
    labels = np.asarray(labels)
    by_class = [np.flatnonzero(labels == label) for label in np.unique(labels)]
    order: list[int] = []
    for rank in range(max((len(hits) for hits in by_class), default=0)):
        order += [int(hits[rank]) for hits in by_class if rank < len(hits)]
    return order[:limit]


def blank_image() -> np.ndarray:
    return np.zeros((IMAGE_SIZE, IMAGE_SIZE))


def class_name(number: int) -> str:
    return translate("TaskView", "class {number}").format(number=number)


def step_name(k: int) -> str:
    if k == 0:
        return translate("TaskView", "k = 0 ({phi} itself)").format(phi=PHI)
    return f"k = {k}"


def check_predictions(p: TaskPredictions) -> None:
    """Raise ValueError for a payload whose arrays disagree (the host reports it)."""
    shape = (len(p.steps), len(p.query_labels))
    for name in ("main", "twin"):
        probs = getattr(p, name)
        if probs.ndim != 3 or probs.shape[:2] != shape:
            raise ValueError(f"TaskPredictions.{name} has shape {probs.shape}, not {shape} + (N,)")
    if len(p.query) != len(p.query_labels) or len(p.support) != len(p.support_labels):
        raise ValueError("TaskPredictions: images and labels differ in number")


class ImageBox(pg.ViewBox):
    """A square image as large as its box allows, centred, or at the bottom of the box (the
    support images, so that their captions below stay next to them: a box taller than wide
    left a gap between image and caption with pyqtgraph's centring aspect lock)."""

    def __init__(self, bottom: bool = False) -> None:
        super().__init__(invertY=True, enableMouse=False, enableMenu=False)
        self.bottom = bottom
        self.disableAutoRange()
        self._frame_image()

    def resizeEvent(self, ev) -> None:  # Qt's name
        super().resizeEvent(ev)
        self._frame_image()

    def _frame_image(self) -> None:
        width, height = max(self.width(), 1.0), max(self.height(), 1.0)
        side = IMAGE_SIZE + 2 * IMAGE_MARGIN
        scale = min(width, height) / side  # pixels per image pixel
        span_x, span_y = width / scale, height / scale
        left = IMAGE_SIZE / 2 - span_x / 2
        # y grows downwards (invertY): the image's bottom edge at the box's bottom edge
        top = IMAGE_SIZE + IMAGE_MARGIN - span_y if self.bottom else IMAGE_SIZE / 2 - span_y / 2
        self.setRange(xRange=(left, left + span_x), yRange=(top, top + span_y), padding=0)


@dataclass
class BarCell:
    """One query image's class probabilities after one number of steps, each learner's bars
    side by side per class, the true class as a grey band behind them."""

    box: pg.ViewBox
    truth: pg.BarGraphItem
    bars: list[pg.BarGraphItem]
    crosses: pg.ScatterPlotItem


class TaskViewPanel(PlotPanel):
    key = "task_view"
    title = QT_TRANSLATE_NOOP("Views", "Task view")
    #: a payload costs a few fine-tuning runs of Conv4: only while the view is seen
    requests_only_when_seen = True
    help_text = QT_TRANSLATE_NOOP(
        "Help",
        "One held-out 5-way 1-shot task: characters neither learner trained on. Top: the "
        "support set, one drawing per class (class 1..N; the numbers mean nothing beyond this "
        "task). Each row is a query image with its true class (grey band); the bars are the "
        "probability each starting point gives every class after k fine-tuning steps on the "
        "support set (blue: the run's algorithm, vermillion: pretraining; left column k = 0 is "
        "phi itself). A black cross marks a wrong answer: the tallest bar is not the true "
        "class (a tie counts as the first class, as the accuracy does); the column heads count "
        "the right answers over all the task's query images. At k = 0 MAML's phi predicts "
        "roughly chance: the labels are a new random order in every task, so phi cannot know "
        "them; it learned a start with potential, and one step on five images gets the task. "
        "Pretraining's body comes with a fresh zero head, so it starts at exactly 1/N (the "
        "dotted line) and must learn the classes from its features in the steps it takes.",
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.task_box = QSpinBox()
        self.task_box.setRange(0, 19)
        self.task_box.valueChanged.connect(self._task_changed)
        self.task_control = self.add_control(
            translate("FunctionSpace", "held-out task"),
            self.task_box,
            translate("TaskView", "which held-out task to show"),
        )
        self.controls.addStretch(1)
        self.applies = True
        self.who: Learners = learners("maml")
        self.predictions: TaskPredictions | None = None
        #: what the grid was built for (classes, rows, steps, learners, theme): rebuilt when
        #: it changes, only refilled otherwise
        self._layout_key: tuple | None = None
        self.support_images: list[pg.ImageItem] = []
        self.query_images: list[pg.ImageItem] = []
        self.captions: list[pg.LabelItem] = []
        self.headers: list[pg.LabelItem] = []
        self.cells: list[list[BarCell]] = []  # [row][step]
        self.rows: list[int] = []  # the query index drawn in each row
        self.title_label: pg.LabelItem | None = None
        self.legend_label: pg.LabelItem | None = None
        self.message: pg.LabelItem | None = None

    # -- the contract -------------------------------------------------------------------------
    @property
    def task_index(self) -> int:
        return self.task_box.value()

    def shown_for(self, traits: FamilyTraits) -> bool:
        return traits.is_classifier

    def _task_changed(self, _value: int) -> None:
        self.predictions = None  # another task's images: wait rather than show the old one
        self.dirty = True
        self.requests_changed.emit()

    def reset(self, info: RunInfo) -> None:
        self.applies = info.traits.is_classifier
        self.who = learners(info.config.algorithm)
        self.predictions = None
        self.task_box.blockSignals(True)
        self.task_box.setRange(0, max(info.config.eval_tasks - 1, 0))
        self.task_box.setValue(0)
        self.task_box.blockSignals(False)
        self.task_control.setVisible(self.applies)
        self._layout_key = None
        self.dirty = True

    def on_payload(self, payload) -> None:
        if not isinstance(payload, TaskPredictions) or not self.applies:
            return
        if payload.task_index != self.task_index:
            # the quiz asks for other tasks; a payload in flight may predate the spin box
            log.debug(
                "task view: ignored task %d (showing %d)", payload.task_index, self.task_index
            )
            return
        check_predictions(payload)
        self.predictions = payload
        self.dirty = True

    def requests(self) -> list[PayloadRequest]:
        if not self.applies:
            return []
        return [PayloadRequest("task_predictions", (("task_index", self.task_index),))]

    def apply_theme(self, theme: dict) -> None:
        super().apply_theme(theme)
        # now, not at the next tick: an export applies the slide theme and paints at once
        self._layout_key = None
        self.redraw()

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        p = self.predictions if self.applies else None
        if p is None:
            waiting = translate("TaskView", WAITING).format(task=self.task_index)
            text = waiting if self.applies else translate("TaskView", NOT_APPLICABLE)
            self._show_message(text)
            return
        rows = shown_queries(p.query_labels, MAX_ROWS)
        key = (
            p.main.shape[-1],
            len(rows),
            len(p.steps),
            self.who,
            self._theme_key(),
            self.compact,
        )
        if key != self._layout_key:
            self._build(*key[:4])
            self._layout_key = key
            # the old grid's (wider) minimum may hold the layout wider than the view: seat it
            # again once the new one is laid out
            QTimer.singleShot(0, self, self._seat_layout)
        self.rows = rows
        self._fill(p)

    @property
    def compact(self) -> bool:
        """Whether the view is too narrow for the full column heads and one-line legend."""
        return self.view.width() < COMPACT_PX_PER_PT * self.styler.theme["font_pt"]

    def fit_to_view(self) -> None:
        super().fit_to_view()
        layout = self._layout_key
        if layout is not None and layout[0] != "message" and layout[-1] != self.compact:
            self.dirty = True  # rebuilt at the next tick, or now
            QTimer.singleShot(0, self, self.redraw)

    def curve_table(self) -> list[CurveColumn]:
        p = self.predictions
        if p is None or not self.applies:
            return []
        labels = np.asarray(p.query_labels)
        columns = [
            CurveColumn("query image", np.arange(len(labels))),
            CurveColumn("true class (1..N)", labels + 1),
        ]
        for name, probs in self._learner_probabilities(p):
            for j, k in enumerate(p.steps):
                right = probs[j, np.arange(len(labels)), labels]
                columns.append(CurveColumn(f"{name} P(true class), k = {k}", right))
                columns.append(
                    CurveColumn(f"{name} predicted class (1..N), k = {k}", probs[j].argmax(-1) + 1)
                )
        return columns

    # -- layout -------------------------------------------------------------------------------
    def _theme_key(self) -> tuple:
        theme = self.styler.theme
        return (theme["font_pt"], theme["line_width"], theme["foreground"])

    def _clear(self) -> None:
        self.view.ci.clear()
        self.support_images, self.query_images, self.captions = [], [], []
        self.headers, self.cells = [], []
        self.title_label = self.legend_label = self.message = None

    def _show_message(self, text: str) -> None:
        key = ("message", text, self._theme_key())
        if key == self._layout_key:
            return
        self._clear()
        self._layout_key = key
        self.message = self._label(self.view.ci, 0, 0)
        self._set_text(self.message, text)

    def _build(self, n_way: int, rows: int, steps: int, who: Learners) -> None:
        """The grid: title, support strip and legend; column heads; one row per query image
        (caption, image, a bar cell per step); the class numbers under the last row. The legend
        is one line under the grid (two when narrow)."""
        self._clear()
        ci = self.view.ci
        ci.setContentsMargins(4, 4, 4, 4)
        ci.layout.setHorizontalSpacing(6)
        ci.layout.setVerticalSpacing(2)
        self.title_label = self._label(ci, 0, 0, colspan=2, justify="left")
        # the strip in one cell across the bar columns, which then share the width equally
        strip = ci.addLayout(row=0, col=2, colspan=steps)
        # a 20-way strip's gaps alone took 114 pixels of a 395-pixel dock
        strip.layout.setHorizontalSpacing(6 if n_way <= WORDY_CAPTIONS else 1)
        strip.layout.setVerticalSpacing(0)
        for label in range(n_way):
            box, image = self._image_box(bottom=True)
            strip.addItem(box, row=0, col=label)
            self.support_images.append(image)
            wordy = n_way <= WORDY_CAPTIONS
            caption = class_name(label + 1) if wordy else str(label + 1)
            scale = CAPTION_SCALE if wordy else NUMBER_SCALE
            number = self._label(strip, 1, label)
            if not wordy:  # no margin round 20 numbers: they held the strip wider than a dock
                number.item.document().setDocumentMargin(0)
            self._set_text(number, caption, scale)
        query = translate("TaskView", "query<br>(true class)")
        self._set_text(self._label(ci, 1, 0, colspan=2), query, CAPTION_SCALE)
        self.headers = [self._label(ci, 1, 2 + j) for j in range(steps)]
        shown = 2 if who.twin_shown else 1
        for row in range(rows):
            self.captions.append(self._label(ci, 2 + row, 0))
            box, image = self._image_box()
            ci.addItem(box, row=2 + row, col=1)
            self.query_images.append(image)
            cells = [self._bar_cell(n_way, shown, who) for _ in range(steps)]
            for j, cell in enumerate(cells):
                ci.addItem(cell.box, row=2 + row, col=2 + j)
            self.cells.append(cells)
        for j in range(steps):
            ci.addItem(self._class_axis(n_way, self.cells[-1][j].box), row=2 + rows, col=2 + j)
        axis_name = self._label(ci, 2 + rows, 0, colspan=2, justify="right")
        self._set_text(axis_name, translate("TaskView", "class:"), CAPTION_SCALE)
        # the legend on one line (two in a narrow view) under the grid: beside the support
        # strip it made the bar columns wider than a 395-pixel dock
        self.legend_label = self._label(ci, 3 + rows, 0, colspan=2 + steps)
        self._set_text(self.legend_label, self._legend_text(n_way, who), LEGEND_SCALE)
        self._size_cells(rows)

    def _size_cells(self, rows: int) -> None:
        """Query rows share the height, the support strip a little more; the query images'
        column grows with the font (as the rows do in a presenter's theme)."""
        grid = self.view.ci.layout
        for row in range(rows + 4):
            grid.setRowStretchFactor(row, 2 if 2 <= row < 2 + rows else 0)
        grid.setRowStretchFactor(0, 3)  # the support strip: images a little larger
        pt = self.styler.theme["font_pt"]
        grid.setColumnFixedWidth(1, max(30.0, min(110.0, 3.6 * pt + 4)))
        # (column stretch factors are left alone: with the spanning legend they made Qt's
        # grid ask for an infinite minimum width)
        # Narrower than its grid's minimum the view would cut its right edge: the dock
        # stops there instead (as PlotPanel.keep_plots_whole does for plots).
        need = self.view.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
        self.view.setMinimumWidth(math.ceil(min(need, MAX_MINIMUM_WIDTH)))

    def _label(self, layout, row: int, col: int, colspan=1, rowspan=1, justify="center"):
        label = layout.addLabel(
            "", row=row, col=col, rowspan=rowspan, colspan=colspan, justify=justify
        )
        # Qt's default 4-pixel margin round each text cost a short dock a query row's height
        label.item.document().setDocumentMargin(1)
        return label

    def _set_text(self, label: pg.LabelItem, html: str, scale: float = 1.0) -> None:
        theme = self.styler.theme
        size = f"{theme['font_pt'] * scale:g}pt"
        if label.text != html or label.opts.get("size") != size:
            label.setText(html, size=size, color=theme["foreground"])

    def _image_box(self, bottom: bool = False) -> tuple[pg.ViewBox, pg.ImageItem]:
        box = ImageBox(bottom)
        image = pg.ImageItem(axisOrder="row-major")
        image.setLookupTable(ink_lut())
        image.setImage(blank_image(), levels=(0, 1))
        box.addItem(image)
        frame = QGraphicsRectItem(QRectF(0, 0, IMAGE_SIZE, IMAGE_SIZE))
        frame.setPen(make_pen(FRAME_COLOR, 1))
        box.addItem(frame)
        box.setMinimumSize(12, 12)
        return box, image

    def _bar_cell(self, n_way: int, shown: int, who: Learners) -> BarCell:
        box = pg.ViewBox(enableMouse=False, enableMenu=False)
        box.setBorder(make_pen(FRAME_COLOR, 1))
        box.setMinimumSize(24, 12)
        truth = pg.BarGraphItem(x=[1], height=[Y_TOP], width=0.9, brush=TRUTH_BAND, pen=None)
        box.addItem(truth)
        chance = pg.InfiniteLine(1 / n_way, angle=0, pen=make_pen(CHANCE_COLOR, 1, DOTTED))
        box.addItem(chance)
        bars = []
        x = np.arange(1, n_way + 1, dtype=float)
        for index in range(shown):
            color = who.colors[index]
            bar = pg.BarGraphItem(
                x=x + OFFSETS[shown][index],
                height=np.zeros(n_way),
                width=BAR_WIDTH[shown],
                brush=color,
                pen=None,
            )
            box.addItem(bar)
            bars.append(bar)
        scale = self.styler.scale
        crosses = pg.ScatterPlotItem(
            symbol="x", size=13 * scale, brush=WRONG_COLOR, pen=make_pen("#FFFFFF", 1)
        )
        box.addItem(crosses)
        box.setRange(xRange=(0.5, n_way + 0.5), yRange=(0, Y_TOP), padding=0)
        box.disableAutoRange()
        return BarCell(box, truth, bars, crosses)

    def _class_axis(self, n_way: int, box: pg.ViewBox) -> pg.AxisItem:
        theme = self.styler.theme
        axis = pg.AxisItem("bottom", linkView=box)
        numbered = range(1, n_way + 1)
        if n_way > WORDY_CAPTIONS:  # 20 numbers ran together under a narrow cell
            numbered = [c for c in numbered if c == 1 or c % 5 == 0]
        axis.setTicks([[(c, str(c)) for c in numbered], []])
        font = QFont()
        font.setPointSizeF(theme["font_pt"] * 0.9)
        axis.setTickFont(font)
        axis.setPen(pg.mkPen(theme["foreground"], width=1))
        axis.setTextPen(pg.mkPen(theme["foreground"]))
        axis.setStyle(tickLength=-4)
        return axis

    def _legend_text(self, n_way: int, who: Learners) -> str:
        swatches = [f"{_swatch(who.colors[0])} {who.labels[0]}"]
        if who.twin_shown:
            swatches.append(f"{_swatch(who.colors[1])} {who.labels[1]}")
        others = [
            f"{_swatch(TRUTH_BAND)} " + translate("TaskView", "true class"),
            "<b>×</b> " + translate("TaskView", "wrong"),
            "┈ " + translate("TaskView", "chance 1/{n}").format(n=n_way),
        ]
        gap = "&nbsp;&nbsp;"
        if self.compact:
            return gap.join(swatches) + "<br>" + gap.join(others)
        return translate("TaskView", "bars:") + " " + gap.join(swatches + others)

    # -- data ---------------------------------------------------------------------------------
    def _learner_probabilities(self, p: TaskPredictions) -> list[tuple[str, np.ndarray]]:
        """(name, (steps, queries, N) probabilities) of the learners drawn: one when the run's
        algorithm is pretraining (its twin takes identical steps)."""
        out = [(self.who.labels[0], np.asarray(p.main))]
        if self.who.twin_shown:
            out.append((self.who.labels[1], np.asarray(p.twin)))
        return out

    def _fill(self, p: TaskPredictions) -> None:
        n_way = p.main.shape[-1]
        learner_probs = [probs for _, probs in self._learner_probabilities(p)]
        labels = np.asarray(p.query_labels)
        if self.compact:
            support = translate("TaskView", "support:")
        else:
            support = translate("TaskView", "support<br>set:")
        task = translate("TaskView", "task {number}").format(number=p.task_index)
        self._set_text(self.title_label, f"<b>{task}</b><br>{support}")
        for image, index in zip(
            self.support_images, class_examples(p.support_labels, n_way), strict=True
        ):
            image.setImage(p.support[index] if index >= 0 else blank_image(), levels=(0, 1))
        for j, k in enumerate(p.steps):
            counts = [int((probs[j].argmax(-1) == labels).sum()) for probs in learner_probs]
            scale = CAPTION_SCALE if self.compact else HEADER_SCALE
            self._set_text(self.headers[j], self._header(k, counts, len(labels)), scale)
        for row, query in enumerate(self.rows):
            truth = int(labels[query])
            self._set_text(self.captions[row], class_name(truth + 1), CAPTION_SCALE)
            self.query_images[row].setImage(p.query[query], levels=(0, 1))
            for j, cell in enumerate(self.cells[row]):
                self._fill_cell(cell, [probs[j, query] for probs in learner_probs], truth)

    def _header(self, k: int, counts: list[int], total: int) -> str:
        right = " · ".join(
            f'<b><span style="color:{color}">{count}/{total}</span></b>'
            for count, color in zip(counts, self.who.colors, strict=False)
        )
        if self.compact:  # "right:" and "(φ itself)" made a column wider than a narrow dock
            return f"k = {k}<br>✓ {right}"
        return f"{step_name(k)}<br>" + translate("TaskView", "right: {counts}").format(counts=right)

    def _fill_cell(self, cell: BarCell, probs: list[np.ndarray], truth: int) -> None:
        n_way = len(probs[0])
        cell.truth.setOpts(x=[truth + 1])
        offsets = OFFSETS[len(cell.bars)]
        wrong_x, wrong_y = [], []
        for bar, values, offset in zip(cell.bars, probs, offsets, strict=True):
            bar.setOpts(x=np.arange(1, n_way + 1) + offset, height=np.asarray(values))
            guess = int(np.argmax(values))
            if guess != truth:
                wrong_x.append(guess + 1 + offset)
                wrong_y.append(min(float(values[guess]), 1.0))
        cell.crosses.setData(wrong_x, wrong_y)


def _swatch(color: str) -> str:
    return f'<span style="color:{color}">■</span>'

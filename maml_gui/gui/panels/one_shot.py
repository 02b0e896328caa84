"""Lake et al.'s one-shot benchmark (classification): both learners' error on the 20 runs of
20-way one-shot classification after k fine-tuning steps, beside the published error rates."""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from maml_gui.core.config import Algorithm
from maml_gui.core.records import OneShotRuns
from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.panels.bar_chart import BarChartPanel, Bars, TextPool
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import plain
from maml_gui.gui.panels.learners import learners, paint_learners
from maml_gui.gui.plotting.styles import Style

log = logging.getLogger(__name__)

#: neutral grey for what others measured: neither learner's colour
PUBLISHED_COLOR = "#6E6E6E"
#: the learners' rows (one per k) are 1 apart; the published rows closer, below a gap
PUBLISHED_GAP = 0.3
#: a published row's pitch: at least this, more when the plot is too short for its label
PUBLISHED_PITCH = 0.5
MAX_PUBLISHED_PITCH = 1.0
#: a published bar's thickness, as a share of the row's pitch
PUBLISHED_SHARE = 0.72
#: the share of a k row the learners' bars fill, and of a bar's share the bar itself
GROUP_SPAN = 0.8
BAR_SHARE = 0.9
#: runs' dots spread over this share of their bar's thickness (many runs tie: 20 test images
#: make an error a multiple of 5%)
DOT_SPREAD = 0.7
DOT_SIZE = 6
OUTLINE = 0.5
#: a published rate's label starts this far (in % error) right of its bar
LABEL_PAD = 1.0
PERCENT = 100.0
#: below this view width or height (at the screen font; a larger font scales them) the view is
#: compact: the published rates become grey reference lines named in the note, not five bar
#: rows, and the title, axis label, legend and note get shorter (the full note: the tooltip)
COMPACT_BELOW = (480, 420)
#: the published methods' short names in a compact note
SHORT_NAMES = {
    "Bayesian program learning": "BPL",
    "modified Hausdorff distance": "Hausdorff",
    "Siamese convnet": "Siamese",
}
#: the published methods' names (core.omniglot.lake_runs.PUBLISHED_ERROR), translated where
#: drawn; tests/gui/test_i18n.py checks the list is the engine's
PUBLISHED_NAMES = (
    QT_TRANSLATE_NOOP("OneShot", "people"),
    QT_TRANSLATE_NOOP("OneShot", "Bayesian program learning"),
    QT_TRANSLATE_NOOP("OneShot", "Siamese convnet"),
    QT_TRANSLATE_NOOP("OneShot", "plain convnet"),
    QT_TRANSLATE_NOOP("OneShot", "modified Hausdorff distance"),
)


def offsets(count: int) -> tuple[np.ndarray, float]:
    """Centres of ``count`` bars around a row's position, and each bar's thickness."""
    share = GROUP_SPAN / max(count, 1)
    return (np.arange(count) - (count - 1) / 2) * share, share * BAR_SHARE


def percent(rate: float) -> str:
    """4.5%, 13.5%, 8%: as the rates are usually quoted."""
    return f"{rate * PERCENT:.1f}".removesuffix(".0") + "%"


def note_text(info: RunInfo | None) -> str:
    """What a reader must know before comparing the bars with the published ones."""
    data = translate("OneShot", "the bundled background subset")
    if info is not None and info.config.data:
        data = translate("OneShot", "the background characters of the run's own copy of Omniglot")
    ways = f"{info.config.n_way}-way" if info is not None else translate("OneShot", "training")
    return translate(
        "OneShot",
        "20-way one-shot, each run within one evaluation alphabet: harder than random "
        "{ways} tasks. This run's models learnt from {data} only.",
    ).format(ways=ways, data=data)


def compact_note(published) -> str:
    """The compact view's note: the published rates (its grey lines) in one line, then the
    one thing a reader must know about these runs."""
    rates = ", ".join(
        f"{SHORT_NAMES.get(who) or translate('OneShot', who)} {percent(rate)}"
        for who, rate in sorted(published, key=lambda entry: entry[1])
    )
    grey = translate("OneShot", "Grey lines: published (Lake 2015): {rates}. ")
    lines = grey.format(rates=rates) if rates else ""
    return lines + translate(
        "OneShot", "20-way runs in one alphabet: harder than training's tasks."
    )


class OneShotPanel(BarChartPanel):
    key = "one_shot"
    compact_below = COMPACT_BELOW
    title = QT_TRANSLATE_NOOP("Views", "Lake's 20 runs")
    help_text = QT_TRANSLATE_NOOP(
        "Help",
        "Lake et al.'s one-shot benchmark (Science, 2015): 20 runs, each with one drawing of "
        "20 characters to learn from and 20 new drawings of the same characters, by other "
        "people, to name. All 20 characters of a run come from one alphabet the learners "
        "never trained on, so they look alike: these 20-way tasks are harder than the "
        "randomly drawn 5-way tasks of training. Both learners are scored the same way: "
        "their starting point with a fresh zero 20-way head (MAML's own 5-way head plays no "
        "part), fine-tuned for k steps on the run's 20 drawings, then asked to name each "
        "test drawing. At k = 0 the zero head cannot tell the classes apart (95% error, "
        "chance); after a few steps the error shows how useful the learned body is. A bar "
        "is the mean over the 20 runs, the dots the runs themselves. The grey bars are the "
        "published error rates on the same 20 runs: people 4.5%, Bayesian program learning "
        "3.3%, a plain convnet 13.5%, modified Hausdorff distance 38.8%. This app's models "
        "train briefly, on a small bundled subset of the background alphabets, so expect "
        "them well above the published networks.",
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.controls.addStretch(1)
        self.figure = self.add_noted_plot(legend_columns=3)
        self._setup_axes()
        colors = (palette.ALGORITHM_COLOR, palette.PRETRAINING_COLOR)
        s = self.styler
        self.bars = [Bars(tint=True, horizontal=True) for _ in colors]
        self.dots = [s.markers(color, "o", DOT_SIZE) for color in colors]
        for bars, dots, color in zip(self.bars, self.dots, colors, strict=True):
            self.figure.add(bars)
            s.style(bars, Style(color, OUTLINE))
            self.figure.add(dots)
            dots.setZValue(5)  # the runs over the means
        self.published = Bars(tint=True, horizontal=True)
        self.figure.add(self.published)
        s.style(self.published, Style(PUBLISHED_COLOR, OUTLINE))
        self.published_labels = TextPool(
            self.figure.plot, s, palette.SCREEN["foreground"], anchor=(0.0, 0.5)
        )
        # the compact view's published rates: one vertical grey segment each
        self.published_lines = s.curve(PUBLISHED_COLOR, 0.5, Qt.PenStyle.DashLine, connect="pairs")
        self.figure.add(self.published_lines, ignore_bounds=True)
        self.published_lines.setZValue(2)  # over the bars (a rate inside one shows), under the dots
        #: whether the view is too small for the published bar rows (fit_to_view decides)
        self.compact = False
        self.pitch = PUBLISHED_PITCH
        self.figure.plot.vb.sigResized.connect(self._plot_resized)
        self.result: OneShotRuns | None = None
        self.info: RunInfo | None = None
        self.who = learners(Algorithm.MAML)
        self.names = ("", "")

    def _setup_axes(self) -> None:
        plot = self.figure.plot
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.invertY(True)  # k = 0 at the top, the published rates below
        plot.setXRange(0, PERCENT, padding=0.01)
        plot.showGrid(x=True, y=False, alpha=0.15)
        # grid lines every 10%, none between: the minor ones crossed the dots
        plot.getAxis("bottom").setTickSpacing(levels=[(10.0, 0.0)])
        self.figure.set_text(
            title=translate("OneShot", "Lake et al.'s one-shot runs (waiting for the runs)"),
            x=translate("OneShot", "error on a run (%)"),
            y="",
        )
        plot.getAxis("left").showLabel(False)

    #: scoring the 20 runs costs ~10 s on Conv4: only while the view is seen (ViewHost)
    requests_only_when_seen = True

    def shown_for(self, traits) -> bool:
        return traits.is_classifier

    def apply_theme(self, theme: dict) -> None:
        super().apply_theme(theme)
        self._plot_resized()  # a larger font needs taller published rows

    def _apply_compact(self, compact: bool) -> None:
        """Published rates as bar rows (False) or as reference lines named in the note."""
        self._set_legend()
        self._set_note()

    def _plot_resized(self, *_args) -> None:
        """A short plot spaces the published rows out so that their labels do not touch."""
        pitch = self._needed_pitch()
        if abs(pitch - self.pitch) > 1e-3:
            self.pitch = pitch
            self.dirty = True
            self.redraw()  # now: an export lays the view out and paints without the timer

    def _needed_pitch(self) -> float:
        """The pitch at which a published row is as tall as its label's line, solved from
        rows = k rows + gap + m * pitch filling the plot's height."""
        result = self.result
        if result is None:
            return self.pitch
        height = self.figure.plot.vb.height()
        line = self.published_labels.line_height()
        m, k_rows = len(result.published), len(result.steps) + PUBLISHED_GAP
        if height <= line * m:
            return MAX_PUBLISHED_PITCH
        needed = line * k_rows / (height - line * m)
        return float(np.clip(needed, PUBLISHED_PITCH, MAX_PUBLISHED_PITCH))

    def requests(self) -> list[PayloadRequest]:
        # the engine's columns: 0, 1 and K_test steps (the task view's)
        return [PayloadRequest("one_shot_runs")]

    def reset(self, info: RunInfo) -> None:
        self.info = info
        self.result = None
        self.who = learners(info.config.algorithm)
        self.names = self.who.labels
        paint_learners(self.styler, self.who, [self.bars[0], self.dots[0]], [self.bars[1]])
        self.dots[1].setVisible(self.who.twin_shown)
        self._set_legend()
        self._set_note()
        self.dirty = True

    def _set_legend(self) -> None:
        entries = [(self.bars[0].key, self.names[0]), (self.bars[1].key, self.names[1])]
        if not self.compact:  # compact: the note names the grey lines
            entries.append(
                (self.published.key, translate("OneShot", "published (Lake et al. 2015)"))
            )
        self.figure.set_legend(self.who.legend(entries, [self.bars[1].key]))

    def _set_note(self) -> None:
        full = note_text(self.info)
        published = self.result.published if self.result is not None else ()
        self.note.set_note(compact_note(published) if self.compact else full)
        self.view.setToolTip(full if self.compact else "")

    def shown_learners(self) -> list[int]:
        """0: the run's algorithm, 1: its pretraining twin (not for a pretraining run)."""
        return [0, 1] if self.who.twin_shown else [0]

    def on_payload(self, payload) -> None:
        if not isinstance(payload, OneShotRuns):
            return
        errors = (np.asarray(payload.algorithm), np.asarray(payload.pretraining))
        if any(e.ndim != 2 or e.shape[0] != len(payload.steps) for e in errors):
            log.warning("one-shot runs payload of unexpected shape ignored: %s", payload.steps)
            return
        self.result = payload
        self.pitch = self._needed_pitch()
        self._set_note()  # a compact note lists the published rates
        self.dirty = True

    def published_rows(self) -> tuple[np.ndarray, list[tuple[str, float]]]:
        """(rows, (who, rate)) of the published rates, lowest error first, below the k rows."""
        result = self.result
        if result is None or self.compact:
            return np.zeros(0), []
        entries = sorted(result.published, key=lambda entry: entry[1])
        first = len(result.steps) - 0.5 + PUBLISHED_GAP + self.pitch / 2
        return first + self.pitch * np.arange(len(entries)), entries

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        result = self.result
        if result is None:
            for i in range(2):
                self.bars[i].set_values([], [], 0.1)
                self.dots[i].setData([], [])
            self.published.set_values([], [], 0.1)
            self.published_labels.show([])
            self.published_lines.setData([], [])
            self.figure.plot.getAxis("left").setTicks([[]])
            return
        self._draw_learners(result)
        self._draw_published()
        self._set_rows(result)
        runs = self._runs(result)
        if self.compact:
            self.figure.set_text(
                title=translate("OneShot", "Lake's {runs} runs: error after k steps").format(
                    runs=runs
                ),
                x=translate("OneShot", "error (%): bar = mean, dot = one run"),
            )
        else:
            self.figure.set_text(
                title=translate(
                    "OneShot", "Lake et al.'s {runs} one-shot runs: error after k steps"
                ).format(runs=runs),
                x=translate(
                    "OneShot", "error on a run (%): bar = mean of the {runs}, dot = one run"
                ).format(runs=runs),
            )

    def _runs(self, result: OneShotRuns) -> int:
        return int(np.asarray(result.algorithm).shape[1])

    def _draw_learners(self, result: OneShotRuns) -> None:
        shown = self.shown_learners()
        centres, thickness = offsets(len(shown))
        rows = np.arange(len(result.steps), dtype=float)
        for i, errors in enumerate((result.algorithm, result.pretraining)):
            if i not in shown:
                self.bars[i].set_values([], [], thickness)
                self.dots[i].setData([], [])
                continue
            errors = np.asarray(errors, dtype=float) * PERCENT
            centre = rows + centres[shown.index(i)]
            self.bars[i].set_values(centre, errors.mean(axis=1), thickness)
            runs = errors.shape[1]
            # runs spread across the bar in run order, so tied errors stay apart
            spread = np.linspace(-0.5, 0.5, runs) * DOT_SPREAD * thickness if runs > 1 else [0]
            ys = centre[:, None] + np.asarray(spread)[None, :]
            self.dots[i].setData(errors.ravel(), ys.ravel())

    def _draw_published(self) -> None:
        rows, entries = self.published_rows()
        rates = np.array([rate for _, rate in entries], dtype=float) * PERCENT
        self.published.set_values(rows, rates, self.pitch * PUBLISHED_SHARE)
        self.published_labels.show(
            [
                (rate + LABEL_PAD, row, f"{translate('OneShot', who)} {percent(rate / PERCENT)}")
                for row, rate, (who, _) in zip(rows, rates, entries, strict=True)
            ]
        )
        result = self.result
        if not self.compact or result is None:
            self.published_lines.setData([], [])
            return
        lines = np.array([rate for _, rate in result.published], dtype=float) * PERCENT
        top, bottom = -0.5, len(result.steps) - 0.5
        self.published_lines.setData(np.repeat(lines, 2), np.tile([top, bottom], len(lines)))

    def _set_rows(self, result: OneShotRuns) -> None:
        rows, _ = self.published_rows()
        ticks = [(float(i), f"k = {k}") for i, k in enumerate(result.steps)]
        if len(rows):
            ticks.append((float(rows.mean()), translate("OneShot", "published")))
        axis = self.figure.plot.getAxis("left")
        axis.setTicks([ticks])
        bottom = rows[-1] + self.pitch / 2 if len(rows) else len(result.steps) - 0.5
        self.figure.plot.setYRange(-0.5, bottom, padding=0)

    def curve_table(self) -> list[CurveColumn]:
        result = self.result
        if result is None:
            return []
        steps = np.asarray(result.steps, dtype=float)
        learners_errors = (result.algorithm, result.pretraining)
        shown = self.shown_learners()
        columns = [CurveColumn("fine-tuning steps k", steps)]
        for i in shown:
            mean = np.asarray(learners_errors[i], dtype=float).mean(axis=1) * PERCENT
            columns.append(CurveColumn(f"{plain(self.names[i])} mean error [%]", mean))
        runs = self._runs(result)
        columns.append(CurveColumn("run", np.arange(1, runs + 1, dtype=float)))
        for i in shown:
            errors = np.asarray(learners_errors[i], dtype=float) * PERCENT
            for k, row in zip(result.steps, errors, strict=True):
                header = f"{plain(self.names[i])} error per run after k = {k} [%]"
                columns.append(CurveColumn(header, row))
        for who, rate in result.published:
            columns.append(CurveColumn(f"published: {who} error [%]", np.array([rate * PERCENT])))
        return columns

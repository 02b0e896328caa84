"""Where the evaluation setting changed during a run: the gap view's history keeps every
evaluation, each row tagged with the setting it was measured under (K_test, the test inner
learning rate, the number of held-out tasks). A curve must not join two settings' losses (they
are different quantities), and the reader must see where one setting ends and the next begins:
the line breaks there, and a labelled vertical mark says what the new setting is."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from maml_gui.gui.i18n import translate
from maml_gui.gui.plotting.styles import Style, Styler

#: the setting columns of a gap-history row, after the four losses (core GAP_COLUMNS)
SETTING_SLICE = slice(4, 7)
#: of them, K_test
K_COLUMN = 4
MARK_COLOR = "#707070"


def changes(settings: np.ndarray) -> np.ndarray:
    """Indices i > 0 of rows whose setting differs from row i - 1's (a NaN, a rate a payload
    did not state, counts as unchanged)."""
    if len(settings) < 2:
        return np.zeros(0, dtype=int)
    settings = np.asarray(settings, dtype=float).reshape(len(settings), -1)
    before, after = settings[:-1], settings[1:]
    differs = (before != after) & np.isfinite(before) & np.isfinite(after)
    return np.flatnonzero(differs.any(axis=1)) + 1


def connections(n_rows: int, breaks: np.ndarray) -> np.ndarray:
    """pyqtgraph's ``connect`` array: row i joins row i + 1 unless a setting starts at i + 1."""
    connect = np.ones(n_rows, dtype=bool)
    connect[np.asarray(breaks, dtype=int) - 1] = False
    return connect


def describe(setting: np.ndarray, previous: np.ndarray | None = None) -> str:
    """The new setting as a mark's label, naming only what changed."""
    k, lr, tasks = (float(v) for v in setting)
    parts = {
        "k": f"K = {k:g}",
        "lr": f"α = {lr:g}",
        "tasks": translate("Views", "{tasks} tasks").format(tasks=f"{tasks:g}"),
    }
    if previous is None:
        return ", ".join(parts.values())
    old = dict(zip(parts, (float(v) for v in previous), strict=True))
    new = dict(zip(parts, (k, lr, tasks), strict=True))
    changed = [parts[name] for name in parts if np.isfinite(old[name]) and old[name] != new[name]]
    return ", ".join(changed) or ", ".join(parts.values())


class SettingMarks:
    """Dotted vertical lines at the steps where the setting changed, labelled with it."""

    def __init__(self, styler: Styler, plot: pg.PlotItem) -> None:
        self._styler = styler
        self._plot = plot
        self.lines: list[pg.InfiniteLine] = []

    def set_marks(self, steps: np.ndarray, labels: list[str]) -> None:
        while len(self.lines) < len(steps):
            line = pg.InfiniteLine(
                angle=90,
                movable=False,
                label="",
                labelOpts={"position": 0.95, "color": "#505050", "anchors": [(0, 0.5), (0, 0.5)]},
            )
            self._styler.style(line, Style(MARK_COLOR, 0.5, Qt.PenStyle.DotLine))
            # The marks should not stretch the axes: the history's own steps frame them.
            self._plot.addItem(line, ignoreBounds=True)
            self.lines.append(line)
        for i, line in enumerate(self.lines):
            shown = i < len(steps)
            line.setVisible(shown)
            if shown:
                line.setValue(float(steps[i]))
                line.label.setFormat(labels[i])
                changed = translate("Views", "the evaluation setting changed here: {setting}")
                line.setToolTip(changed.format(setting=labels[i]))

    def shown(self) -> list[tuple[float, str]]:
        """(step, label) of every visible mark."""
        return [(line.value(), line.label.format) for line in self.lines if line.isVisible()]

"""Arrows in data coordinates whose heads keep their screen size and point the right way."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from maml_gui.gui.plotting.styles import Style, Styler


class ArrowSet:
    """Arrows from start points to end points in data coordinates: a line per arrow plus a
    head. Heads are screen-sized, so their angle is computed in pixels (the axes may have very
    different scales) and refreshed whenever the view range or size changes."""

    def __init__(self, styler: Styler, plot: pg.PlotItem, color: str, width: float = 0.8):
        self._styler = styler
        self._plot = plot
        self._color = color
        self.lines = styler.curve(color, width)
        self.lines.setZValue(4)  # above the curves an arrow may run along
        plot.addItem(self.lines)
        self._heads: list[pg.ArrowItem] = []
        self.starts = np.zeros((0, 2))
        self.ends = np.zeros((0, 2))
        self.tails = np.zeros((0, 2))
        plot.vb.sigRangeChanged.connect(self.update_heads)
        plot.vb.sigResized.connect(self.update_heads)

    def set_data(self, starts: np.ndarray, ends: np.ndarray) -> None:
        """Straight arrows from ``starts[i]`` to ``ends[i]``."""
        starts = np.asarray(starts, dtype=float).reshape(-1, 2)
        ends = np.asarray(ends, dtype=float).reshape(-1, 2)
        self.set_paths([np.stack([a, b]) for a, b in zip(starts, ends, strict=True)])

    def set_paths(self, paths: list[np.ndarray]) -> None:
        """Arrows along polylines (e.g. along a loss curve), each (N_i >= 2, 2); head at the end."""
        self.starts = np.array([p[0] for p in paths]).reshape(-1, 2)
        self.ends = np.array([p[-1] for p in paths]).reshape(-1, 2)
        # The head's direction: from a point a little before the end, not the last grid step.
        self.tails = np.array([p[max(0, len(p) - 1 - max(1, len(p) // 8))] for p in paths])
        self.tails = self.tails.reshape(-1, 2)
        gap = np.full((1, 2), np.nan)
        joined = np.concatenate([x for p in paths for x in (p, gap)]) if paths else gap[:0]
        self.lines.setData(joined[:, 0], joined[:, 1], connect="finite")
        while len(self._heads) < len(self.ends):
            head = pg.ArrowItem(tailLen=0)
            head.setZValue(5)
            self._styler.style(head, Style(self._color))
            self._plot.addItem(head)
            self._heads.append(head)
        self.update_heads()

    def set_visible(self, visible: bool) -> None:
        self.lines.setVisible(visible)
        if not visible:
            for head in self._heads:
                head.hide()
        else:
            self.update_heads()

    def update_heads(self, *_args) -> None:
        px_w, px_h = self._plot.vb.viewPixelSize()
        if not (px_w > 0 and px_h > 0):
            return
        for i, head in enumerate(self._heads):
            if i >= len(self.ends) or not self.lines.isVisible():
                head.hide()
                continue
            span = (self.ends[i] - self.starts[i]) / (px_w, px_h)
            dx = (self.ends[i, 0] - self.tails[i, 0]) / px_w
            dy = (self.ends[i, 1] - self.tails[i, 1]) / px_h
            if math.hypot(*span) < 6 or not np.isfinite([dx, dy]).all():
                head.hide()  # too short on screen for a head to mean anything
                continue
            # ArrowItem: angle 0 points left; Qt rotates clockwise on screen (y down).
            head.setStyle(angle=math.degrees(math.atan2(dy, -dx)))
            head.setPos(*self.ends[i])
            head.show()

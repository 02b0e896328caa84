"""Pointing at data in a plot with the mouse: where a press lands in data coordinates, whether
it is inside the data area, and which of some points lies under it.

Views that let the user drag something (the function space's support points, the landscape's
explore marker) watch their viewport's mouse events with an event filter and ask these: a
plain event filter, rather than a movable pyqtgraph item, also takes QTest's synthetic drags.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF

#: how close (pixels) a press must be to a point to take it
GRAB_PIXELS = 10


class PlotPointer:
    """Maps viewport positions of ``view`` to data coordinates of ``plot`` and back."""

    def __init__(self, view: pg.GraphicsView, plot: pg.PlotItem) -> None:
        self.view = view
        self.plot = plot

    def data_at(self, where: QPointF) -> tuple[float, float]:
        """The data point under the cursor, kept within the plot's frame: a point dragged
        past its edge stays at the edge, in sight."""
        vb = self.plot.vb
        point = vb.mapSceneToView(self.view.mapToScene(where.toPoint()))
        (x_low, x_high), (y_low, y_high) = vb.viewRange()
        return float(np.clip(point.x(), x_low, x_high)), float(np.clip(point.y(), y_low, y_high))

    def in_data_area(self, where: QPointF) -> bool:
        scene = self.view.mapToScene(where.toPoint())
        return self.plot.vb.sceneBoundingRect().contains(scene)

    def nearest(
        self, where: QPointF, points: Iterable[tuple[float, float]], within: float = GRAB_PIXELS
    ) -> int | None:
        """The index of the point within ``within`` pixels of the cursor (the nearest), if
        any."""
        vb = self.plot.vb
        best, best_distance = None, float(within)
        for index, (x, y) in enumerate(points):
            on_screen = self.view.mapFromScene(vb.mapViewToScene(QPointF(x, y)))
            distance = float(np.hypot(on_screen.x() - where.x(), on_screen.y() - where.y()))
            if distance <= best_distance:
                best, best_distance = index, distance
        return best

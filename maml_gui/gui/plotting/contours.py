"""A filled surface with isocurves on top, traced a few per frame so a new surface never
stalls the event loop."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from maml_gui.gui.plotting.styles import Style, Styler

# Neutral greys under the contour lines, so the blue/vermillion markers stay the loudest.
_SURFACE_MAP = pg.ColorMap([0.0, 1.0], [(175, 175, 175), (252, 252, 252)])


#: isocurves traced per frame while a new surface comes in
CONTOURS_PER_FRAME = 3


class ContourMap:
    """A filled surface (ImageItem, grey scale unless ``colormap``) and ``levels`` isocurves
    on top of it."""

    def __init__(
        self,
        styler: Styler,
        plot: pg.PlotItem,
        levels: int = 14,
        colormap: pg.ColorMap | None = None,
    ):
        self.colormap = colormap or _SURFACE_MAP
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(self.colormap.getLookupTable(nPts=256))
        self.image.setZValue(-20)
        plot.addItem(self.image)
        self._styler = styler
        self.isocurves = []
        for _ in range(levels):
            iso = pg.IsocurveItem(axisOrder="row-major")
            iso.setParentItem(self.image)  # inherits the image's pixel-to-data transform
            iso.setZValue(-10)
            self._styler.style(iso, Style("#606060", 0.5))
            self.isocurves.append(iso)
        self.values = np.zeros((0, 0))
        self.levels = np.zeros(0)
        self.range = (0.0, 1.0)  # the image's colour levels: values above ``high`` are clipped
        self.rect = QRectF()  # the surface's extent in data coordinates
        self._pending: list = []
        self._pending_color = "#606060"

    def set_data(
        self,
        values: np.ndarray,
        x: np.ndarray,
        y: np.ndarray,
        color: str,
        level_values: np.ndarray | None = None,
    ) -> None:
        """``values`` has rows along ``y`` and columns along ``x`` (the core's convention);
        the colour levels and isocurves come from ``level_values`` (the part of the surface
        the view is about) if given, else from all of it."""
        self.values = values
        basis = values if level_values is None else level_values
        finite = basis[np.isfinite(basis)]
        if finite.size == 0:
            return
        # Detail where the loss is low: the top of the range is clipped and unlabelled.
        low, high = float(finite.min()), float(np.quantile(finite, 0.85))
        high = high if high > low else low + 1.0
        self.image.setImage(values, levels=(low, high))
        self.range = (low, high)
        dx = (x[-1] - x[0]) / max(len(x) - 1, 1)
        dy = (y[-1] - y[0]) / max(len(y) - 1, 1)
        self.rect = QRectF(x[0] - dx / 2, y[0] - dy / 2, dx * len(x), dy * len(y))
        self.image.setRect(self.rect)
        span = np.linspace(0.0, 1.0, len(self.isocurves) + 2)[1:-1]
        self.levels = low + (high - low) * span**1.5
        # Tracing an isocurve is pure Python (~3 ms each); all 14 at once stalled the event
        # loop for ~45 ms. They are traced a few per frame (see ``advance``), hidden until
        # their turn so no stale line sits on the new surface.
        self._pending = list(zip(self.isocurves, self.levels, strict=True))
        self._pending_color = color
        for iso in self.isocurves:
            iso.setVisible(False)

    def clear(self) -> None:
        """No surface until the next ``set_data`` (rather than a stale one under new axes)."""
        self.image.clear()
        self.values = np.zeros((0, 0))
        self._pending = []
        for iso in self.isocurves:
            iso.setVisible(False)

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def advance(self, count: int = CONTOURS_PER_FRAME) -> None:
        """Trace up to ``count`` pending isocurves (all of them with ``count`` < 0)."""
        todo = self._pending if count < 0 else self._pending[:count]
        self._pending = [] if count < 0 else self._pending[count:]
        for iso, level in todo:
            self._styler.style(iso, Style(self._pending_color, 0.5, alpha=200))
            iso.setData(self.values, level=float(level))
            iso.setVisible(True)

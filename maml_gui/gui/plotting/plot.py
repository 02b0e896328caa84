"""A plot with its legend outside the data, on axes whose grid lines are cheap to paint."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QSizePolicy

from maml_gui.gui.plotting.hover import HoverReadout
from maml_gui.gui.plotting.legend import LegendSample
from maml_gui.gui.plotting.ticks import readable_levels

#: the room a plot's column loses to the layout's margins and the legend's frame (px)
COLUMN_MARGIN = 24
#: the narrowest a plot's column may get: axes, ticks and a readable data area (px)
MIN_PLOT_WIDTH = 160
#: a title wraps at no less than this width (px)
MIN_TITLE_WIDTH = 120
#: between a plot and a legend beside it: the layout's spacing (px)
LEGEND_GAP = 6


class GridAxis(pg.AxisItem):
    """An axis whose grid lines are opaque and drawn under the data, and whose tick labels
    never run into each other (``ticks.readable_levels``).

    pyqtgraph draws grid lines in the text colour with a small alpha, without antialiasing.
    Qt's raster engine has a slow path for exactly that: 50 such lines cost ~8 ms per paint
    against 0.3 ms opaque (measured here), which a 30 Hz redraw cannot spare. The
    same colour pre-blended onto the plot background looks identical; beneath the data
    (z below the ViewBox) it no longer cuts through the curves.
    """

    def __init__(self, orientation: str, background: str):
        super().__init__(orientation)
        self.background = pg.mkColor(background)
        self._pens: dict[int, QPen] = {}

    def set_background(self, color: str) -> None:
        self.background = pg.mkColor(color)
        self._pens.clear()
        self.picture = None
        self.update()

    def resizeEvent(self, ev=None) -> None:  # pyqtgraph's and Qt's name
        if self.label is not None and self.orientation in ("left", "right"):
            self._wrap_label(self.size().height())
        super().resizeEvent(ev)

    def _wrap_label(self, length: float) -> None:
        """A vertical label longer than its axis wraps onto a second line: a short plot (the
        1280x720 layout, slide fonts) cut "PC 2 (25% of path variance)" at both ends. A label
        that two lines cannot hold overflows its axis still (shorter labels are the cure)."""
        label = self.label
        before = label.boundingRect().height()
        label.setTextWidth(-1)
        natural = label.boundingRect().width()
        if natural > length:
            option = label.document().defaultTextOption()
            option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.document().setDefaultTextOption(option)
            # Two lines at most: more made a column of word fragments beside a short plot.
            label.setTextWidth(max(length, natural / 2 + MIN_TITLE_WIDTH / 4))
        if label.boundingRect().height() != before:
            self._updateWidth()  # the axis is as wide as its ticks and its label's lines

    def _updateWidth(self) -> None:  # pyqtgraph's name
        super()._updateWidth()
        if self.label is None or not self.label.isVisible() or self.fixedWidth is not None:
            return
        if self.orientation in ("left", "right") and self.label.textWidth() > 0:
            # pyqtgraph counts 0.8 of the label's height ("usually an overestimate"): true for
            # one line, too little for two, and the wrapped label ran into the tick labels.
            width = self.maximumWidth() + 0.2 * self.label.boundingRect().height()
            self.setMaximumWidth(width)
            self.setMinimumWidth(width)

    def tickSpacing(self, minVal, maxVal, size):  # pyqtgraph calls it by this name
        levels = super().tickSpacing(minVal, maxVal, size)
        if self._tickSpacing is not None:
            return levels  # set by hand: as asked
        return readable_levels(self, levels, min(minVal, maxVal), max(minVal, maxVal), size)

    def generateDrawSpecs(self, p):  # pyqtgraph calls it by this name
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis, ticks, texts = specs
        return axis, [(self._opaque(pen), a, b) for pen, a, b in ticks], texts

    def _opaque(self, pen: QPen) -> QPen:
        color = pen.color()
        if color.alpha() == 255 or pen.brush().style() != Qt.BrushStyle.SolidPattern:
            return pen
        key = color.rgba()
        if key not in self._pens:
            a, bg = color.alphaF(), self.background
            mixed = QColor(
                round(color.red() * a + bg.red() * (1 - a)),
                round(color.green() * a + bg.green() * (1 - a)),
                round(color.blue() * a + bg.blue() * (1 - a)),
            )
            opaque = QPen(pen)
            opaque.setColor(mixed)
            self._pens[key] = opaque
        return self._pens[key]


class FlowLegend(pg.LegendItem):
    """A legend that fills rows of ``columnCount`` entries in order and can change that count.

    pyqtgraph's ``setColumnCount`` re-adds the entries from the grid's column count, which a
    QGraphicsGridLayout never shrinks: going from 3 columns to 1 put every entry beside the old
    ones instead of below them. Here each entry's cell follows from its index alone.
    """

    def __init__(self, *args, **kwargs) -> None:
        self._placed = 0
        super().__init__(*args, **kwargs)

    def _addItemToLayout(self, sample, label) -> None:  # pyqtgraph's hook, by its name
        # a sample kept by its view (StripSample) and passed again was closed, so hidden,
        # when pyqtgraph cleared the legend
        sample.show()
        row, col = divmod(self._placed, self.columnCount)
        self._placed += 1
        self.layout.addItem(sample, row, 2 * col, alignment=Qt.AlignmentFlag.AlignVCenter)
        self.layout.addItem(label, row, 2 * col + 1)
        self.rowCount = max(self.rowCount, row + 1)

    def setColumnCount(self, columnCount: int) -> None:
        if columnCount == self.columnCount:
            return
        self.columnCount = columnCount
        for index in range(self.layout.count() - 1, -1, -1):
            self.layout.removeAt(index)
        self._placed = self.rowCount = 0
        for sample, label in self.items:
            self._addItemToLayout(sample, label)
        self.updateSize()

    def clear(self) -> None:
        super().clear()
        self._placed = self.rowCount = 0

    def updateSize(self) -> None:  # pyqtgraph's name
        """The box around the entries at their natural widths: pyqtgraph summed the labels'
        current (stretched) widths, so a legend once made wide never got narrow again."""
        if self.size is not None or not self.items:
            super().updateSize()
            return
        self.setGeometry(0, 0, *self.natural_size(self.columnCount))

    def natural_size(self, columns: int) -> tuple[float, float]:
        """The legend's width and height with its entries in ``columns`` columns."""
        if not self.items:
            return 0.0, 0.0
        columns = max(1, columns)
        spacing = max(self.layout.horizontalSpacing(), 0)
        widths = [0.0] * columns
        heights: dict[int, float] = {}
        for index, (sample, label) in enumerate(self.items):
            row, col = divmod(index, columns)
            entry = sample.boundingRect().width() + label.minimumWidth() + spacing
            widths[col] = max(widths[col], entry)
            entry_height = max(sample.boundingRect().height(), label.minimumHeight())
            heights[row] = max(heights.get(row, 0.0), entry_height)
        left, top, right, bottom = self.layout.getContentsMargins()
        width = sum(widths) + spacing * (columns - 1) + left + right
        return width, sum(heights.values()) + top + bottom


class ViewPlot:
    """A PlotItem with a title, axis labels and a legend in the layout row below it, so the
    legend never covers data (pyqtgraph's default legend floats inside the ViewBox)."""

    def __init__(
        self,
        layout: pg.GraphicsLayout,
        row: int,
        col: int,
        screen: dict,
        legend_columns: int = 2,
    ):
        axes = {name: GridAxis(name, screen["background"]) for name in ("left", "bottom")}
        self.plot: pg.PlotItem = layout.addPlot(row=row, col=col, axisItems=axes)
        self.row, self.column = row, col
        #: whether the legend sits to the right of the plot (place_legend), not below it
        self.legend_beside = False
        for axis in axes.values():
            axis.setZValue(self.plot.vb.zValue() - 1)  # the grid under the data
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setMenuEnabled(False)
        for name in ("left", "bottom"):
            # "(x0.001)" after a label reads as a unit; the tick values carry the scale.
            self.plot.getAxis(name).enableAutoSIPrefix(False)
        self.legend = FlowLegend(colCount=legend_columns, verSpacing=-4, sampleType=LegendSample)
        self._legend_key: tuple | None = None
        self.legend_columns = legend_columns
        self.layout = layout
        layout.addItem(self.legend, row=row + 1, col=col)
        #: the width this plot's column has in its view (None: not known yet, no fitting)
        self.available_width: float | None = None
        #: called with no argument when minimum_width() may have changed (the view sets it)
        self.minimum_changed = lambda: None
        # As tall as its entries, at the top of its row: a legend beside a taller one was
        # stretched to its height, which spread the rows and left each label at the top of
        # its row and each sample in the middle (the markers sat below their labels).
        policy = self.legend.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.legend.setSizePolicy(policy)
        layout.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop)
        self.title = ""
        self.x_label = ""
        self.y_label = ""
        #: what is under the cursor (and the crosshair, when on)
        self.hover = HoverReadout(self.plot, self.legend)
        #: the screen theme, against which a slide theme's fonts count as large
        self.screen = dict(screen)
        self.theme = dict(screen)

    def set_text(self, title=None, x=None, y=None) -> None:
        new = (
            self.title if title is None else title,
            self.x_label if x is None else x,
            self.y_label if y is None else y,
        )
        if new == (self.title, self.x_label, self.y_label):
            return  # re-setting a label re-lays out the scene: skip it at 30 Hz
        old = (self.title, self.x_label, self.y_label)
        self.title, self.x_label, self.y_label = new
        self.hover.set_axis_names(self.x_label, self.y_label)
        # Only what changed: the PCA view's axis labels (the variance shares) change at
        # every redraw, and re-setting the title re-wraps it and re-fits the legend.
        fg, pt = self.theme["foreground"], self.theme["font_pt"]
        style = {"font-size": f"{pt:g}pt", "color": fg}
        if new[1] != old[1]:
            self.plot.setLabel("bottom", self.x_label, **style)
        if new[2] != old[2]:
            self.plot.setLabel("left", self.y_label, **style)
        if new[0] != old[0]:
            self.plot.setTitle(self.title, size=f"{pt * 1.2:g}pt", color=fg)
            self.fit()

    def add(self, item, name: str | None = None, ignore_bounds: bool = False) -> None:
        self.plot.addItem(item, ignoreBounds=ignore_bounds)
        if name:
            self.legend.addItem(item, name)

    def set_legend(self, entries: list[tuple[object, str]]) -> None:
        """Replace the legend's entries (items need not be in the plot: a sample is enough)."""
        key = (tuple((id(item), name) for item, name in entries), id(self.theme))
        if key == self._legend_key:
            return  # rebuilding it re-lays out the scene (~4 ms): payloads come every second
        self._legend_key = key
        self.legend.clear()
        for item, name in entries:
            self.legend.addItem(item, name)
        self.legend.setLabelTextSize(f"{self.theme['font_pt']}pt")
        self.legend.setVisible(bool(entries))  # no empty box under a plot without entries
        self.fit_legend_samples()

    def fit_legend_samples(self) -> None:
        """Size the samples for the theme's font and the items' current pens (call after the
        items are restyled: a dashed sample's length follows its pen's width)."""
        for sample, _label in self.legend.items:
            if isinstance(sample, LegendSample):
                sample.set_font_pt(self.theme["font_pt"])
        self.legend.updateSize()
        self.fit()  # the entries' widths follow their samples'
        self.minimum_changed()

    def legend_names(self) -> list[str]:
        return [label.text for _, label in self.legend.items]

    def apply_theme(self, theme: dict) -> None:
        self.theme = dict(theme)
        fg = theme["foreground"]
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            if isinstance(axis, GridAxis):
                axis.set_background(theme["background"])
        font = QFont()
        font.setPointSizeF(theme["font_pt"] * 0.9)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setTickFont(font)
            axis.setPen(pg.mkPen(fg, width=max(1, theme["line_width"] // 2)))
            axis.setTextPen(pg.mkPen(fg))
        self.legend.opts["labelTextColor"] = fg
        self.legend.opts["labelTextSize"] = f"{theme['font_pt']}pt"
        for _, label in self.legend.items:
            # LegendItem.setLabelTextSize only records the size; re-setting the text applies it.
            label.setText(label.text, size=f"{theme['font_pt']}pt", color=fg)
        self.legend.updateSize()
        self.legend.setPen(pg.mkPen("#B0B0B0"))
        self.legend.setBrush(pg.mkBrush(theme["background"]))
        self._draw_text()
        self.fit()

    def _legend_width(self, columns: int) -> float:
        return self.legend.natural_size(columns)[0]

    def fitting_columns(self, width: float) -> int:
        """As many legend columns as fit in ``width`` (the plot's column), at most the
        designed count."""
        room = max(width - COLUMN_MARGIN, 1.0)
        columns = self.legend_columns
        while columns > 1 and self._legend_width(columns) > room:
            columns -= 1
        return columns

    def place_legend(self, beside: bool) -> None:
        """The legend under the plot (its row below), or beside it (the column to its right):
        a short, wide view keeps more of its data area with a tall legend beside the plot."""
        if beside == self.legend_beside:
            return
        self.legend_beside = beside
        self.layout.removeItem(self.legend)
        row, col = (self.row, self.column + 1) if beside else (self.row + 1, self.column)
        self.layout.addItem(self.legend, row=row, col=col)
        self.layout.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop)
        self.fit()

    def minimum_width(self) -> float:
        """The narrowest column that shows this plot whole: its legend in one column and its
        title wrapped at MIN_TITLE_WIDTH."""
        plot = self._width_beside_title() + MIN_TITLE_WIDTH
        return max(self._legend_width(1), plot, MIN_PLOT_WIDTH) + COLUMN_MARGIN

    def _width_beside_title(self) -> float:
        """What the plot's other columns need beside its title's (axis, colour bar)."""
        title = self.plot.titleLabel.minimumWidth()
        whole = self.plot.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
        return max(whole - title, 0.0)

    def fit(self, width: float | None = None) -> None:
        """Fit the legend and the title into ``width``, the plot's share of its view (or the
        last width given): as many legend columns as fit, at most the designed count, and a
        title too long for it wrapped. Without this, a legend or title wider than the view
        made the whole layout wider than its widget, and the view lost its right edge."""
        if width is not None:
            self.available_width = width
        if self.available_width is None:
            return
        room = max(self.available_width - COLUMN_MARGIN, 1.0)
        if self.legend_beside:
            self.legend.setColumnCount(1)
            room -= self._legend_width(1) + LEGEND_GAP
        else:
            self.legend.setColumnCount(self.fitting_columns(self.available_width))
        self.legend.updateSize()
        self._wrap_title(room - self._width_beside_title())

    def _wrap_title(self, room: float) -> None:
        label = self.plot.titleLabel
        text = label.item
        room = max(room, MIN_TITLE_WIDTH)
        text.setTextWidth(-1)
        if text.boundingRect().width() > room:
            option = text.document().defaultTextOption()
            option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            text.document().setDefaultTextOption(option)
            text.setTextWidth(room)
        label.updateMin()
        label.resizeEvent(None)
        self._fit_title_row()

    def _fit_title_row(self) -> None:
        """pyqtgraph fixes the title's row at 30 px: a slide-sized or wrapped title was cut."""
        if not self.title:
            return
        height = self.plot.titleLabel.item.boundingRect().height()
        self.plot.titleLabel.setMaximumHeight(height)
        self.plot.layout.setRowFixedHeight(0, height)

    def _draw_text(self) -> None:
        fg, pt = self.theme["foreground"], self.theme["font_pt"]
        self.plot.setTitle(self.title, size=f"{pt * 1.2:g}pt", color=fg)
        style = {"font-size": f"{pt:g}pt", "color": fg}
        self.plot.setLabel("bottom", self.x_label, **style)
        self.plot.setLabel("left", self.y_label, **style)
        self._fit_title_row()

"""Bar charts for the classification views (feature reuse, Lake's one-shot runs).

pyqtgraph's BarGraphItem knows no theme and no legend: its legend sample is a line in its
outline's colour, so a solid and a tinted series looked the same there. :class:`Bars` is a
themed bar series with a square legend key that shows its fill. :class:`DataText` is text
placed in the data (an "n/a" where a value is undefined, a published rate's name) whose font
follows the theme, and :class:`PlotNote` a note under a plot that wraps to the view's width,
so that what the reader must know travels with every export of the view.
:class:`BarChartPanel` is what both views are: a noted bar chart with a compact layout.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from maml_gui.gui import theme as palette
from maml_gui.gui.panels.common import PlotPanel
from maml_gui.gui.plotting.plot import COLUMN_MARGIN, ViewPlot
from maml_gui.gui.plotting.styles import Style, make_pen

#: a tinted bar's fill: this share of its colour over white (the outline keeps the colour)
TINT_SHARE = 0.3
#: a legend key's square, in units of the theme's font size (points)
KEY_EMS = 1.1
#: text placed in the data, against the theme's font (the tick labels' size)
DATA_TEXT_SCALE = 0.9
#: a note under the plot, against the theme's font
NOTE_SCALE = 0.9


def tinted(color: str, share: float = TINT_SHARE) -> QColor:
    """``color`` blended onto white: opaque, so SVG and PDF exports show it as on screen."""
    c = pg.mkColor(color)
    mix = [round(255 - (255 - v) * share) for v in (c.red(), c.green(), c.blue())]
    return QColor(*mix)


class Bars(pg.BarGraphItem):
    """One series of bars, vertical (from y = 0) or horizontal (from x = 0).

    Style it through a Styler (``styler.style(bars, Style(color, width))``): the outline is
    ``width`` times the theme's line width, the fill the colour or, with ``tint``, a light tint
    of it. ``key`` is the series' legend sample. NaN values draw no bar: ``set_values`` returns
    where they are, for the view to mark.
    """

    def __init__(self, tint: bool = False, horizontal: bool = False) -> None:
        super().__init__(x0=np.zeros(0), width=0.1, height=np.zeros(0))
        self.tint = tint
        self.horizontal = horizontal
        # a marker-only item stands for the series in the legend; it is never in a plot, so
        # an export's "list only what is drawn" keeps it (framing.drawn)
        self.key = pg.PlotDataItem(pen=None, symbol="s")

    def apply_style(self, style: Style, theme: dict) -> None:
        """Called by the Styler: colour and widths for ``theme``."""
        pen = make_pen(style.color, max(1.0, theme["line_width"] * style.width))
        brush = pg.mkBrush(tinted(style.color) if self.tint else pg.mkColor(style.color))
        self.setOpts(pen=pen, brush=brush)
        size = KEY_EMS * theme["font_pt"]
        key = self.key
        key.setSymbolPen(pen)
        key.setSymbolBrush(brush)
        key.setSymbolSize(size)
        # the legend sample reads the inner scatter's options, which stay at pyqtgraph's
        # defaults until data arrives, and this item never gets any (see Styler._apply_item)
        key.scatter.setPen(pen, update=False)
        key.scatter.setBrush(brush, update=False)
        key.scatter.opts["size"] = size

    def set_values(self, positions, values, thickness: float) -> np.ndarray:
        """Bars of ``values`` centred on ``positions``; returns the positions whose value is
        not finite, which get no bar (a zero-height bar would read as "CKA 0")."""
        positions = np.asarray(positions, dtype=float)
        values = np.asarray(values, dtype=float)
        finite = np.isfinite(values)
        start = positions[finite] - thickness / 2
        if self.horizontal:
            self.setOpts(x0=0.0, width=values[finite], y0=start, height=thickness)
        else:
            self.setOpts(x0=start, width=thickness, y0=0.0, height=values[finite])
        return positions[~finite]

    def values(self) -> tuple[np.ndarray, np.ndarray]:
        """(centres, lengths) of the bars drawn, for tests and tables."""
        x0, y0, x1, y1 = self._getNormalizedCoords()
        x0, y0, x1, y1 = (np.atleast_1d(np.asarray(v, dtype=float)) for v in (x0, y0, x1, y1))
        if self.horizontal:
            return (y0 + y1) / 2, x1 - x0
        return (x0 + x1) / 2, y1 - y0

    def set_visible(self, shown: bool) -> None:
        """Show or hide the series and its key (paint_learners calls it for the twin)."""
        self.setVisible(shown)
        self.key.setVisible(shown)


class DataText(pg.TextItem):
    """Text at a data point whose font follows the theme (pg.TextItem keeps its own 9 px);
    ``on_background``: on a patch of the theme's background, so a line under it does not
    cross the text."""

    def __init__(self, text: str = "", anchor=(0.5, 1.0), on_background: bool = False) -> None:
        super().__init__(text, anchor=anchor)
        self.on_background = on_background

    def apply_style(self, style: Style, theme: dict) -> None:
        self.setColor(style.color)
        font = self.textItem.font()
        font.setPointSizeF(theme["font_pt"] * DATA_TEXT_SCALE)
        self.setFont(font)
        if self.on_background:
            self.fill = pg.mkBrush(theme["background"])


class TextPool:
    """Reusable DataText items in one plot: as many shown as asked, the rest hidden. Items are
    never removed, so the Styler (which cannot forget an item) keeps styling only live ones."""

    def __init__(
        self,
        plot: pg.PlotItem,
        styler,
        color: str,
        anchor=(0.5, 1.0),
        on_background: bool = False,
    ) -> None:
        self.plot, self.styler, self.color, self.anchor = plot, styler, color, anchor
        self.on_background = on_background
        self.items: list[DataText] = []
        self.shown = True
        self.count = 0  # items in use

    def show(self, entries: list[tuple[float, float, str]]) -> None:
        """One text per (x, y, text); hides the others."""
        while len(self.items) < len(entries):
            item = DataText(anchor=self.anchor, on_background=self.on_background)
            item.setZValue(10)  # above the bars
            self.plot.addItem(item, ignoreBounds=True)
            self.styler.style(item, Style(self.color))
            self.items.append(item)
        for item, (x, y, text) in zip(self.items, entries, strict=False):
            item.setText(text)
            item.setPos(x, y)
        self.count = len(entries)
        self._show_used()

    def line_height(self) -> float:
        """The height in pixels of one line of this pool's text at the current theme."""
        if self.items:
            font = self.items[0].textItem.font()
        else:  # nothing shown yet: the font the first item will get
            font = QFont()
            font.setPointSizeF(self.styler.theme["font_pt"] * DATA_TEXT_SCALE)
        return QFontMetricsF(font).lineSpacing()

    def visible_texts(self) -> list[tuple[float, float, str]]:
        return [(i.pos().x(), i.pos().y(), i.toPlainText()) for i in self.items if i.isVisible()]

    def recolor(self, color: str) -> None:
        self.color = color
        for item in self.items:
            self.styler.recolor(item, color)

    def set_visible(self, shown: bool) -> None:
        self.shown = shown
        self._show_used()

    def _show_used(self) -> None:
        for index, item in enumerate(self.items):
            item.setVisible(self.shown and index < self.count)


class PlotNote(pg.LabelItem):
    """A note in the view's layout under a plot and its legend, wrapped to the view's width:
    part of every export of the view, unlike a Qt label beside it."""

    def __init__(self, color: str) -> None:
        super().__init__("", justify="left")
        self.note = ""
        self.color = color
        self.font_pt = 9.0
        self.wrap_width = 400.0
        self.setVisible(False)

    def apply_style(self, style: Style, theme: dict) -> None:
        self.color = style.color
        self.font_pt = theme["font_pt"] * NOTE_SCALE
        self._render()

    def set_note(self, text: str) -> None:
        if text == self.note:
            return
        self.note = text
        self.setVisible(bool(text))
        self._render()

    def wrap(self, width: float) -> None:
        """Wrap at ``width`` pixels (the view's width less its margins)."""
        width = max(float(width), 60.0)
        if abs(width - self.wrap_width) < 0.5:
            return
        self.wrap_width = width
        self._render()

    def _render(self) -> None:
        self.setText(self.note, size=f"{self.font_pt:g}pt", color=self.color)

    def setText(self, text: str, **args) -> None:  # pyqtgraph's name
        """Every change of text or font re-wraps the note and fits its row to it, also when
        an export's slide theme sets the text of every label in the scene."""
        super().setText(text, **args)
        width = getattr(self, "wrap_width", None)
        if width is None:  # pyqtgraph's __init__ sets the first, empty text
            return
        option = self.item.document().defaultTextOption()
        option.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.item.document().setDefaultTextOption(option)
        self.item.setTextWidth(width)
        self.updateMin()
        height = self.item.boundingRect().height() if text else 0.0
        # the layout gave the row its first height and kept it: a longer note ran into the
        # legend above it, a shorter one left a gap
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.resizeEvent(None)


class BarChartPanel(PlotPanel):
    """A view of one bar chart with a note under it (what a reader must know travels with
    every export) and a compact layout for a small dock.

    The view is compact while it is smaller than ``compact_below`` (width, height) at the
    screen font; a larger font scales the bound. Subclasses say what compact changes in
    :meth:`_apply_compact`, and set ``self.compact = False`` once built.
    """

    compact_below = (480, 400)

    def add_noted_plot(self, legend_columns: int) -> ViewPlot:
        """The note (row 2) and then the plot: add_plot fits the view, which wraps the note."""
        foreground = palette.SCREEN["foreground"]
        self.note = PlotNote(foreground)
        self.view.ci.addItem(self.note, row=2, col=0)
        self.styler.style(self.note, Style(foreground))
        return self.add_plot(legend_columns=legend_columns)

    def fit_to_view(self) -> None:
        super().fit_to_view()
        if hasattr(self, "compact"):  # not while __init__ adds the plot
            self.set_compact(self._wants_compact())
        self.note.wrap(self.view.width() - COLUMN_MARGIN)

    def apply_theme(self, theme: dict) -> None:
        super().apply_theme(theme)
        if self.view.isVisible():
            self.set_compact(self._wants_compact())  # a larger font needs more room

    def _wants_compact(self) -> bool:
        scale = self.styler.theme["font_pt"] / palette.SCREEN["font_pt"]
        width, height = self.compact_below
        size = self.view.size()
        return size.height() < height * scale or size.width() < width * scale

    def set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        self._apply_compact(compact)
        self.dirty = True
        self.redraw()  # now: an export lays the view out and paints without the timer

    def _apply_compact(self, compact: bool) -> None:
        raise NotImplementedError

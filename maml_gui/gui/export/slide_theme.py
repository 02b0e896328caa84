"""Apply a theme (``theme.SLIDE`` or ``theme.SCREEN``) to any pyqtgraph view, and undo it.

Panels may implement ``apply_theme(theme)`` themselves; this module is the generic fallback
that works on whatever a view contains (plots, axes, titles, legends, curves), and the part
every theme needs anyway: moving a legend off the data. It records what it changes and puts it
back, so an export never leaves the on-screen view altered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsWidget

from maml_gui.gui.plotting.plot import GridAxis

#: titles a bit larger than the axis labels, tick labels a bit smaller
_TITLE_SCALE = 1.2
_TICK_SCALE = 0.8
_LEGEND_GAP_PX = 12


def _chain(undo: list[Callable[[], None]]) -> Callable[[], None]:
    def undo_all() -> None:
        for step in reversed(undo):
            step()

    return undo_all


def _scene_items(view: pg.GraphicsView, kind: type) -> list:
    return [item for item in view.scene().items() if isinstance(item, kind)]


def _theme_axes(view, theme, undo: list[Callable[[], None]], only=None) -> None:
    """Axis pens, tick fonts and label styles; ``only(axis)`` picks which axes."""
    fg = theme["foreground"]
    for axis in _scene_items(view, pg.AxisItem):
        if only is not None and not only(axis):
            continue
        pen, text_pen = pg.mkPen(axis.pen()), pg.mkPen(axis.textPen())
        tick_font = QFont(axis.style.get("tickFont") or QFont())
        had_tick_font = axis.style.get("tickFont") is not None
        label_style = dict(axis.labelStyle)

        def restore(
            axis=axis,
            pen=pen,
            text_pen=text_pen,
            font=tick_font,
            style=label_style,
            had_font=had_tick_font,
        ):
            axis.setPen(pen)
            axis.setTextPen(text_pen)
            axis.setTickFont(font if had_font else None)
            axis.labelStyle = style
            axis._updateLabel()

        undo.append(restore)
        axis.setPen(pg.mkPen(fg, width=max(1, theme["line_width"] // 2)))
        axis.setTextPen(pg.mkPen(fg))
        font = QFont()
        font.setPointSizeF(theme["font_pt"] * _TICK_SCALE)
        axis.setTickFont(font)
        axis.labelStyle = {**label_style, "font-size": f"{theme['font_pt']}pt", "color": fg}
        axis._updateLabel()


def _theme_labels(view, theme, undo: list[Callable[[], None]]) -> None:
    """Titles and legend entries are LabelItems; plot titles get a larger size."""
    titles = {id(plot.titleLabel) for plot in _scene_items(view, pg.PlotItem)}
    for label in _scene_items(view, pg.LabelItem):
        if not label.text:
            continue
        text, opts = label.text, dict(label.opts)

        def restore(label=label, text=text, opts=opts):
            label.opts = dict(opts)
            label.setText(text)

        undo.append(restore)
        scale = _TITLE_SCALE if id(label) in titles else 1.0
        label.setText(text, size=f"{theme['font_pt'] * scale:g}pt", color=theme["foreground"])


def _theme_text_items(view, theme, undo: list[Callable[[], None]]) -> None:
    """Text placed in the data (an InfiniteLine's label such as "meta-training used k = 1",
    a panel's notice) has a font of its own, which no theme touches: it stayed at ~9 px on a
    slide. It gets the tick labels' size."""
    for item in _scene_items(view, pg.TextItem):
        old = QFont(item.textItem.font())

        def restore(item=item, font=old):
            item.setFont(font)

        undo.append(restore)
        font = QFont(old)
        font.setPointSizeF(theme["font_pt"] * _TICK_SCALE)
        item.setFont(font)


def _not_a_plot_axis(axis) -> bool:
    """Axes a panel's own theme does not style: a colour bar's (the plots' are GridAxis)."""
    return not isinstance(axis, GridAxis)


def _theme_curves(view, theme, undo: list[Callable[[], None]], line_scale: float) -> None:
    """Thicker lines in the same colours, so the algorithm/pretraining colours are kept."""
    width = theme["line_width"] * line_scale
    for curve in _scene_items(view, pg.PlotDataItem):
        old_pen = curve.opts.get("pen")
        old_symbol_size = curve.opts.get("symbolSize", 10)
        if old_pen is not None:
            pen = pg.mkPen(old_pen)
            if pen.style() != 0:  # Qt.NoPen stays invisible
                pen.setWidthF(max(pen.widthF(), width))
                curve.setPen(pen)
        if curve.opts.get("symbol") is not None:
            curve.setSymbolSize(old_symbol_size * theme["line_width"] / 2 * line_scale)

        def restore(curve=curve, pen=old_pen, size=old_symbol_size):
            curve.setPen(pen)
            if curve.opts.get("symbol") is not None:
                curve.setSymbolSize(size)

        undo.append(restore)


def move_legends_off_data(view: pg.GraphicsView) -> Callable[[], None]:
    """A legend anchored inside the ViewBox may cover curves; put it in a column right of it.

    Call it after the view has its final size and fonts (it measures the legend). The ViewBox
    clips its children, so the legend is re-parented to the PlotItem and a spacer of the
    legend's width reserves the column in the PlotItem's grid layout. Returns the undo.
    """
    undo: list[Callable[[], None]] = []
    for plot in _scene_items(view, pg.PlotItem):
        legend = plot.legend
        if legend is None or not isinstance(legend.parentItem(), pg.ViewBox):
            continue
        if not legend.items:
            continue
        old_parent = legend.parentItem()
        # GraphicsWidgetAnchor keeps its anchor private; read it to restore it exactly.
        anchor = (
            legend._GraphicsWidgetAnchor__itemAnchor,
            legend._GraphicsWidgetAnchor__parentAnchor,
            legend._GraphicsWidgetAnchor__offset,
        )
        legend.layout.activate()
        legend.updateSize()
        spacer = QGraphicsWidget()
        legend_width = legend.boundingRect().width() + 2 * _LEGEND_GAP_PX
        spacer.setMinimumWidth(legend_width)
        spacer.setMaximumWidth(legend_width)
        plot.layout.addItem(spacer, 2, 3)
        offset = legend.opts["offset"]
        legend.opts["offset"] = None  # stops setParentItem from re-anchoring on its own
        legend.setParentItem(plot)
        legend.opts["offset"] = offset
        plot.layout.activate()
        legend.anchor(
            itemPos=(1, 0), parentPos=(1, 0), offset=(-_LEGEND_GAP_PX, plot.vb.geometry().top())
        )

        def restore(plot=plot, legend=legend, spacer=spacer, parent=old_parent, anchor=anchor):
            plot.layout.removeItem(spacer)
            spacer.setParentItem(None)
            if spacer.scene() is not None:
                spacer.scene().removeItem(spacer)
            offset = legend.opts["offset"]
            legend.opts["offset"] = None
            legend.setParentItem(parent)
            legend.opts["offset"] = offset
            if anchor[0] is not None:
                legend.anchor(itemPos=anchor[0], parentPos=anchor[1], offset=anchor[2])
            legend.layout.activate()
            legend.updateSize()

        undo.append(restore)
    return _chain(undo)


@contextmanager
def legends_scale_with_export(view: pg.GraphicsView) -> Iterator[None]:
    """LegendItem ignores transformations so it keeps its size when the plot is zoomed; an
    export rendered at a larger scale would then draw it smaller than everything else."""
    flag = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    legends = [item for item in _scene_items(view, pg.LegendItem) if item.flags() & flag]
    for legend in legends:
        legend.setFlag(flag, False)
    try:
        yield
    finally:
        for legend in legends:
            legend.setFlag(flag, True)


def apply_theme_to_view(
    view: pg.GraphicsView,
    theme: dict,
    line_scale: float = 1.0,
    transparent: bool = False,
    style: bool = True,
) -> Callable[[], None]:
    """Restyle every plot in ``view``; return a function that undoes exactly these changes.

    With ``style=False`` (for panels that apply fonts and pens themselves) the plots keep the
    panel's styling; only the background, colour-bar axes and text items change.
    """
    undo: list[Callable[[], None]] = []
    old_brush = view.backgroundBrush()
    undo.append(lambda: view.setBackgroundBrush(old_brush))
    view.setBackground(None if transparent else QColor(theme["background"]))
    if style:
        _theme_axes(view, theme, undo)
        _theme_labels(view, theme, undo)
        _theme_curves(view, theme, undo, line_scale)
    else:  # the panel styled its plots: size what it does not know about
        _theme_axes(view, theme, undo, only=_not_a_plot_axis)
    _theme_text_items(view, theme, undo)
    return _chain(undo)


def resize_view(view: pg.GraphicsView, width: int, height: int) -> None:
    """Resize a view, visible or not, and lay its plots out for that size now."""
    view.resize(width, height)
    settle_view(view)


def settle_view(view: pg.GraphicsView) -> None:
    """Bring the scene up to date with the widget's size before painting it off-screen.

    A hidden widget gets no resize event until shown, so pyqtgraph would keep laying out for
    the old size: GraphicsView.setRange is called explicitly (unbound, because PlotWidget
    overrides setRange). Axes widen for their tick labels only while painting, so a small
    throw-away paint runs first; otherwise labels wider than the old axis are dropped.
    """
    if view.autoPixelRange:
        size = QRectF(0, 0, view.width(), view.height())
        pg.GraphicsView.setRange(view, size, padding=0, disableAutoPixel=False)
    for _ in range(2):
        _activate_layouts(view)
        scratch = QImage(
            max(1, view.width() // 4), max(1, view.height() // 4), QImage.Format.Format_ARGB32
        )
        painter = QPainter(scratch)
        view.scene().render(painter, QRectF(scratch.rect()), view.sceneRect())
        painter.end()
    _activate_layouts(view)
    view.scene().prepareForPaint()


def _activate_layouts(view: pg.GraphicsView) -> None:
    central = view.centralWidget
    if central is not None and QGraphicsWidget.layout(central) is not None:
        QGraphicsWidget.layout(central).activate()
    for plot in _scene_items(view, pg.PlotItem):
        plot.layout.activate()

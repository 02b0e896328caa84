"""What an exported figure frames, and what its legend lists.

- An animation keeps its axes: each frame's own auto-range made the axes jump from frame to
  frame, so a marker's motion could not be read off them. ``plot_ranges`` records a frame's
  ranges, ``union`` covers all frames, ``fix_ranges`` holds them for every frame.
- A legend lists only what is drawn (``drawn``, ``legends_list_only``): e.g. the twin's phi
  projected onto a network's slice often lies outside the slice framed, and the legend still
  promised a vermillion dot.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg

#: (x range, y range) of each visible plot, in the plots' scene order
Ranges = list[tuple[tuple[float, float], tuple[float, float]]]


def visible_plots(view: pg.GraphicsView) -> list[pg.PlotItem]:
    items = view.scene().items()
    plots = [item for item in items if isinstance(item, pg.PlotItem) and item.isVisible()]
    return sorted(plots, key=lambda plot: (plot.scenePos().y(), plot.scenePos().x()))


def plot_ranges(view: pg.GraphicsView) -> Ranges:
    """The current range of every visible plot, after its auto-range caught up."""
    view.scene().prepareForPaint()  # ViewBoxes apply pending auto-ranges here
    return [tuple(tuple(axis) for axis in plot.vb.viewRange()) for plot in visible_plots(view)]


def union(first: Ranges, second: Ranges) -> Ranges:
    """Ranges covering both (the same plots in the same order, else ``second``)."""
    if len(first) != len(second):
        return second
    return [
        tuple((min(a[0], b[0]), max(a[1], b[1])) for a, b in zip(one, two, strict=True))
        for one, two in zip(first, second, strict=True)
    ]


def fix_ranges(view: pg.GraphicsView, ranges: Ranges) -> None:
    """Hold each plot at its range (auto-range off, no padding)."""
    plots = visible_plots(view)
    if len(plots) != len(ranges):
        return  # the view changed shape: its own ranges are better than misassigned ones
    for plot, (x_range, y_range) in zip(plots, ranges, strict=True):
        plot.vb.disableAutoRange()
        plot.vb.setRange(xRange=x_range, yRange=y_range, padding=0)


def drawn(item) -> bool:
    """Whether a legend entry's item draws anything inside its plot's current range.

    Only plot data items in a plot are judged; anything else (a sample standing for something
    drawn otherwise) counts as drawn. A line counts if its data's bounds meet the range, a
    marker if one of its points is inside it.
    """
    if not isinstance(item, pg.PlotDataItem) or item.getViewBox() is None:
        return True
    if not item.isVisible():
        return False
    x, y = item.getData()
    if x is None or not len(x):
        return False
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    finite = np.isfinite(x) & np.isfinite(y)
    if not finite.any():
        return False
    x, y = x[finite], y[finite]
    (x0, x1), (y0, y1) = item.getViewBox().viewRange()
    if item.opts.get("pen") is not None and _has_line(item):
        return x.min() <= x1 and x.max() >= x0 and y.min() <= y1 and y.max() >= y0
    return bool(np.any((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)))


def _has_line(item: pg.PlotDataItem) -> bool:
    pen = pg.mkPen(item.opts.get("pen"))
    return pen.style() != 0 and len(item.getData()[0]) > 1


def legends_list_only(view: pg.GraphicsView, keep: Callable[[object], bool]) -> Callable[[], None]:
    """Take the entries whose item ``keep`` rejects out of every legend; return the undo.

    The entries stay the same objects (hidden, out of the layout), so whatever styled their
    labels for the export, and undoes that afterwards, still finds them.
    """
    undo: list[Callable[[], None]] = []
    for legend in [item for item in view.scene().items() if isinstance(item, pg.LegendItem)]:
        entries, visible = list(legend.items), legend.isVisible()
        kept = [(sample, label) for sample, label in entries if keep(sample.item)]
        if len(kept) == len(entries):
            continue
        _show_only(legend, kept, entries)
        legend.setVisible(visible and bool(kept))

        def restore(legend=legend, entries=entries, visible=visible):
            _show_only(legend, entries, entries)
            legend.setVisible(visible)

        undo.append(restore)

    def undo_all() -> None:
        for step in reversed(undo):
            step()

    return undo_all


def _show_only(legend: pg.LegendItem, kept: list, entries: list) -> None:
    for sample, label in entries:
        shown = any(sample is s for s, _label in kept)
        sample.setVisible(shown)
        label.setVisible(shown)
    legend.items = list(kept)
    # setColumnCount lays the entries out again (from ``items``), but only on a change
    columns, legend.columnCount = legend.columnCount, 0
    legend.setColumnCount(columns)

"""PNG / SVG / PDF / CSV writers and the clipboard, for any pyqtgraph view or panel.

Every function takes an explicit path (pyqtgraph's ``export()`` without a file name opens a
dialog and would hang a test or the headless CLI), and every file is written through
``formats.atomic_write``, so a failed export never leaves a half-written figure behind.
Slide layout and the choice of writer by format are in ``views.py``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter, SVGExporter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from maml_gui.gui.export.formats import ExportError, atomic_write
from maml_gui.gui.export.slide_theme import legends_scale_with_export, resize_view, settle_view
from maml_gui.gui.i18n import translate
from maml_gui.gui.panels.base import CurveColumn

_CM_PER_INCH = 2.54
_SCREEN_DPI = 96


def view_of(panel_or_widget) -> pg.GraphicsView:
    """The pyqtgraph view to draw: a panel's ``export_target()`` (redrawn with its latest
    data and its progressive drawing completed first), or the widget itself."""
    view = panel_or_widget
    redraw = getattr(panel_or_widget, "redraw", None)
    if callable(redraw):
        # The view draws what it holds now: the window redraws one view per tick, so the
        # one exported may not have drawn its latest data yet (an export of the φ/θ view
        # right after a few single steps was empty).
        redraw()
    finish = getattr(panel_or_widget, "finish_pending", None)
    if callable(finish):
        finish()  # drawing spread over frames (contours) is completed before any export
    if hasattr(panel_or_widget, "export_target"):
        view = panel_or_widget.export_target()
    if not isinstance(view, pg.GraphicsView):
        raise ExportError(f"Cannot export {type(view).__name__}: not a pyqtgraph view.")
    return view


def _inches(size_cm, size_in) -> tuple[float, float | None] | None:
    size, factor = (size_cm, 1 / _CM_PER_INCH) if size_cm is not None else (size_in, 1.0)
    if size is None:
        return None
    if np.isscalar(size):
        return float(size) * factor, None
    width, height = size
    return float(width) * factor, float(height) * factor


def png_pixel_size(view_size, width_px=None, dpi=None, size_cm=None, size_in=None):
    """(width, height) in pixels for the options of ``export_png``; see its docstring."""
    view_w, view_h = view_size
    inches = _inches(size_cm, size_in)
    if inches is not None:
        dpi = dpi or 300
        width = round(inches[0] * dpi)
        height = round(inches[1] * dpi) if inches[1] is not None else None
    elif width_px is not None:
        width, height = int(width_px), None
    elif dpi is not None:
        width, height = round(view_w * dpi / _SCREEN_DPI), None
    else:
        width, height = view_w, view_h
    if height is None:
        height = round(width * view_h / view_w)
    if width < 1 or height < 1:
        size = translate("Export", "Cannot export an image of {width} x {height} pixels.")
        raise ExportError(size.format(width=width, height=height))
    return width, height


def render_image(view, width: int, height: int, transparent: bool = False) -> QImage:
    """The view drawn at exactly width x height pixels (through pyqtgraph's ImageExporter,
    which tells items such as scatter plots about the resolution change)."""
    settle_view(view)
    exporter = ImageExporter(view.scene())
    params = exporter.params
    # set both sizes without the exporter's aspect-ratio coupling, for an exact pixel size
    params.param("width").setValue(int(width), blockSignal=exporter.widthChanged)
    params.param("height").setValue(int(height), blockSignal=exporter.heightChanged)
    if transparent:
        params["background"] = QColor(0, 0, 0, 0)
    with legends_scale_with_export(view):
        return exporter.export(toBytes=True)


@contextmanager
def export_mode(view: pg.GraphicsView, options: dict) -> Iterator[None]:
    """Tell the items they are being painted for an export, as pyqtgraph's own exporters do
    (``Exporter.setExportMode``), and put them back after.

    On screen a scatter plot stamps its symbols from a pixmap atlas with
    ``drawPixmapFragments``, which Qt's PDF engine silently drops: phi and theta_n vanished
    from PDFs. In export mode it draws each symbol as a vector path instead.
    """
    items = [item for item in view.scene().items() if hasattr(item, "setExportMode")]
    for item in items:
        item.setExportMode(True, options)
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)


def _png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError(translate("Export", "Qt could not encode the image as PNG."))
    return bytes(buffer.data().data())


def export_png(
    widget,
    path,
    width_px: int | None = None,
    dpi: float | None = None,
    size_cm: float | tuple[float, float] | None = None,
    size_in: float | tuple[float, float] | None = None,
    transparent: bool = False,
) -> Path:
    """Write a PNG of an exact pixel size.

    The size is, in order of precedence: ``size_cm``/``size_in`` (width, or (width, height))
    at ``dpi`` (300 if not given); ``width_px`` with the view's aspect; the on-screen size
    scaled by ``dpi``/96; the on-screen size. ``dpi`` is written into the PNG (pHYs). If a
    physical height gives a different aspect than the view's, the view is laid out at that
    aspect for the export rather than stretched.
    """
    view = view_of(widget)
    old_w, old_h = view.width(), view.height()
    width, height = png_pixel_size((old_w, old_h), width_px, dpi, size_cm, size_in)
    relayout = abs(width / height - old_w / old_h) > 0.01
    try:
        if relayout:
            resize_view(view, old_w, round(old_w * height / width))
        image = render_image(view, width, height, transparent)
    finally:
        if relayout:
            resize_view(view, old_w, old_h)
    if dpi:
        dots_per_meter = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_meter)
        image.setDotsPerMeterY(dots_per_meter)
    return atomic_write(path, _png_bytes(image))


def export_svg(widget, path) -> Path:
    """Write an SVG with text as <text> and curves as <path> (pyqtgraph's SVGExporter, which
    adds the ViewBox clipping that Qt's QSvgGenerator lacks). Works with Qt < 6.11 only."""
    view = view_of(widget)
    settle_view(view)
    try:
        data = SVGExporter(view.scene()).export(toBytes=True)
    except ValueError as error:  # pyqtgraph issue 3495 with Qt >= 6.11
        failed = translate("Export", "SVG export failed ({error}); this needs PySide6 < 6.11.")
        raise ExportError(failed.format(error=error)) from error
    return atomic_write(path, data)


def export_pdf(widget, path) -> Path:
    """Write a one-page vector PDF the size of the view (1 px = 1/96 in), fonts embedded.

    Drawing at 96 dpi onto a page of the view's size keeps tick labels at their on-screen
    proportions; a standard page at printer resolution makes them giant.
    """
    view = view_of(widget)
    settle_view(view)
    width, height = view.width(), view.height()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_SCREEN_DPI)
    points = QSizeF(width * 72 / _SCREEN_DPI, height * 72 / _SCREEN_DPI)
    writer.setPageSize(QPageSize(points, QPageSize.Unit.Point, "plot"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(getattr(widget, "title", "") or "maml-gui figure")
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(translate("Export", "Qt could not start a PDF document."))
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        brush = view.backgroundBrush()
        if brush.style() != 0 and brush.color().alpha() > 0:
            painter.fillRect(QRectF(0, 0, width, height), brush)
        with export_mode(view, {"antialias": True, "painter": painter}):
            # sceneRect, not viewRect: PlotWidget.viewRect returns the data range
            view.scene().render(painter, QRectF(0, 0, width, height), view.sceneRect())
    finally:
        painter.end()
    buffer.close()
    return atomic_write(path, bytes(data.data()))


def export_csv(columns: Sequence[CurveColumn], path) -> Path:
    """One column per curve with its header (units included by the panel); shorter columns
    are padded with empty cells. Floats are written with repr, which round-trips exactly."""
    if not columns:
        raise ExportError(translate("Export", "This view has no curve data to export as CSV."))
    values = [np.asarray(column.values).ravel() for column in columns]
    n_rows = max(len(v) for v in values)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([column.header for column in columns])
    for row in range(n_rows):
        writer.writerow([repr(float(v[row])) if row < len(v) else "" for v in values])
    return atomic_write(path, text.getvalue().encode("utf-8"))


def curve_table_from_view(widget) -> list[CurveColumn]:
    """x and y of every named curve, for views without a panel's ``curve_table``."""
    view = view_of(widget)
    columns = []
    for plot in [i for i in view.scene().items() if isinstance(i, pg.PlotItem)]:
        x_label = _axis_title(plot.getAxis("bottom"), "x")
        y_label = _axis_title(plot.getAxis("left"), "y")
        for curve in plot.listDataItems():
            x, y = curve.getOriginalDataset()
            if x is None:
                continue
            name = curve.name() or "curve"
            columns.append(CurveColumn(f"{name}: {x_label}", np.asarray(x, dtype=float)))
            columns.append(CurveColumn(f"{name}: {y_label}", np.asarray(y, dtype=float)))
    return columns


def _axis_title(axis, default: str) -> str:
    text = axis.labelText or default
    return f"{text} ({axis.labelUnits})" if axis.labelUnits else text


def copy_to_clipboard(widget, transparent: bool = False) -> QImage:
    """Put the view on the clipboard as an image at twice its on-screen size (for HiDPI
    slides); return the image."""
    view = view_of(widget)
    image = render_image(view, view.width() * 2, view.height() * 2, transparent)
    QApplication.clipboard().setImage(image)
    return image

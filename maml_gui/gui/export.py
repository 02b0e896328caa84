"""PNG / SVG / PDF / CSV writers, the clipboard, and slide-themed export of any view.

Every function takes an explicit path (pyqtgraph's ``export()`` without a file name opens a
dialog and would hang a test or the headless CLI). Every write goes to a temporary file in the
destination folder and is moved over the requested name only when complete, so a full disk
or a crash never leaves a half-written figure under the name the user asked for.
The menu (``dialogs/export_dialog.py``) and ``maml-gui export`` both call ``export_view``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter, SVGExporter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from maml_gui.gui import theme as themes
from maml_gui.gui.panels.base import CurveColumn
from maml_gui.gui.slide_theme import (
    apply_theme_to_view,
    legends_scale_with_export,
    move_legends_off_data,
    resize_view,
    settle_view,
)

FORMATS = ("png", "svg", "pdf", "csv")
#: slide canvases in logical pixels: PowerPoint/Keynote slides are 13.33 x 7.5 in (16:9) and
#: 10 x 7.5 in (4:3), i.e. these sizes at 96 dpi, so a 20 pt theme font is 20 pt on the slide
#: when the SVG/PDF is placed full-slide; PNGs are rendered from the same layout, scaled.
SLIDE_SIZES = {"16:9": (1280, 720), "4:3": (960, 720)}
_CM_PER_INCH = 2.54
_SCREEN_DPI = 96


class ExportError(ValueError):
    """An export could not be written; the message is meant for the user."""


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates files 0600; a figure should get the permissions any new file would.
_FILE_MODE = 0o666 & ~_current_umask()


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it over ``path`` only on success.

    The temporary name keeps the extension so writers that choose a format by extension
    (imageio) work on it. Any OSError becomes an ExportError and the temporary file is removed.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}.", suffix=path.suffix)
        os.close(fd)
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from error
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from error
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(path: str | os.PathLike, data: bytes) -> Path:
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        # fsync so a full disk is reported here, not silently after the rename
        os.fsync(handle.fileno())
    return Path(path)


def _view_of(panel_or_widget) -> pg.GraphicsView:
    view = panel_or_widget
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
        raise ExportError(f"Cannot export an image of {width} x {height} pixels.")
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


def _png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError("Qt could not encode the image as PNG.")
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
    view = _view_of(widget)
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
    view = _view_of(widget)
    settle_view(view)
    try:
        data = SVGExporter(view.scene()).export(toBytes=True)
    except ValueError as error:  # pyqtgraph issue 3495 with Qt >= 6.11
        raise ExportError(f"SVG export failed ({error}); this needs PySide6 < 6.11.") from error
    return atomic_write(path, data)


def export_pdf(widget, path) -> Path:
    """Write a one-page vector PDF the size of the view (1 px = 1/96 in), fonts embedded.

    Drawing at 96 dpi onto a page of the view's size keeps tick labels at their on-screen
    proportions; a standard page at printer resolution makes them giant.
    """
    view = _view_of(widget)
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
        raise ExportError("Qt could not start a PDF document.")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        brush = view.backgroundBrush()
        if brush.style() != 0 and brush.color().alpha() > 0:
            painter.fillRect(QRectF(0, 0, width, height), brush)
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
        raise ExportError("This view has no curve data to export as CSV.")
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
    view = _view_of(widget)
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
    view = _view_of(widget)
    image = render_image(view, view.width() * 2, view.height() * 2, transparent)
    QApplication.clipboard().setImage(image)
    return image


@contextmanager
def slide_view(
    panel_or_widget,
    aspect: str = "16:9",
    transparent: bool = False,
    line_scale: float = 1.0,
    screen_theme: dict | None = None,
) -> Iterator[pg.GraphicsView]:
    """Lay the view out on a slide canvas in the SLIDE theme; restore theme and size after.

    A panel with ``apply_theme`` styles itself (it knows which curves matter); other views get
    the generic styling. Either way the legend is moved off the data and the background made
    transparent if asked.
    """
    if aspect not in SLIDE_SIZES:
        raise ExportError(f"Unknown aspect {aspect!r}; use one of {', '.join(SLIDE_SIZES)}.")
    view = _view_of(panel_or_widget)
    old_w, old_h = view.width(), view.height()
    own_theme = callable(getattr(panel_or_widget, "apply_theme", None))
    if own_theme:
        panel_or_widget.apply_theme(themes.SLIDE)
    undo_theme = apply_theme_to_view(view, themes.SLIDE, line_scale, transparent, not own_theme)
    undo_legends = None
    try:
        resize_view(view, *SLIDE_SIZES[aspect])
        undo_legends = move_legends_off_data(view)
        settle_view(view)
        yield view
    finally:
        undo_theme()  # first, so the legend is re-measured at screen fonts when put back
        if undo_legends is not None:
            undo_legends()
        if own_theme:
            panel_or_widget.apply_theme(screen_theme or themes.SCREEN)
        resize_view(view, old_w, old_h)


def normalize_format(path, fmt: str | None) -> str:
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    return fmt


def export_view(
    panel_or_widget,
    path,
    fmt: str | None = None,
    *,
    slide: bool = True,
    aspect: str = "16:9",
    transparent: bool = False,
    **png_options,
) -> Path:
    """Export one view: the entry point the Export menu and ``maml-gui export`` share.

    ``fmt`` is 'png', 'svg', 'pdf' or 'csv' (from the path's extension if None). With ``slide``
    the figure is drawn in the slide theme on a 16:9 or 4:3 canvas; otherwise as on screen.
    ``png_options`` are ``export_png``'s sizing arguments (width_px, dpi, size_cm, size_in).
    """
    fmt = normalize_format(path, fmt)
    if fmt == "csv":
        table = getattr(panel_or_widget, "curve_table", None)
        columns = table() if callable(table) else curve_table_from_view(panel_or_widget)
        return export_csv(columns, path)
    if not slide:
        return _write_view(_view_of(panel_or_widget), path, fmt, transparent, png_options)
    line_scale = 1.0
    if fmt == "png" and png_options.get("width_px"):
        line_scale = png_options["width_px"] / SLIDE_SIZES.get(aspect, (1280, 0))[0]
    with slide_view(panel_or_widget, aspect, transparent, line_scale) as view:
        return _write_view(view, path, fmt, transparent, png_options)


def _write_view(view, path, fmt: str, transparent: bool, png_options: dict) -> Path:
    if fmt == "png":
        return export_png(view, path, transparent=transparent, **png_options)
    if fmt == "svg":
        return export_svg(view, path)
    return export_pdf(view, path)


def render_slide(
    panel, path, fmt: str = "png", aspect: str = "16:9", width_px: int = 1920, **options
) -> Path:
    """A slide figure: PNG at ``width_px`` (1920 gives 1920 x 1080 at 16:9), or SVG/PDF."""
    if normalize_format(path, fmt) == "png":
        options["width_px"] = width_px
    return export_view(panel, path, fmt, slide=True, aspect=aspect, **options)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "view"


def export_all_views(panels: Sequence, folder, fmt: str, **options) -> list[Path]:
    """Every view into ``folder`` as ``<panel title>.<fmt>``; stops at the first error."""
    folder = Path(folder)
    fmt = normalize_format(f"x.{fmt}", fmt)
    written, used = [], set()
    for panel in panels:
        name = slug(getattr(panel, "title", "view"))
        while name in used:
            name += "_"
        used.add(name)
        written.append(export_view(panel, folder / f"{name}.{fmt}", fmt, **options))
    return written

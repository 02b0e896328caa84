"""Exports show what the screen shows (issue 9): markers in PDFs, the series' exact colours in
GIFs, dashes in legend samples, slide-sized text that does not collide."""

from __future__ import annotations

import itertools
import shutil
import subprocess

import imageio.v3 as iio
import numpy as np
import pyqtgraph as pg
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter

from maml_gui.core.frames import compute_frames
from maml_gui.core.payloads import run_info
from maml_gui.gui import theme
from maml_gui.gui.export import framing
from maml_gui.gui.export.animation import export_animation
from maml_gui.gui.export.drawing import frame_images, rendered
from maml_gui.gui.export.images import export_pdf, export_png, export_svg
from maml_gui.gui.export.slide_theme import resize_view
from maml_gui.gui.export.views import slide_view
from maml_gui.gui.panels.gap import GapPanel
from maml_gui.gui.panels.landscape import LandscapePanel
from maml_gui.gui.panels.metrics import MetricsPanel
from maml_gui.gui.panels.trajectory import TrajectoryPanel
from maml_gui.gui.plotting.plot import ViewPlot
from maml_gui.gui.plotting.styles import Styler
from tests.gui.drawn import drawn_panel, trained

BLUE = np.array(pg.mkColor(theme.ALGORITHM_COLOR).getRgb()[:3])
VERMILLION = np.array(pg.mkColor(theme.PRETRAINING_COLOR).getRgb()[:3])


def _rgb(path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB")).astype(int)


def _render_pdf(path, tmp_path) -> np.ndarray:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm missing: apt-get install -y poppler-utils")
    out = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "96", "-singlefile", path, out], check=True)
    return _rgb(f"{out}.png")


def _render_svg(path, tmp_path) -> np.ndarray:
    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert missing: apt-get install -y librsvg2-bin")
    out = tmp_path / "page.png"
    subprocess.run(["rsvg-convert", path, "-o", out], check=True)
    return _rgb(out)


def _exact(pixels: np.ndarray, color: np.ndarray) -> np.ndarray:
    return (pixels == color).all(axis=-1)


# -- 1. markers in PDF ----------------------------------------------------------------------
def test_pdf_draws_scatter_markers(qtbot, tmp_path):
    widget = pg.PlotWidget(background="w")
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    for x, color in ((0.3, theme.ALGORITHM_COLOR), (0.7, theme.PRETRAINING_COLOR)):
        plot.plot([x], [0.5], pen=None, symbol="o", symbolSize=24, symbolBrush=color)
    plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    widget.resize(400, 300)
    page = _render_pdf(export_pdf(widget, tmp_path / "markers.pdf"), tmp_path)
    # a 24 px disc has ~400 interior pixels of its exact fill; none without the markers
    for color in (BLUE, VERMILLION):
        assert _exact(page, color).sum() > 200


# -- 2. GIF keeps the series' colours --------------------------------------------------------
def _heat_frame(i: int) -> np.ndarray:
    """A heat map of thousands of shades around vermillion, brown and lime, with a small blue
    and a small vermillion disc that move from frame to frame (at this size, a palette chosen
    per frame had neither colour exactly)."""
    h, w = 240, 320
    yy, xx = np.mgrid[0:h, 0:w]
    rng = np.random.default_rng(i)
    frame = np.stack(
        [
            150 + 90 * xx / w + rng.integers(0, 12, (h, w)),
            60 + 150 * yy / h + rng.integers(0, 12, (h, w)),
            (20 * np.sin(xx / 9.0 + i) + 20).astype(int),
        ],
        axis=-1,
    )
    frame = np.clip(frame, 0, 255).astype(np.uint8)
    for center, color in (((30 + 5 * i, 40), BLUE), ((260 - 4 * i, 120), VERMILLION)):
        disc = (xx - center[0]) ** 2 + (yy - center[1]) ** 2 <= 6**2
        frame[disc] = color
    return frame


def test_gif_frames_keep_the_series_exact_colours(tmp_path):
    frames = [_heat_frame(i) for i in range(8)]
    path = export_animation(lambda i: frames[i], len(frames), tmp_path / "heat.gif", fps=5)
    back = iio.imread(path, index=None)[..., :3].astype(int)
    assert len(back) == len(frames)
    for drawn, read in zip(frames, back, strict=True):
        for color in (BLUE, VERMILLION):
            where = _exact(drawn.astype(int), color)
            assert where.sum() > 100
            assert _exact(read[where], color).all()


# -- 3. dashed and solid legend samples differ in PDF and SVG --------------------------------
def _legend_view(qtbot, entries: int = 2) -> tuple[pg.GraphicsLayoutWidget, ViewPlot]:
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    styler = Styler(theme.SCREEN)
    styler.add_view(view)
    figure = ViewPlot(view.ci, 0, 0, theme.SCREEN, legend_columns=1)
    styler.add_plot(figure)
    x = np.linspace(0, 1, 50)
    styles = [Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine]
    items = []
    for i in range(entries):
        # a full theme line width, as the metrics view's dashed "at phi" curves have
        item = styler.curve(theme.ALGORITHM_COLOR, 1.0, styles[i % len(styles)])
        item.setData(x, x * (i + 1))
        figure.add(item)
        items.append((item, f"entry {i}"))
    figure.set_legend(items)
    styler.apply(theme.SLIDE)
    view.resize(1280, 720)
    return view, figure


def _runs(row: np.ndarray, color: np.ndarray) -> int:
    """How many separate stretches of ``color`` (or near it: antialiasing) ``row`` has."""
    near = np.abs(row - color).sum(axis=-1) < 90
    return int(np.count_nonzero(np.diff(near.astype(int)) == 1) + near[0])


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_vector_legend_samples_keep_dashes(qtbot, tmp_path, fmt):
    view, figure = _legend_view(qtbot)
    writer, render = (export_pdf, _render_pdf) if fmt == "pdf" else (export_svg, _render_svg)
    page = render(writer(view, tmp_path / f"legend.{fmt}"), tmp_path)
    runs = []
    for sample, _label in figure.legend.items:
        rect = sample.mapRectToScene(sample.boundingRect())
        row = page[round(rect.center().y()), round(rect.left()) : round(rect.right()) + 1]
        runs.append(_runs(row, BLUE))
    solid, dashed = runs
    assert solid == 1
    assert dashed >= 2


# -- 4. legend samples beside their labels ----------------------------------------------------
@pytest.fixture(scope="module")
def toy_run():
    """A short toy1d run and the frames of its recorded history (numpy records only)."""
    return trained("toy1d", 60)


def _drawn(panel_type, trainer, qtbot):
    return drawn_panel(panel_type, trainer, qtbot)


def test_slide_legend_samples_are_centred_on_their_labels(qtbot, toy_run):
    panel = _drawn(GapPanel, toy_run, qtbot)  # two legends side by side, of 2 and 4 entries
    with slide_view(panel) as view:
        view.scene().prepareForPaint()
        counts = [len(figure.legend.items) for figure in (panel.steps_fig, panel.time_fig)]
        assert counts == [2, 4]
        for figure in (panel.steps_fig, panel.time_fig):
            for sample, label in figure.legend.items:
                sample_y = sample.mapRectToScene(sample.boundingRect()).center().y()
                text = label.item.mapRectToScene(label.item.boundingRect())
                assert abs(sample_y - text.center().y()) < 0.2 * text.height()


# -- 5. slide-sized text that panels do not style --------------------------------------------
def test_slide_colour_bar_ticks_and_line_labels_are_slide_sized(qtbot):
    landscape, gap = LandscapePanel(), GapPanel()
    for panel in (landscape, gap):
        qtbot.addWidget(panel)
    screen_bar = landscape.color_bar.axis.style.get("tickFont")
    screen_label = gap.trained_line.label.textItem.font().pointSizeF()
    tick_pt = landscape.figure.plot.getAxis("bottom").style["tickFont"]
    with slide_view(landscape):
        bar_font = landscape.color_bar.axis.style["tickFont"]
        plot_font = landscape.figure.plot.getAxis("bottom").style["tickFont"]
        assert bar_font.pointSizeF() >= 0.75 * plot_font.pointSizeF()
        assert bar_font.pointSizeF() >= 0.7 * theme.SLIDE["font_pt"]
    assert landscape.color_bar.axis.style.get("tickFont") == screen_bar
    assert landscape.figure.plot.getAxis("bottom").style["tickFont"] == tick_pt
    with slide_view(gap):
        assert gap.trained_line.label.textItem.font().pointSizeF() >= 0.7 * theme.SLIDE["font_pt"]
    assert gap.trained_line.label.textItem.font().pointSizeF() == screen_label


# -- 6. tick labels never collide ------------------------------------------------------------
@pytest.mark.parametrize("span", [9_000.0, 0.9, 0.15])
def test_slide_tick_labels_do_not_overlap_on_a_narrow_plot(qtbot, span):
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    figure = ViewPlot(view.ci, 0, 0, theme.SCREEN)
    figure.apply_theme(theme.SLIDE)
    curve = pg.PlotDataItem(np.linspace(0, span, 20), np.linspace(0, 1, 20))
    figure.add(curve)
    figure.plot.setRange(xRange=(0, span), padding=0.02)
    resize_view(view, 380, 400)  # the gap view's right-hand plot on a slide is this narrow
    axis = figure.plot.getAxis("bottom")
    image = QImage(400, 400, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis_spec, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    rects = sorted((rect for rect, _flags, _text in texts), key=lambda r: r.left())
    assert len(rects) >= 2  # still labelled
    gap = 0.3 * rects[0].height()  # labels closer than that read as one number
    for left, right in itertools.pairwise(rects):
        assert right.left() - left.right() >= gap


# -- 7. animations: fixed axes; legends list only what is drawn -------------------------------
@pytest.mark.parametrize("panel_type", [MetricsPanel, TrajectoryPanel, LandscapePanel])
def test_animation_axes_stay_fixed_and_cover_every_frame(qtbot, toy_run, panel_type):
    panel = panel_type()
    qtbot.addWidget(panel)
    panel.resize(1280, 720)
    panel.reset(run_info(toy_run))
    frames = compute_frames(toy_run, panel.requests(), 6)
    drawing = frame_images(panel, frames, 320)
    ranges, data_bounds = [], []
    try:
        for image in rendered(drawing):
            assert image.width() == 320
            view = panel.export_target()
            ranges.append(framing.plot_ranges(view))
            data_bounds.append([plot.vb.childrenBounds() for plot in framing.visible_plots(view)])
    finally:
        drawing.close()
    assert len(ranges) == len(frames)
    assert all(r == ranges[0] for r in ranges)  # the same axes in every frame
    for bounds in data_bounds:  # ... and every frame's data inside them
        for ((x0, x1), (y0, y1)), (bx, by) in zip(ranges[0], bounds, strict=True):
            if bx is not None:
                assert x0 <= bx[0] + 1e-9 and bx[1] - 1e-9 <= x1
            if by is not None:
                assert y0 <= by[0] + 1e-9 and by[1] - 1e-9 <= y1


def test_still_legend_leaves_out_items_drawn_outside_the_plot(qtbot, tmp_path):
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    styler = Styler(theme.SCREEN)
    figure = ViewPlot(view.ci, 0, 0, theme.SCREEN)
    styler.add_plot(figure)
    inside = styler.markers(theme.ALGORITHM_COLOR)
    outside = styler.markers(theme.PRETRAINING_COLOR)
    inside.setData([0.5], [0.5])
    outside.setData([7.0], [0.5])  # e.g. the twin's phi, off the slice a view frames
    for item in (inside, outside):
        figure.add(item)
    figure.set_legend([(inside, "phi (MAML)"), (outside, "phi (Pretraining)")])
    figure.plot.disableAutoRange()
    figure.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    view.resize(640, 400)
    with slide_view(view):
        assert figure.legend_names() == ["phi (MAML)"]
        page = _rgb(export_png(view, tmp_path / "legend.png"))
        assert _exact(page, VERMILLION).sum() == 0  # neither in the plot nor in the legend
    assert figure.legend_names() == ["phi (MAML)", "phi (Pretraining)"]

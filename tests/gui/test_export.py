"""Exports are valid, non-blank, of the asked size, and never leave half-written files."""

from __future__ import annotations

import csv
import errno
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import imageio.v2 as imageio_v2
import imageio.v3 as iio
import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QObject, QRectF, QTimer, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QVBoxLayout, QWidget

from maml_gui.core.config import RunConfig, default_config
from maml_gui.gui.export.animation import export_animation
from maml_gui.gui.export.animation_job import AnimationJob, ClientFrames
from maml_gui.gui.export.dialog import ExportDialog, ExportOptions, run_export
from maml_gui.gui.export.formats import VIEW_KEYS, ExportError
from maml_gui.gui.export.images import (
    copy_to_clipboard,
    export_pdf,
    export_png,
    export_svg,
    render_image,
)
from maml_gui.gui.export.menu import ExportMenu
from maml_gui.gui.export.views import export_all_views, export_view, render_slide, slide_view
from maml_gui.gui.panels import all_panels
from maml_gui.gui.panels.base import Panel
from tests.gui.plots import (
    Y_ALGORITHM,
    Y_PRETRAINING,
    FakePanel,
    X,
    make_layout_widget,
    make_plot_widget,
)

SVG = "{http://www.w3.org/2000/svg}"


def _png_size(path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def _varies(pixels: np.ndarray) -> bool:
    """Not blank: many distinct colours, as curves + text on a background give."""
    flat = pixels.reshape(-1, pixels.shape[-1])
    return len(np.unique(flat[:: max(1, len(flat) // 20000)], axis=0)) > 10


@pytest.fixture
def widget(qtbot):
    view = make_plot_widget()
    qtbot.addWidget(view)
    return view


@pytest.mark.parametrize(
    ("options", "size", "dpi"),
    [
        ({"width_px": 1000}, (1000, 625), None),
        ({"dpi": 300, "size_cm": (8.0, 5.0)}, (945, 591), 300),
        ({"dpi": 150, "size_in": 4.0}, (600, 375), 150),
    ],
)
def test_png_has_asked_size_dpi_and_content(widget, tmp_path, options, size, dpi):
    path = export_png(widget, tmp_path / "fig.png", **options)
    with Image.open(path) as image:
        assert image.size == size
        if dpi:
            assert image.info["dpi"] == pytest.approx((dpi, dpi), abs=0.1)
        assert _varies(np.asarray(image.convert("RGB")))
    assert widget.size().width() == 640  # the view is left as it was


def test_png_transparent_background(widget, tmp_path):
    path = export_png(widget, tmp_path / "fig.png", transparent=True)
    alpha = np.asarray(Image.open(path).convert("RGBA"))[..., 3]
    assert alpha.min() == 0 and alpha.max() == 255


def test_svg_is_vector_and_renders(widget, tmp_path):
    path = export_svg(widget, tmp_path / "fig.svg")
    root = ET.parse(path).getroot()
    assert len(root.findall(f".//{SVG}path")) >= 2  # the two curves (and axes) are paths
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "meta-step" in texts and "Query loss during meta-training" in texts
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(640, 400, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 640, 400))
    painter.end()
    assert _varies(_qimage_array(image))


def _qimage_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    raw = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    return raw.reshape(image.height(), -1)[:, : image.width() * 4].reshape(
        image.height(), image.width(), 4
    )


def test_pdf_page_is_plot_size_and_renders(widget, tmp_path):
    if shutil.which("pdftoppm") is None or shutil.which("pdfinfo") is None:
        pytest.skip("pdftoppm/pdfinfo missing: apt-get install -y poppler-utils")
    path = export_pdf(widget, tmp_path / "fig.pdf")
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert "Page size:       480 x 300 pts" in info  # 640 x 400 px at 72/96
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    assert fonts.splitlines()[2].split()[-5] == "yes"  # the font is embedded
    subprocess.run(["pdftoppm", "-png", "-r", "96", path, tmp_path / "page"], check=True)
    with Image.open(tmp_path / "page-1.png") as page:
        assert page.size == (640, 400)
        assert _varies(np.asarray(page.convert("RGB")))


def test_csv_numbers_equal_curve_data(tmp_path):
    panel = FakePanel()
    path = export_view(panel, tmp_path / "data.csv", "csv")
    rows = list(csv.reader(path.read_text().splitlines()))
    assert rows[0] == ["meta-step", "MAML query loss (MSE)", "Pretraining query loss (MSE)"]
    body = rows[1:]
    assert len(body) == len(X)
    np.testing.assert_array_equal([float(r[1]) for r in body], Y_ALGORITHM)
    short = [r[2] for r in body]
    assert all(cell == "" for cell in short[150:])  # ragged column padded with empty cells
    np.testing.assert_array_equal([float(c) for c in short[:150]], Y_PRETRAINING[:150])


def test_csv_from_plain_view_uses_curves_and_axis_units(widget, tmp_path):
    path = export_view(widget, tmp_path / "data.csv")
    header = next(csv.reader(path.read_text().splitlines()))
    assert header[:2] == ["MAML: meta-step", "MAML: query loss (MSE)"]


def _frame(i: int) -> np.ndarray:
    frame = np.full((91, 121, 3), 255, np.uint8)  # odd sizes on purpose (H.264 wants even)
    frame[:, 10 * i : 10 * i + 10] = (0, 114, 178)
    return frame


@pytest.mark.parametrize("fmt", ["gif", "mp4"])
def test_animation_frame_count(tmp_path, fmt):
    path = export_animation(_frame, 9, tmp_path / f"anim.{fmt}", fps=5)
    if fmt == "gif":
        assert iio.imread(path, index=None).shape[0] == 9
    else:
        reader = imageio_v2.get_reader(path, format="FFMPEG")
        try:
            assert reader.count_frames() == 9
        finally:
            reader.close()
    assert sorted(os.listdir(tmp_path)) == [f"anim.{fmt}"]


def test_animation_from_rendered_view(widget, tmp_path):
    """Frames drawn from data (the way history replay works), not from the screen."""
    curve = widget.getPlotItem().listDataItems()[0]

    def render_frame(i: int) -> QImage:
        curve.setData(X[: 20 * (i + 1)], Y_ALGORITHM[: 20 * (i + 1)])
        return render_image(widget, 320, 200)

    path = export_animation(render_frame, 4, tmp_path / "anim.gif")
    frames = iio.imread(path, index=None)
    assert frames.shape == (4, 200, 320, 3)


def test_unknown_format_raises_and_writes_nothing(widget, tmp_path):
    with pytest.raises(ExportError, match="Unknown export format 'bmp'"):
        export_view(widget, tmp_path / "fig.bmp")
    with pytest.raises(ExportError, match="Unknown animation format"):
        export_animation(_frame, 2, tmp_path / "anim.avi")
    assert os.listdir(tmp_path) == []


def test_unwritable_folder_raises_and_writes_nothing(widget, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_png(widget, tmp_path / "missing" / "fig.png")
    with pytest.raises(ExportError, match="Cannot write"):
        export_png(widget, "/dev/full/fig.png")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root ignores permissions
            pytest.skip("running as root: a read-only folder is still writable")
        with pytest.raises(ExportError, match="Permission denied"):
            export_svg(widget, locked / "fig.svg")
    finally:
        locked.chmod(0o700)
    assert os.listdir(locked) == []


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf", "csv", "gif"])
def test_full_disk_leaves_previous_file_intact(widget, tmp_path, monkeypatch, fmt):
    target = tmp_path / f"fig.{fmt}"
    target.write_bytes(b"previous export")

    def no_space(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    if fmt == "gif":
        # Pillow writes by itself; a full disk there surfaces as an OSError from the writer
        def fail_write(*_args, **_kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(Image.Image, "save", fail_write)
        with pytest.raises(ExportError, match="No space left"):
            export_animation(_frame, 2, target)
    else:
        with pytest.raises(ExportError, match="No space left"):
            export_view(widget, target, fmt, slide=False)
    assert target.read_bytes() == b"previous export"
    assert os.listdir(tmp_path) == [target.name]


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_slide_png_and_restore(tmp_path, aspect):
    panel = FakePanel()
    plot = panel.widget.getPlotItem()
    legend_parent = plot.legend.parentItem()
    path = render_slide(panel, tmp_path / "slide.png", aspect=aspect)
    expected = (1920, 1080) if aspect == "16:9" else (1920, 1440)
    with Image.open(path) as image:
        assert image.size == expected
        pixels = np.asarray(image.convert("RGB"))
    assert _varies(pixels)
    assert (pixels[5, 5] == 255).all()  # white slide background
    # screen look and size are back
    assert panel.widget.size().width() == 640 and panel.widget.size().height() == 400
    assert plot.legend.parentItem() is legend_parent
    assert plot.listDataItems()[0].opts["pen"].widthF() == 2
    assert "font-size" not in plot.getAxis("bottom").labelStyle


def test_slide_legend_does_not_cover_data(tmp_path):
    panel = FakePanel()
    plot = panel.widget.getPlotItem()
    with slide_view(panel) as view:
        assert view.size().width() == 1280
        legend = plot.legend.sceneBoundingRect()
        data = plot.vb.sceneBoundingRect()
        assert not legend.intersects(data)


def test_slide_vector_formats_and_layout(tmp_path):
    layout = make_layout_widget()
    svg = render_slide(layout, tmp_path / "slide.svg", fmt="svg")
    assert 'viewBox ="0 0 1280 720"' in svg.read_text()
    pdf = render_slide(layout, tmp_path / "slide.pdf", fmt="pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert layout.size().width() == 800


def test_export_all_views_to_folder(tmp_path):
    panels = [FakePanel(), FakePanel()]
    paths = export_all_views(panels, tmp_path, "png", width_px=640)
    assert [p.name for p in paths] == ["loss_curves.png", "loss_curves_.png"]
    assert all(_png_size(p) == (640, 360) for p in paths)


def test_non_pyqtgraph_target_is_refused(qtbot, tmp_path):
    plain = QWidget()
    qtbot.addWidget(plain)
    with pytest.raises(ExportError, match="not a pyqtgraph view"):
        export_png(plain, tmp_path / "x.png")


def test_clipboard_gets_the_image(widget):
    image = copy_to_clipboard(widget)
    assert (image.width(), image.height()) == (1280, 800)
    assert QApplication.clipboard().image().width() == 1280


def test_menu_actions_and_animation_disabled_without_history(qtbot, tmp_path):
    host = QWidget()
    qtbot.addWidget(host)
    panel = FakePanel()
    source = {"value": None}
    menu = ExportMenu(host, lambda: panel, lambda: [panel], lambda: source["value"])
    actions = menu.export_actions
    assert [a.text() for a in menu.actions()] == [
        "Export current view…",
        "Export all views to folder…",
        "Export animation…",
        "Copy view to clipboard",
    ]
    assert list(actions) == ["current", "all", "animation", "clipboard"]
    assert not actions["animation"].isEnabled()
    assert "history" in actions["animation"].toolTip()
    source["value"] = (3, _frame)
    menu.aboutToShow.emit()
    assert actions["animation"].isEnabled()
    # the options the dialog returns drive the same export path as the CLI
    options = ExportOptions(path=str(tmp_path / "v.png"), fmt="png", width_px=960)
    (written,) = run_export(options, [panel])
    assert _png_size(written) == (960, 540)
    options = ExportOptions(path=str(tmp_path / "a.gif"), fmt="gif", scope="animation")
    (written,) = run_export(options, [panel], source["value"])
    assert iio.imread(written, index=None).shape[0] == 3


def test_menu_names_the_current_view_when_it_opens(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    panels = [FakePanel(), FakePanel()]
    panels[1].title = "Gap"
    current = {"panel": panels[0]}
    menu = ExportMenu(host, lambda: current["panel"], lambda: panels)
    menu.aboutToShow.emit()
    assert menu.export_actions["current"].text() == "Export current view (Loss curves)…"
    assert menu.export_actions["clipboard"].text() == "Copy Loss curves to clipboard"
    current["panel"] = panels[1]
    menu.aboutToShow.emit()
    assert menu.export_actions["current"].text() == "Export current view (Gap)…"
    assert not menu.export_actions["animation"].isEnabled()  # no frame source in this window
    assert "not available" in menu.export_actions["animation"].toolTip()


def test_view_keys_are_the_panels_keys(qtbot):
    panels = all_panels()
    for panel in panels:
        qtbot.addWidget(panel)
    # every view but the quiz, whose content is the user's own answers in the window
    assert tuple(panel.key for panel in panels if panel.key != "quiz") == VIEW_KEYS


def test_the_app_side_of_export_imports_neither_torch_nor_the_cli_leaf():
    """The GUI process never imports torch; only the CLI imports export.headless."""
    code = (
        "import sys; import maml_gui.gui.export.menu; "
        "print(sorted(m for m in ('torch', 'maml_gui.headless_export', 'maml_gui.gui.app') "
        "if m in sys.modules))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"


class StepCurvePanel(Panel):
    """A view whose curve grows with the snapshot's step: each animation frame differs."""

    title = "Step curve"

    def __init__(self) -> None:
        super().__init__()
        self.plot = make_plot_widget(320, 200)
        QVBoxLayout(self).addWidget(self.plot)
        self.steps: list[int] = []

    def reset(self, info) -> None:
        self.steps.clear()

    def on_snapshot(self, snapshot) -> None:
        self.steps.append(snapshot.step)

    def on_payload(self, payload) -> None:
        pass

    def redraw(self) -> None:
        n = 20 * (self.steps[-1] + 1) if self.steps else 1
        self.plot.getPlotItem().listDataItems()[0].setData(X[:n], Y_ALGORITHM[:n])

    def requests(self) -> list:
        return []

    def export_target(self):
        return self.plot


class FramesHandle(QObject):
    """A CallHandle's signals, answered on the next turn of the event loop."""

    returned = Signal(object)
    errored = Signal(object)
    finished = Signal()


class InProcessClient:
    """Stands in for the TrainingClient: computes the frames in this (test) process."""

    def __init__(self, trainer) -> None:
        self.trainer = trainer
        self.calls: list[int] = []

    def frames(self, requests, n_frames: int) -> FramesHandle:
        from maml_gui.core.frames import compute_frames

        self.calls.append(n_frames)
        handle = FramesHandle()
        frames = compute_frames(self.trainer, list(requests), n_frames)

        def answer() -> None:
            handle.returned.emit(frames)
            handle.finished.emit()

        QTimer.singleShot(0, answer)
        return handle


def test_menu_animation_from_client_frames_runs_as_a_job(qtbot, tmp_path, monkeypatch):
    from maml_gui.core.training import Trainer

    config = RunConfig.from_dict({**default_config("toy1d", "maml").to_dict(), "iterations": 4})
    trainer = Trainer(config)
    for _ in trainer.steps():
        pass
    host = QMainWindow()
    qtbot.addWidget(host)
    panel = StepCurvePanel()
    qtbot.addWidget(panel)
    client = InProcessClient(trainer)
    menu = ExportMenu(host, lambda: panel, lambda: [panel], lambda: ClientFrames(client))
    path = tmp_path / "anim.gif"

    def accept(dialog) -> QDialog.DialogCode:
        dialog.path_edit.setText(str(path))
        dialog.format_box.setCurrentText("gif")
        dialog.frames.setValue(3)
        dialog.width_px.setValue(320)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", accept)
    menu.aboutToShow.emit()
    menu.export_actions["animation"].trigger()
    assert client.calls == [3]
    assert not menu.export_actions["animation"].isEnabled()  # one at a time
    qtbot.waitUntil(lambda: bool(host.findChildren(AnimationJob)), timeout=10_000)
    qtbot.waitUntil(
        lambda: host.statusBar().currentMessage() == "Exported anim.gif", timeout=30_000
    )
    frames = iio.imread(path, index=None)
    assert frames.shape == (3, 180, 320, 3)
    assert len({frame.tobytes() for frame in frames}) == 3  # drawn from each frame's data
    assert menu.export_actions["animation"].isEnabled()
    assert sorted(os.listdir(tmp_path)) == ["anim.gif"]

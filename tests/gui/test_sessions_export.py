"""Sessions (File → Save / Open / Recent) and the Export menu, driven through the window.

Nothing modal may block: the file dialogs are replaced, the Export dialog is filled in and
accepted by a stand-in for ``exec``, and the window's own message box is non-modal.
"""

from __future__ import annotations

import csv
import io
import json
import pickle
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import imageio.v2 as imageio_v2
import imageio.v3 as iio
import numpy as np
import pyqtgraph as pg
import pytest
from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

import maml_gui.core.frames as frames_module
import maml_gui.gui.export.animation_job as animation_job
from maml_gui.core.checkpoint import read_run
from maml_gui.core.config import default_config
from maml_gui.core.training import Trainer
from maml_gui.gui.export.dialog import ExportDialog

TIMEOUT = 20_000
SVG = "{http://www.w3.org/2000/svg}"
#: a small sinusoid run: Adam state, task RNG and both phis all matter for continuation
SINUSOID = default_config("sinusoid", "maml").replace(meta_batch_size=5, iterations=500)


def _steps(window, qtbot, n: int) -> list:
    """n single steps; the snapshots as the window received them (in the GUI thread)."""
    received = []
    window.client.snapshot_ready.connect(received.append)
    try:
        for i in range(n):
            window.controller.single_step()
            qtbot.waitUntil(lambda i=i: len(received) > i, timeout=TIMEOUT)
    finally:
        window.client.snapshot_ready.disconnect(received.append)
    return received


def _numbers(snapshot) -> np.ndarray:
    m, t = snapshot.main, snapshot.twin
    return np.concatenate([[m.loss_before, m.loss_after, t.loss_before, t.loss_after], m.phi])


# -- sessions -----------------------------------------------------------------------------------
def test_session_saved_mid_run_continues_like_an_uninterrupted_run(
    make_window, panel, qtbot, tmp_path, monkeypatch
):
    window = make_window(SINUSOID)
    path = str(tmp_path / "session.npz")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (path, ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (path, ""))

    window.controller.start()
    qtbot.waitUntil(lambda: len(panel.steps) >= 3, timeout=TIMEOUT)
    with qtbot.waitSignal(window.controller.file_call_finished, timeout=TIMEOUT):
        window.file_menu.save_action.trigger()  # saved while training runs, between two steps
    saved_step = read_run(path)[0]["step"]
    assert saved_step >= 3
    qtbot.waitUntil(lambda: window.file_menu.recent_runs() == [path], timeout=TIMEOUT)
    qtbot.waitUntil(lambda: panel.steps[-1] > saved_step + 2, timeout=TIMEOUT)
    window.controller.stop()

    resets = len(panel.infos)
    window.file_menu.open_action.trigger()
    qtbot.waitUntil(lambda: len(panel.infos) == resets + 1, timeout=TIMEOUT)
    assert window.run_info.config == SINUSOID
    assert panel.steps[-1] == saved_step  # the opened run is shown before its next step
    # the new state follows the run's description in its own event: wait for it, as for any
    # event (under load the two are delivered apart)
    qtbot.waitUntil(lambda: window.state == "ready", timeout=TIMEOUT)
    continued = _steps(window, qtbot, 3)

    reference = Trainer(SINUSOID)
    uninterrupted = [reference.next_step() for _ in range(saved_step + 3)][-3:]
    for got, want in zip(continued, uninterrupted, strict=True):
        assert got.step == want.step
        np.testing.assert_allclose(_numbers(got), _numbers(want), rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(got.twin.phi, want.twin.phi, rtol=1e-6, atol=1e-7)


def _bad_files(good, tmp_path) -> dict[str, str]:
    data = good.read_bytes()
    files = {}
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(data[: len(data) // 2])
    files["truncated"] = truncated
    noise = tmp_path / "noise.npz"
    noise.write_bytes(np.random.default_rng(0).bytes(4096))
    files["random bytes"] = noise
    evil = tmp_path / "evil.npz"
    marker = tmp_path / "pwned"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("header.npy", pickle.dumps(_Exploit(str(marker))))
    files["pickle"] = evil
    header, arrays = read_run(good)
    for name, change in (("newer", {"version": 999}), ("edited", {"config": {"inner_lr": -5}})):
        edited = {**header, **change}
        if name == "edited":
            edited["config"] = {**header["config"], **change["config"]}
        buffer = io.BytesIO()
        blob = np.frombuffer(json.dumps(edited).encode(), np.uint8)
        np.savez(buffer, header=blob, **arrays)
        target = tmp_path / f"{name}.npz"
        target.write_bytes(buffer.getvalue())
        files[name] = target
    return {kind: str(p) for kind, p in files.items()}


class _Exploit:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        import pathlib

        return (pathlib.Path.touch, (pathlib.Path(self.marker),))


def test_bad_files_are_refused_and_the_current_run_is_untouched(
    make_window, panel, qtbot, tmp_path
):
    window = make_window()
    _steps(window, qtbot, 2)
    good = tmp_path / "good.npz"
    with qtbot.waitSignal(window.controller.file_call_finished, timeout=TIMEOUT):
        window.controller.save_run(str(good))
    config = window.run_info.config
    resets = len(panel.infos)
    step = 2
    for kind, path in _bad_files(good, tmp_path).items():
        window.last_message = ""
        with qtbot.waitSignal(window.controller.file_call_finished, timeout=TIMEOUT):
            window.controller.open_run(path)
        name = path.rsplit("/", 1)[-1]
        assert f"{name} was not opened" in window.last_message, kind
        assert "current run is unchanged" in window._message_box.text()
        assert window._message_box.isVisible() and not window._message_box.isModal()
        assert window.state == "paused" and window.run_info.config == config, kind
        assert len(panel.infos) == resets, kind  # no reset reached the views
        (snapshot,) = _steps(window, qtbot, 1)
        step += 1
        assert snapshot.step == step, kind
    assert not (tmp_path / "pwned").exists()  # the pickle never ran
    assert window.file_menu.recent_runs() == [str(good)]

    # while training runs, a bad file does not pause it
    window.controller.start()
    qtbot.waitUntil(lambda: window.state == "running", timeout=TIMEOUT)
    with qtbot.waitSignal(window.controller.file_call_finished, timeout=TIMEOUT):
        window.controller.open_run(str(tmp_path / "noise.npz"))
    assert "noise.npz was not opened" in window.last_message
    before = panel.steps[-1]
    qtbot.waitUntil(lambda: panel.steps[-1] > before + 2, timeout=TIMEOUT)
    assert window.state == "running"


def test_failed_save_is_reported_and_the_run_goes_on(make_window, panel, qtbot, tmp_path):
    window = make_window()
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    window.controller.start()
    qtbot.waitUntil(lambda: window.state == "running", timeout=TIMEOUT)
    with qtbot.waitSignal(window.controller.file_call_finished, timeout=TIMEOUT):
        window.controller.save_run(str(blocker / "run.npz"))
    assert "Cannot save" in window.statusBar().currentMessage()
    assert window.state == "running"
    assert window.file_menu.recent_runs() == []


def test_recent_runs_survive_a_restart_and_bad_entries_say_why(make_window, panel, qtbot, tmp_path):
    window = make_window()
    _steps(window, qtbot, 2)
    paths = [str(tmp_path / f"run{i}.npz") for i in range(2)]
    for path in paths:
        with qtbot.waitSignal(window.controller.file_call_finished, timeout=TIMEOUT):
            window.controller.save_run(path)
    assert window.file_menu.recent_runs() == paths[::-1]
    window.close()

    again = make_window()  # same settings file: a new session of the app
    assert again.file_menu.recent_runs() == paths[::-1]
    recent = again.file_menu.recent.actions()
    assert [a.text() for a in recent] == paths[::-1]
    (tmp_path / "run1.npz").write_bytes(b"garbage")
    with qtbot.waitSignal(again.controller.file_call_finished, timeout=TIMEOUT):
        recent[0].trigger()
    assert "run1.npz was not opened" in again.last_message
    assert again.run_info.config == default_config("toy1d", "maml")
    resets = len(panel.infos)
    with qtbot.waitSignal(again.controller.file_call_finished, timeout=TIMEOUT):
        recent[1].trigger()
    assert len(panel.infos) == resets + 1
    assert panel.steps[-1] == 2
    assert again.file_menu.recent_runs() == [paths[0], paths[1]]  # the opened one moves to the top


# -- the Export menu ----------------------------------------------------------------------------
def _real_window(qtbot, tmp_path, redraws: bool = True):
    """A window with the five real views on toy1d, trained 12 steps. Without ``redraws`` its
    paced redraw timer is stopped first: no view has drawn any of the steps it received."""
    from maml_gui.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(default_config("toy1d", "maml"), autostart=False, settings=settings)
    window.show()
    qtbot.waitUntil(lambda: window.state == "ready", timeout=TIMEOUT)
    if not redraws:
        window.views.timer.stop()
    _steps(window, qtbot, 12)
    return window


@pytest.fixture
def real_window(qtbot, tmp_path):
    """A window with the five real views on toy1d, trained a few steps."""
    window = _real_window(qtbot, tmp_path)
    yield window
    window.close_without_asking()
    assert not window.client.is_running()


@pytest.fixture
def undrawn_window(qtbot, tmp_path):
    """As ``real_window``, but its views have not drawn the steps yet (the window redraws one
    view per tick, and fewer when the GUI is busy: a view may lag its data)."""
    window = _real_window(qtbot, tmp_path, redraws=False)
    yield window
    window.close_without_asking()
    assert not window.client.is_running()


@pytest.fixture
def fill_dialog(monkeypatch):
    """Make the Export dialog accept at once with the given field values."""
    chosen = {}

    def exec_(dialog):
        dialog.format_box.setCurrentText(chosen["fmt"])
        dialog.path_edit.setText(chosen["path"])
        for name in ("width_px", "frames", "fps"):
            if name in chosen:
                getattr(dialog, name).setValue(chosen[name])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    return chosen


def _menu_export(window, fill_dialog, qtbot, action: str, **chosen):
    fill_dialog.clear()
    fill_dialog.update(chosen)
    window.export_menu.aboutToShow.emit()
    assert window.export_menu.export_actions[action].isEnabled()
    window.export_menu.export_actions[action].trigger()


def _on_screen(panel) -> list:
    """What the view shows on screen: whether each plot auto-ranges, each data item's
    visibility and data, each legend's visibility and entries, whether anything is left in
    export mode. An export draws the view in the slide theme on a slide-sized canvas, holds
    or hides some of it, and must put all of it back. (Not the ranges themselves: auto-range
    padding follows the plot's size in pixels, which the round trip through the slide size
    may move by a pixel or so.)"""
    scene = panel.export_target().scene()
    shown = []
    for item in scene.items():  # a stable order: the scene's stacking order
        if isinstance(item, pg.PlotItem):
            shown.append(("plot", item.isVisible(), tuple(item.vb.autoRangeEnabled())))
        elif isinstance(item, pg.PlotDataItem):
            x, y = item.getData()
            data = tuple(np.asarray(v if v is not None else [], float).tobytes() for v in (x, y))
            shown.append(("data", item.isVisible(), data))
        elif isinstance(item, pg.LegendItem):
            entries = [
                (label.text, sample.isVisible(), label.isVisible()) for sample, label in item.items
            ]
            shown.append(("legend", item.isVisible(), entries))
        if getattr(item, "_exportOpts", False) is not False:
            shown.append(("left in export mode", type(item).__name__))
    return shown


def test_export_menu_writes_each_format(real_window, fill_dialog, qtbot, tmp_path):
    window = real_window
    menu_titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menu_titles[:2] == ["File", "Export"]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    window.views.docks[1].widget().export_target().setFocus()  # the user clicks a view
    current = window.views.current_panel()
    assert current is window.panels[1]
    window.export_menu.aboutToShow.emit()
    assert current.title in window.export_menu.export_actions["current"].text()
    current.thetas[1].setVisible(False)  # hidden with its legend sample's eye: the export
    # leaves its entry out (it draws nothing) and must put it back on screen
    for panel in window.panels:
        panel.redraw()  # what an export draws first (the window may not have drawn it yet)
    on_screen = [_on_screen(panel) for panel in window.panels]
    legends = [shown for shown in on_screen[1] if shown[0] == "legend"]
    assert legends and all(entries for _kind, _visible, entries in legends)

    png = tmp_path / "view.png"
    _menu_export(window, fill_dialog, qtbot, "current", fmt="png", path=str(png), width_px=1600)
    with Image.open(png) as image:
        assert image.size == (1600, 900)
        assert len(np.unique(np.asarray(image.convert("RGB")).reshape(-1, 3), axis=0)) > 10
    assert [_on_screen(p) for p in window.panels] == on_screen  # all put back as they were

    svg = tmp_path / "view.svg"
    _menu_export(window, fill_dialog, qtbot, "current", fmt="svg", path=str(svg))
    root = ET.parse(svg).getroot()
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "meta-iteration" in texts and "φ" in texts  # labels stay text
    assert len(list(root.iter(f"{SVG}path"))) > 3
    assert [_on_screen(p) for p in window.panels] == on_screen

    pdf = tmp_path / "view.pdf"
    _menu_export(window, fill_dialog, qtbot, "current", fmt="pdf", path=str(pdf))
    assert [_on_screen(p) for p in window.panels] == on_screen
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        out = tmp_path / "page"
        subprocess.run(["pdftoppm", "-png", "-r", "48", str(pdf), str(out)], check=True)
        with Image.open(f"{out}-1.png") as page:  # 1280 x 720 px at 96 dpi = 640 x 360 at 48
            assert page.size == (640, 360)

    table = tmp_path / "view.csv"
    _menu_export(window, fill_dialog, qtbot, "current", fmt="csv", path=str(table))
    with open(table, newline="") as handle:
        rows = list(csv.reader(handle))
    columns = current.curve_table()
    assert rows[0] == [c.header for c in columns]
    for j, column in enumerate(columns):
        values = [float(r[j]) for r in rows[1:] if r[j] != ""]
        np.testing.assert_array_equal(values, np.asarray(column.values, float).ravel())

    folder = tmp_path / "all"
    folder.mkdir()
    _menu_export(window, fill_dialog, qtbot, "all", fmt="png", path=str(folder))
    assert len(list(folder.glob("*.png"))) == len(window.panels)
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind
    assert [_on_screen(p) for p in window.panels] == on_screen

    QApplication.clipboard().clear()
    window.export_menu.export_actions["clipboard"].trigger()
    assert not QApplication.clipboard().image().isNull()
    assert [_on_screen(p) for p in window.panels] == on_screen


def test_export_draws_the_data_a_view_has_not_drawn_yet(
    undrawn_window, fill_dialog, qtbot, tmp_path
):
    """The φ/θ view exported right after single steps, before its turn to redraw: the export
    draws its latest data first. (It was empty, axes 0..1; the legend, listing only what is
    drawn, was left out, so the SVG held 2 paths: the test above failed when the window had
    not got round to this view.)"""
    window = undrawn_window
    current = window.panels[1]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    window.views.docks[1].widget().export_target().setFocus()
    assert window.views.current_panel() is current and current.dirty  # not drawn yet
    svg = tmp_path / "view.svg"
    _menu_export(window, fill_dialog, qtbot, "current", fmt="svg", path=str(svg))
    root = ET.parse(svg).getroot()
    assert len(list(root.iter(f"{SVG}path"))) > 3
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "shared start" in texts  # the legend, with what is drawn
    steps, main, _twin = current.paths_data()
    assert steps[-1] == 12  # the start and the 12 steps
    _x, y = current.paths[0].getData()  # and the view on screen shows it too
    np.testing.assert_array_equal(y, main[:, 0])


def _frame_shape(path) -> tuple[int, int, int]:
    """(frames, height, width) of a GIF or MP4, counted by decoding."""
    if path.suffix == ".gif":
        return iio.imread(path, index=None).shape[:3]
    reader = imageio_v2.get_reader(path, format="FFMPEG")
    try:
        height, width = reader.get_data(0).shape[:2]
        return reader.count_frames(), height, width
    finally:
        reader.close()


def test_animation_export_from_the_window(real_window, fill_dialog, qtbot, tmp_path, monkeypatch):
    window = real_window

    def not_here(*args, **kwargs):
        raise AssertionError("frames computed in the GUI process")

    # autograd happens in the training process: this process's copy must never be called
    monkeypatch.setattr(frames_module, "compute_frames", not_here)
    drawn_on = []
    original_images = animation_job.frame_images

    def images(panel, *args, **kwargs):
        drawn_on.append(panel)
        return original_images(panel, *args, **kwargs)

    monkeypatch.setattr(animation_job, "frame_images", images)
    landscape = window.views.current_panel()
    for fmt, frames in (("gif", 6), ("mp4", 5)):
        path = tmp_path / f"anim.{fmt}"
        _menu_export(
            window,
            fill_dialog,
            qtbot,
            "animation",
            fmt=fmt,
            path=str(path),
            frames=frames,
            width_px=640,
            fps=5,
        )
        assert not window.export_menu.export_actions["animation"].isEnabled()  # one at a time
        qtbot.waitUntil(
            lambda path=path: window.statusBar().currentMessage() == f"Exported {path.name}",
            timeout=TIMEOUT,
        )
        assert _frame_shape(path) == (frames, 360, 640)
    # drawn on off-screen twins of the view, never on the one on screen
    assert all(type(p) is type(landscape) and p is not landscape for p in drawn_on)
    window.export_menu.aboutToShow.emit()
    assert window.export_menu.export_actions["animation"].isEnabled()
    assert not list(tmp_path.glob(".*"))

    # the app keeps working: train on, then a failing export reports and changes nothing
    (snapshot,) = _steps(window, qtbot, 1)
    assert snapshot.step == 13
    _menu_export(
        window,
        fill_dialog,
        qtbot,
        "animation",
        fmt="gif",
        path=str(tmp_path / "missing" / "a.gif"),
    )
    assert "does not exist" in window.last_message
    assert window.export_menu.export_actions["animation"].isEnabled()


def test_animation_is_disabled_until_the_run_has_history(make_window, qtbot):
    window = make_window()
    window.export_menu.aboutToShow.emit()
    assert not window.export_menu.export_actions["animation"].isEnabled()
    assert "history" in window.export_menu.export_actions["animation"].toolTip()
    _steps(window, qtbot, 1)
    window.export_menu.aboutToShow.emit()
    assert window.export_menu.export_actions["animation"].isEnabled()

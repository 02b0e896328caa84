"""The Export dialog's Language: a still in the other language is drawn by a twin of the
view from the live run, with the view's controls and explore marker; the window's language
and its views stay as they were."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication

from maml_gui.core.config import default_config
from maml_gui.gui import i18n
from maml_gui.gui.export.dialog import ExportOptions, run_export
from maml_gui.gui.export.formats import ExportError
from maml_gui.gui.panels.landscape import LandscapePanel

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def landscape(make_window, qtbot, monkeypatch):
    monkeypatch.setattr(i18n, "has_chinese_font", lambda: True)
    panel = LandscapePanel()
    window = make_window(default_config("toy2d", "maml"), panels=[panel])
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: panel.painter.landscape is not None, timeout=10_000)
    window.controller.single_step()
    qtbot.waitUntil(
        lambda: window.views.live_frame(panel, window.controller.run_info), timeout=10_000
    )
    panel.painter.m_box.setValue(3)
    panel.explore.set_on(True)
    qtbot.waitUntil(lambda: panel.explore.result is not None, timeout=10_000)
    return window, panel


def _live(window):
    return lambda view: window.views.live_frame(view, window.controller.run_info)


def test_a_still_in_chinese_from_an_english_window(landscape, tmp_path):
    window, panel = landscape
    out = tmp_path / "zh.svg"
    options = ExportOptions(path=str(out), fmt="svg", language=i18n.CHINESE)
    assert run_export(options, [panel], None, _live(window)) == [out]
    texts = "".join(t.text or "" for t in ET.parse(out).iter(f"{SVG}text"))
    assert "等高線：MAML 目標，m = 3" in texts  # the view's m, in Chinese
    assert "探索" in texts  # the explore marker came along
    # the window still speaks English, and so does its view
    assert i18n.installed_language() == i18n.ENGLISH
    assert QCoreApplication.translate("RunMenu", "&Start") == "&Start"
    assert panel.figure.title.startswith("Contours: MAML objective")


def test_a_past_step_on_the_timeline_is_not_exported_in_another_language(landscape, tmp_path):
    window, panel = landscape
    window.views.hold()
    options = ExportOptions(path=str(tmp_path / "zh.png"), fmt="png", language=i18n.CHINESE)
    with pytest.raises(ExportError, match="live"):
        run_export(options, [panel], None, _live(window))
    window.views.release()
    assert i18n.installed_language() == i18n.ENGLISH


def test_an_animation_in_chinese_from_an_english_window(landscape, tmp_path, qtbot):
    from maml_gui.core.frames import compute_frames
    from maml_gui.core.training import Trainer
    from maml_gui.gui.export.animation_job import AnimationJob

    window, panel = landscape
    trainer = Trainer(default_config("toy2d", "maml").replace(iterations=4))
    for _snapshot in trainer.steps():
        pass
    frames = compute_frames(trainer, panel.requests(), 3)
    out = tmp_path / "zh.gif"
    job = AnimationJob(panel, frames, str(out), "gif", 5, 320, "16:9", window, i18n.CHINESE)
    titles = []
    job.progress.connect(lambda *_args: titles.append(job.panel.figure.title))
    outcome = []
    job.finished.connect(outcome.append)
    job.start()
    qtbot.waitUntil(lambda: bool(outcome), timeout=30_000)
    assert outcome == [out] and out.exists()
    assert any(title.startswith("等高線") for title in titles)  # the twin drew in Chinese
    assert i18n.installed_language() == i18n.ENGLISH  # and the window never did
    assert panel.figure.title.startswith("Contours")

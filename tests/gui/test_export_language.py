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

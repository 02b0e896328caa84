"""View > Language: the choice is remembered, the system locale picks the default, and a
switch restarts the app on the same run, saved first (no run is lost)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from maml_gui.core.checkpoint import load_run
from maml_gui.gui import i18n


def _settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "language.ini"), QSettings.Format.IniFormat)


def test_the_system_locale_is_the_default_and_a_choice_wins(tmp_path):
    settings = _settings(tmp_path)
    assert i18n.chosen_language(settings, "zh_TW") == i18n.CHINESE
    assert i18n.chosen_language(settings, "en_GB") == i18n.ENGLISH
    settings.setValue(i18n.SETTING_KEY, i18n.ENGLISH)
    assert i18n.chosen_language(settings, "zh_TW") == i18n.ENGLISH
    settings.setValue(i18n.SETTING_KEY, "klingon")  # a broken file: the locale decides
    assert i18n.chosen_language(settings, "zh-Hant-TW") == i18n.CHINESE


def test_switching_saves_the_run_and_restarts_on_it(make_window, qtbot, tmp_path):
    window = make_window()
    menu = window.language_menu
    assert menu.choices[i18n.ENGLISH].isChecked()
    assert [a.text() for a in menu.actions()] == ["English", "繁體中文"]
    for _ in range(3):
        window.controller.single_step()
    qtbot.waitUntil(lambda: window.controller.last_step == 3, timeout=10_000)
    relaunched, closed = [], []
    menu.ask = lambda _parent: True
    menu.relaunch = relaunched.append
    menu.close_window = lambda: closed.append(True)
    menu.choose(i18n.CHINESE)
    qtbot.waitUntil(lambda: bool(closed), timeout=10_000)
    assert menu.settings.value(i18n.SETTING_KEY) == i18n.CHINESE
    (run,) = relaunched
    saved = load_run(run)  # the window's run: its steps and its settings
    assert saved.step == 3 and Path(run).name == "run.npz"
    assert saved.config == window.controller.run_info.config


def test_later_keeps_the_window_and_remembers_the_choice(make_window):
    window = make_window()
    menu = window.language_menu
    relaunched = []
    menu.ask = lambda _parent: False
    menu.relaunch = relaunched.append
    menu.choose(i18n.CHINESE)
    assert menu.settings.value(i18n.SETTING_KEY) == i18n.CHINESE
    assert relaunched == [] and window.isVisible()

"""Presenter mode: F5 shows one view full screen in the slide theme, Page Down / Page Up move
between views whatever has the focus, Esc puts the window back as it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox

from maml_gui.gui.menus.run_toolbar import RunToolBar
from maml_gui.gui.panels import all_panels
from maml_gui.gui.theme import SCREEN, SLIDE

TIMEOUT = 10_000


def _active_window(make_window, qtbot):
    window = make_window(panels=all_panels())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    return window


def _shown(window) -> list[int]:
    return [i for i, dock in enumerate(window.views.docks) if dock.isVisible()]


def test_presenter_keys_work_from_a_settings_field_and_esc_restores_the_window(make_window, qtbot):
    window = _active_window(make_window, qtbot)
    shown_before = _shown(window)
    field = window.settings_dock.edits["seed"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=TIMEOUT)

    qtbot.keyClick(field, Qt.Key.Key_F5)
    assert window.presenter.active
    assert _shown(window) == [0] and not window.settings_dock.isVisible()
    assert window.presenter.toolbar.isVisible() and not window.menuBar().isVisible()
    qtbot.waitUntil(lambda: not window.views.refitting, timeout=TIMEOUT)
    presented = window.views.panels[0]
    assert window.views.theme_of(presented)["font_pt"] > SCREEN["font_pt"]

    focused = window.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_PageDown)
    assert _shown(window) == [1]
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_PageUp)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_PageUp)
    assert _shown(window) == [len(window.views.docks) - 1]  # it wraps around

    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)
    assert not window.presenter.active
    assert _shown(window) == shown_before and window.settings_dock.isVisible()
    assert window.menuBar().isVisible() and not window.presenter.toolbar.isVisible()
    assert window.views.theme_name == "screen"
    assert all(window.views.theme_of(p) == SCREEN for p in window.views.panels)
    # entering and leaving again leaves the same layout (no toolbar or break left behind)
    geometries = _geometries(window)
    window.presenter.enter()
    window.presenter.leave()
    for _ in range(4):  # the docks' layout requests
        QApplication.processEvents()
    assert _geometries(window) == geometries


def _geometries(window) -> list[tuple[int, int, int, int]]:
    """The window's size and its toolbar's and docks' places in it."""
    widgets = [window.findChild(RunToolBar), window.settings_dock, *window.views.docks]
    places = [w.geometry().getRect() for w in widgets if w.isVisible()]
    return [window.size().toTuple(), *places]


def test_page_keys_reach_a_spin_box_outside_presenter_mode(make_window, qtbot):
    window = _active_window(make_window, qtbot)
    spin = window.views.panels[0].findChild(QSpinBox)  # the landscape's inner steps m
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=TIMEOUT)
    spin.setValue(spin.minimum())
    qtbot.keyClick(spin, Qt.Key.Key_PageUp)
    assert spin.value() > spin.minimum()  # the spin box's own page step
    assert not window.presenter.active and len(_shown(window)) > 1


def test_presenter_mode_keeps_the_slide_theme_when_it_was_on(make_window, qtbot):
    window = _active_window(make_window, qtbot)
    window.views.set_theme("slide")
    window.presenter.enter(2)
    assert _shown(window) == [2]
    window.presenter.leave()
    assert window.views.theme_name == "slide"
    assert SLIDE["font_pt"] >= window.views.theme_of(window.views.panels[0])["font_pt"]

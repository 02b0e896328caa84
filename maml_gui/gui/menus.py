"""The main window's menus and their enabled/checked state (kept out of main_window.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from maml_gui.core.config import (
    ALGORITHM_LABELS,
    ALGORITHMS,
    TASK_FAMILIES,
    TASK_LABELS,
    RunConfig,
    algorithm_unavailable_reason,
)
from maml_gui.gui.help_text import OVERVIEW, help_for

if TYPE_CHECKING:
    from maml_gui.gui.main_window import MainWindow

#: Run > Training speed: meta-iterations per second at most (a toy run at full speed is over
#: in seconds; a lecture wants to watch phi and the arrows move)
SPEEDS = (None, 200.0, 50.0, 10.0, 2.0)


@dataclass
class MenuActions:
    open_run: QAction
    save_run: QAction
    quit: QAction
    recent: QMenu
    start: QAction
    pause: QAction
    step: QAction
    stop: QAction
    reset: QAction
    tasks: dict[str, QAction] = field(default_factory=dict)
    algorithms: dict[str, QAction] = field(default_factory=dict)
    themes: dict[str, QAction] = field(default_factory=dict)
    speeds: dict[float | None, QAction] = field(default_factory=dict)


def _action(owner: QObject, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    # QAction passes `checked`; the slots take no argument (GUI-thread signal: a lambda is safe)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build(window: MainWindow) -> MenuActions:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    acts = MenuActions(
        open_run=_action(window, "&Open run…", window.ask_open_run, QKeySequence.StandardKey.Open),
        save_run=_action(window, "&Save run…", window.ask_save_run, QKeySequence.StandardKey.Save),
        quit=_action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit),
        recent=QMenu("Recent runs", window),
        start=_action(window, "&Start", window.start_run, "Ctrl+R", "Train from where the run is"),
        pause=_action(window, "&Pause", window.toggle_pause, "Space", "Pause or resume"),
        step=_action(window, "Single s&tep", window.single_step, "Ctrl+T", "One meta-step"),
        stop=_action(window, "St&op", window.stop_run, "Ctrl+.", "Stop training, keep the run"),
        reset=_action(window, "&Reset", window.reset_run, "Ctrl+Shift+R", "A new run"),
    )
    file_menu.addAction(acts.open_run)
    file_menu.addAction(acts.save_run)
    file_menu.addMenu(acts.recent)
    file_menu.addSeparator()
    file_menu.addAction(acts.quit)

    task_menu = bar.addMenu("&Task")
    task_group = QActionGroup(window)
    for task in TASK_FAMILIES:
        action = _action(window, TASK_LABELS[task], partial(window.switch_run, task=task))
        action.setCheckable(True)
        task_group.addAction(action)
        task_menu.addAction(action)
        acts.tasks[task] = action

    algorithm_menu = bar.addMenu("&Algorithm")
    algorithm_menu.setToolTipsVisible(True)  # the "why disabled" tooltips
    algorithm_group = QActionGroup(window)
    for algorithm in ALGORITHMS:
        slot = partial(window.switch_run, algorithm=algorithm)
        action = _action(window, ALGORITHM_LABELS[algorithm], slot)
        action.setCheckable(True)
        algorithm_group.addAction(action)
        algorithm_menu.addAction(action)
        acts.algorithms[algorithm] = action

    run_menu = bar.addMenu("&Run")
    for action in (acts.start, acts.pause, acts.step, acts.stop, acts.reset):
        run_menu.addAction(action)
    run_menu.addSeparator()
    speed_menu = run_menu.addMenu("Training &speed")
    speed_group = QActionGroup(window)
    for pace in SPEEDS:
        label = "Full speed" if pace is None else f"{pace:g} iterations per second"
        tip = "As fast as this machine trains" if pace is None else "Slow enough to watch"
        action = _action(window, label, partial(window.set_pace, pace), tip=tip)
        action.setCheckable(True)
        speed_group.addAction(action)
        speed_menu.addAction(action)
        acts.speeds[pace] = action
    acts.speeds[None].setChecked(True)

    view_menu = bar.addMenu("&View")
    view_menu.addAction(window.settings_dock.toggleViewAction())
    for dock in window.panel_docks:
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    theme_group = QActionGroup(window)
    for name, label in (("screen", "Screen theme"), ("slide", "Slide theme (large text)")):
        action = _action(window, label, partial(window.set_theme, name))
        action.setCheckable(True)
        theme_group.addAction(action)
        view_menu.addAction(action)
        acts.themes[name] = action
    acts.themes["screen"].setChecked(True)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(_action(window, "What am I looking at?", partial(_help, window, OVERVIEW)))
    for panel in window.panels:
        text = help_for(panel.title, panel.help_text)
        help_menu.addAction(_action(window, panel.title, partial(_help, window, text)))
    show_recent(window, acts)
    show_state(window, "ready", acts)
    return acts


def _help(window: MainWindow, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "maml-gui help", text, parent=window)
    box.setModal(False)
    box.show()


def show_run(window: MainWindow, config: RunConfig) -> None:
    """Check the run's task and algorithm; disable algorithms that do not apply, saying why."""
    acts = window.actions_
    acts.tasks[config.task].setChecked(True)
    acts.algorithms[config.algorithm].setChecked(True)
    for algorithm, action in acts.algorithms.items():
        reason = algorithm_unavailable_reason(algorithm, config.task)
        action.setEnabled(reason is None)
        action.setToolTip(reason or f"Train {ALGORITHM_LABELS[algorithm]} and a pretraining twin")


def show_state(window: MainWindow, state: str, acts: MenuActions | None = None) -> None:
    acts = acts or window.actions_
    running = state == "running"
    acts.pause.setText("&Pause" if running else "&Resume")
    acts.pause.setEnabled(state != "finished")
    acts.start.setEnabled(state in ("ready", "paused", "stopped"))
    acts.step.setEnabled(state != "finished")
    acts.stop.setEnabled(state in ("running", "paused"))


def show_recent(window: MainWindow, acts: MenuActions | None = None) -> None:
    acts = acts or window.actions_
    acts.recent.clear()
    runs = window.recent_runs()
    for path in runs:
        # owned by the menu, so clear() deletes them (parented to the window they piled up)
        acts.recent.addAction(_action(acts.recent, path, partial(window.open_run, path)))
    acts.recent.setEnabled(bool(runs))

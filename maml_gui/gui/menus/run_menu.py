"""Run: start, pause (Space), single step, stop, reset, and the training speed."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Slot
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from maml_gui.core.process.protocol import RunState
from maml_gui.gui.actions import make_action
from maml_gui.gui.run_controller import SPEEDS, RunController


class RunMenu(QMenu):
    def __init__(self, parent: QWidget, controller: RunController) -> None:
        super().__init__("&Run", parent)
        c = controller
        self.start = make_action(self, "&Start", c.start, "Ctrl+R", "Train from where the run is")
        self.pause = make_action(self, "&Pause", c.toggle_pause, "Space", "Pause or resume")
        self.step = make_action(self, "Single s&tep", c.single_step, "Ctrl+T", "One meta-step")
        self.stop = make_action(self, "St&op", c.stop, "Ctrl+.", "Stop training, keep the run")
        self.reset = make_action(self, "&Reset", c.reset, "Ctrl+Shift+R", "A new run")
        for action in (self.start, self.pause, self.step, self.stop, self.reset):
            self.addAction(action)
        self.addSeparator()
        speed_menu = self.addMenu("Training &speed")
        group = QActionGroup(self)
        self.speeds = {}
        for pace in SPEEDS:
            tip = "As fast as this machine trains" if pace is None else "Slow enough to watch"
            setter = partial(c.set_pace, pace)
            action = make_action(self, speed_label(pace), setter, tip=tip, checkable=True)
            group.addAction(action)
            speed_menu.addAction(action)
            self.speeds[pace] = action
        self.speeds[None].setChecked(True)
        c.state_changed.connect(self.show_state)
        c.pace_changed.connect(lambda pace: self.speeds[pace].setChecked(True))
        self.show_state(RunState.READY)

    @Slot(object)
    def show_state(self, state: RunState) -> None:
        running = state == RunState.RUNNING
        self.pause.setText("&Pause" if running else "&Resume")
        self.pause.setEnabled(state != RunState.FINISHED)
        self.start.setEnabled(state in (RunState.READY, RunState.PAUSED, RunState.STOPPED))
        self.step.setEnabled(state != RunState.FINISHED)
        self.stop.setEnabled(state in (RunState.RUNNING, RunState.PAUSED))


def speed_label(pace: float | None) -> str:
    return "Full speed" if pace is None else f"{pace:g} iterations per second"

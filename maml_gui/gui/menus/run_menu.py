"""Run: start, pause (Space), single step, stop, reset, and the training speed."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Slot
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from maml_gui.core.process.protocol import RunState
from maml_gui.gui.actions import make_action
from maml_gui.gui.i18n import translate
from maml_gui.gui.run_controller import SPEEDS, RunController


class RunMenu(QMenu):
    def __init__(self, parent: QWidget, controller: RunController) -> None:
        super().__init__(translate("RunMenu", "&Run"), parent)
        c = controller
        self.start = make_action(
            self,
            translate("RunMenu", "&Start"),
            c.start,
            "Ctrl+R",
            translate("RunMenu", "Train from where the run is"),
        )
        self.pause = make_action(
            self,
            translate("RunMenu", "&Pause"),
            c.toggle_pause,
            "Space",
            translate("RunMenu", "Pause or resume"),
        )
        self.step = make_action(
            self,
            translate("RunMenu", "Single s&tep"),
            c.single_step,
            "Ctrl+T",
            translate("RunMenu", "One meta-step"),
        )
        self.stop = make_action(
            self,
            translate("RunMenu", "St&op"),
            c.stop,
            "Ctrl+.",
            translate("RunMenu", "Stop training, keep the run"),
        )
        self.reset = make_action(
            self,
            translate("RunMenu", "&Reset"),
            c.reset,
            "Ctrl+Shift+R",
            translate("RunMenu", "A new run"),
        )
        for action in (self.start, self.pause, self.step, self.stop, self.reset):
            self.addAction(action)
        self.addSeparator()
        speed_menu = self.addMenu(translate("RunMenu", "Training &speed"))
        group = QActionGroup(self)
        self.speeds = {}
        for pace in SPEEDS:
            tip = (
                translate("RunMenu", "As fast as this machine trains")
                if pace is None
                else translate("RunMenu", "Slow enough to watch")
            )
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
        self.pause.setText(
            translate("RunMenu", "&Pause") if running else translate("RunMenu", "&Resume")
        )
        self.pause.setEnabled(state != RunState.FINISHED)
        self.start.setEnabled(state in (RunState.READY, RunState.PAUSED, RunState.STOPPED))
        self.step.setEnabled(state != RunState.FINISHED)
        self.stop.setEnabled(state in (RunState.RUNNING, RunState.PAUSED))


def speed_label(pace: float | None) -> str:
    return (
        translate("RunMenu", "Full speed")
        if pace is None
        else translate("RunMenu", "{pace} iterations per second").format(pace=f"{pace:g}")
    )

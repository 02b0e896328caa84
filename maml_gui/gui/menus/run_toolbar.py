"""The run's toolbar: Start, Pause, Step, Reset (the Run menu's own actions, so their state and
shortcuts are one) and the training speed, within one click while teaching."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from maml_gui.gui.i18n import translate
from maml_gui.gui.menus.run_menu import RunMenu, speed_label
from maml_gui.gui.run_controller import SPEEDS, RunController


class RunToolBar(QToolBar):
    def __init__(self, parent: QWidget, controller: RunController, menu: RunMenu) -> None:
        super().__init__(translate("RunToolBar", "Run"), parent)
        self.setObjectName("run_toolbar")
        self.setMovable(False)
        for action in (menu.start, menu.pause, menu.step, menu.reset):
            self.addAction(action)
        self.addSeparator()
        self.addWidget(QLabel(translate("RunToolBar", " speed ")))
        self.speed = QComboBox()
        self.speed.setToolTip(
            translate("RunToolBar", "At most this many meta-iterations per second")
        )
        for pace in SPEEDS:
            self.speed.addItem(speed_label(pace), pace)
        self.speed.activated.connect(lambda index: controller.set_pace(SPEEDS[index]))
        self.addWidget(self.speed)
        controller.pace_changed.connect(self.show_pace)

    @Slot(object)
    def show_pace(self, pace: float | None) -> None:
        self.speed.setCurrentIndex(SPEEDS.index(pace))

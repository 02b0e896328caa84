"""Task: the task family of the run (switching starts a new run)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from maml_gui.core.config import TASK_LABELS
from maml_gui.gui.menus.switch_menu import SwitchMenu
from maml_gui.gui.run_controller import RunController


class TaskMenu(SwitchMenu):
    field = "task"

    def __init__(self, parent: QWidget, controller: RunController) -> None:
        super().__init__("&Task", parent, controller, dict(TASK_LABELS))
        self.tasks = self.choices

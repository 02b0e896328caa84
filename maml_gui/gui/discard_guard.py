"""Asking before an unsaved run is dropped: switching task or algorithm, Reset, Open, Quit.

Save (the run is saved, then the action happens, once the save has succeeded), Discard (the
action happens) or Cancel (nothing happens). A run that has not trained since it was made,
opened or saved is dropped without asking.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from maml_gui.gui.i18n import translate
from maml_gui.gui.run_controller import RUN_FILTER, RunController


class Choice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_user(parent: QWidget, what: str, controller: RunController) -> Choice:
    """The question, as a message box (modal: the run keeps training behind it)."""
    steps = controller.last_step
    name = controller.run_path or translate("DiscardGuard", "this run")
    title = translate("DiscardGuard", "Unsaved run")
    box = QMessageBox(QMessageBox.Icon.Question, title, "", parent=parent)
    unsaved = translate("DiscardGuard", "{run} has {steps} meta-iterations that are not saved.")
    box.setText(unsaved.format(run=name, steps=f"{steps:,}"))
    box.setInformativeText(
        translate("DiscardGuard", "Save it before you {what}?").format(what=what)
    )
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    answer = box.exec()
    return {buttons.Save: Choice.SAVE, buttons.Discard: Choice.DISCARD}.get(
        buttons(answer), Choice.CANCEL
    )


def ask_save_path(parent: QWidget) -> str:
    title = translate("FileMenu", "Save run")
    path, _ = QFileDialog.getSaveFileName(
        parent, title, "run.npz", translate("RunController", RUN_FILTER)
    )
    return path


class DiscardGuard:
    """Installed as ``controller.guard``; the window uses it for Quit too."""

    def __init__(self, parent: QWidget, controller: RunController) -> None:
        self.parent = parent
        self.controller = controller
        #: replaceable (tests answer without a dialog)
        self.ask: Callable[[QWidget, str, RunController], Choice] = ask_user
        self.ask_path: Callable[[QWidget], str] = ask_save_path

    def __call__(self, what: str, action: Callable[[], None]) -> None:
        if not self.controller.unsaved:
            action()
            return
        choice = self.ask(self.parent, what, self.controller)
        if choice is Choice.DISCARD:
            action()
        elif choice is Choice.SAVE:
            path = self.ask_path(self.parent)
            if path:  # the action waits for the save: a failed save drops nothing
                self.controller.save_run(path).returned.connect(lambda _written: action())

"""View > Language: English or 繁體中文, remembered; the default follows the system locale.

The choice applies when the app starts: every widget sets its texts when it is built, so
switching live would need a second, retranslating path through every view and menu for a
choice made once. Instead the menu offers to restart at once. The run is saved first to a
temporary file, which the new window opens again. The run, its history and its settings
survive; the view layout is kept in the settings as always.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from maml_gui.gui.actions import make_action
from maml_gui.gui.i18n import LANGUAGES, REOPEN_ENV, SETTING_KEY, installed_language, translate
from maml_gui.gui.run_controller import RunController

log = logging.getLogger(__name__)


def relaunch(run: str | None) -> None:
    """Start the app again in a process of its own, opening ``run`` if given."""
    env = dict(os.environ)
    env.pop(REOPEN_ENV, None)
    if run:
        env[REOPEN_ENV] = run
    subprocess.Popen([sys.executable, "-m", "maml_gui"], env=env, start_new_session=True)


def ask_restart(parent: QWidget) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("LanguageMenu", "Language"),
        translate(
            "LanguageMenu",
            "The new language applies when maml-gui starts again. Restart now? The run is "
            "saved first and opened again in the new window.",
        ),
        parent=parent,
    )
    restart = box.addButton(
        translate("LanguageMenu", "Restart now"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(translate("LanguageMenu", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is restart


class LanguageMenu(QMenu):
    """The two languages, each named in its own; choosing one remembers it and asks to
    restart (``ask`` and ``relaunch`` are replaceable: tests answer without a dialog)."""

    def __init__(
        self,
        parent: QWidget,
        controller: RunController,
        settings: QSettings,
        close_window: Callable[[], None],
    ) -> None:
        super().__init__(translate("LanguageMenu", "&Language"), parent)
        self.controller = controller
        self.settings = settings
        self.close_window = close_window
        self.ask: Callable[[QWidget], bool] = ask_restart
        self.relaunch: Callable[[str | None], None] = relaunch
        group = QActionGroup(self)
        self.choices = {}
        current = installed_language()
        for code, name in LANGUAGES.items():
            action = make_action(self, name, lambda c=code: self.choose(c), checkable=True)
            action.setChecked(code == current)
            group.addAction(action)
            self.addAction(action)
            self.choices[code] = action

    def choose(self, language: str) -> None:
        self.settings.setValue(SETTING_KEY, language)
        if language == installed_language():
            return
        if self.ask(self.parentWidget()):
            self.restart()

    def restart(self) -> None:
        """Save the run (if it has trained), start the new window on it, close this one."""
        if self.controller.last_step == 0:
            self._hand_over(None)
            return
        folder = Path(tempfile.mkdtemp(prefix="maml-gui-language-"))
        handle = self.controller.save_run(str(folder / "run.npz"))
        # a failed save is reported by the controller, and this window stays
        handle.returned.connect(lambda written: self._hand_over(str(written)))

    def _hand_over(self, run: str | None) -> None:
        log.info("restarting in another language with %s", run or "a new run")
        self.relaunch(run)
        self.close_window()

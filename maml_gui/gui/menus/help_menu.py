"""Help: what each view shows, in the words of the lecture notes; and the log folder."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from maml_gui.gui.actions import make_action
from maml_gui.gui.help_text import help_for, overview
from maml_gui.gui.i18n import translate
from maml_gui.logs import log_folder


class HelpMenu(QMenu):
    def __init__(self, parent: QWidget, panels: Sequence) -> None:
        super().__init__(translate("HelpMenu", "&Help"), parent)
        self.addAction(
            make_action(
                self,
                translate("HelpMenu", "What am I looking at?"),
                lambda: self.show_help(overview()),
            )
        )
        for panel in panels:
            text = help_for(
                panel.title, translate("Help", panel.help_text) if panel.help_text else ""
            )
            self.addAction(make_action(self, panel.shown_title(), partial(self.show_help, text)))
        self.addSeparator()
        self.open_log = make_action(
            self,
            translate("HelpMenu", "Open log folder"),
            self.open_log_folder,
            tip=str(log_folder()),
        )
        self.addAction(self.open_log)

    def show_help(self, text: str) -> None:
        # parent by keyword: a fourth positional argument is the buttons, and PySide6 refused
        # the call, so no Help text ever opened (found in this stop's screenshots)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            translate("HelpMenu", "maml-gui help"),
            text,
            parent=self.parentWidget(),
        )
        box.setModal(False)
        box.show()

    def open_log_folder(self) -> None:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

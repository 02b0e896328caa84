"""Help: what each view shows, in the words of the lecture notes; and the log folder."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from maml_gui.gui.actions import make_action
from maml_gui.gui.help_text import help_for, overview
from maml_gui.gui.i18n import translate
from maml_gui.logs import log_folder

#: the Help window's size where the screen allows it
HELP_SIZE = (720, 640)


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
        """Non-modal, so the run goes on beside it; scrolls, as the overview is longer than a
        1280 x 720 screen (a message box grew past the screen's bottom and cut it)."""
        HelpDialog(text, self.parentWidget()).show()

    def open_log_folder(self) -> None:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class HelpDialog(QDialog):
    """One Help text in a scrolling, resizable window; it deletes itself when closed."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("HelpMenu", "maml-gui help"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(text if text.lstrip().startswith("<") else f"<p>{text}</p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = HELP_SIZE
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)

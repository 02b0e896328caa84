"""The desktop application: QApplication, pyqtgraph defaults, the main window."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from maml_gui.core.config import default_config
from maml_gui.gui.theme import SCREEN


def configure_pyqtgraph() -> None:
    """Before any plot exists: pyqtgraph reads these when items are created."""
    pg.setConfigOptions(
        antialias=True, background=SCREEN["background"], foreground=SCREEN["foreground"]
    )


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setApplicationName("maml-gui")
    app.setOrganizationName("maml-gui")
    configure_pyqtgraph()
    return app


def run_app(argv: Sequence[str] | None = None) -> int:
    """Open the window on toy1d + MAML and start training at once; return the exit status."""
    app = create_app(argv)
    from maml_gui.gui.main_window import MainWindow  # after pyqtgraph is configured

    window = MainWindow(default_config("toy1d", "maml"), autostart=True)
    window.show()
    window.start_run()
    app.aboutToQuit.connect(window.shutdown)
    quit_on_signals(app)
    return app.exec()


def quit_on_signals(app: QApplication) -> None:
    """Ctrl+C in the terminal, or a plain ``kill``, closes the app as its menu would: the
    training process is stopped and joined (killed abruptly, it left semaphores behind).
    Python runs the handler at the next Python code of the GUI thread: the window's timers
    run some every 10 ms."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.quit())

"""The desktop application: QApplication, pyqtgraph defaults, logging, the main window."""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import time
from collections.abc import Sequence

# superqt reads the Qt binding from QT_API through qtpy: this app is PySide6 only
os.environ.setdefault("QT_API", "pyside6")

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from maml_gui.core.config import default_config
from maml_gui.gui import i18n
from maml_gui.gui.i18n import translate
from maml_gui.gui.theme import SCREEN
from maml_gui.logs import log_uncaught_exceptions, setup_logging

log = logging.getLogger(__name__)


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
    setup_logging()
    log_uncaught_exceptions()
    app = create_app(argv)
    settings = QSettings("maml-gui", "maml-gui")
    # before any widget: each sets its texts when it is built
    installed = i18n.install(i18n.chosen_language(settings))
    from maml_gui.gui.main_window import MainWindow  # after pyqtgraph is configured

    window = MainWindow(default_config("toy1d", "maml"), autostart=True, settings=settings)
    window.show()
    reopen = os.environ.pop(i18n.REOPEN_ENV, "")
    if reopen:  # the window before this one saved its run to switch language
        window.controller.open_run(reopen)
    else:
        window.controller.start()
    if installed.message:  # Chinese asked for without a font to show it
        window.show_message(translate("App", "Language"), installed.message)
    first_paint = _FirstPaint(window)  # the launch benchmark reads its log line
    window.installEventFilter(first_paint)
    app.aboutToQuit.connect(window.shutdown)
    quit_on_signals(app, window)
    status = app.exec()
    # The window goes before the QApplication, explicitly: left to the interpreter's exit,
    # the order is arbitrary and a widget destroyed after the application crashed shiboken.
    window.shutdown()
    shiboken6.delete(window)
    log.info("closed with status %s", status)
    return status


def quit_on_signals(app: QApplication, window) -> None:
    """Ctrl+C in the terminal, or a plain ``kill``, closes the app as its menu would: the
    training process is stopped and joined (killed abruptly, it left semaphores behind).

    Python runs a signal handler between two bytecodes of the GUI thread, which may be in the
    middle of a view's paint(). Quitting there closed the window under the paint, which then
    flushed a window without a native handle and crashed in libshiboken6 (about 3 runs in 7 on a
    busy machine). So the handler only schedules the quit: it runs from the event loop, after
    the paint has returned. The window's timers run Python every 10 ms, so the handler runs soon.
    """

    def schedule_quit(number: int, _frame) -> None:
        log.info("signal %s: closing", number)
        # asked by the terminal: no "save the run?" question that nobody is there to answer
        QTimer.singleShot(0, window, window.close_without_asking)
        QTimer.singleShot(0, app, app.quit)

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, schedule_quit)


class _FirstPaint(QObject):
    """Logs when the window is first painted (it is on screen), then freezes the GC."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            log.info("window mapped at %.3f", time.time())
            watched.removeEventFilter(self)
            QTimer.singleShot(0, freeze_gc)  # once the window is built and painted
        return False


def freeze_gc() -> None:
    """Move everything alive once the window is built (Qt, pyqtgraph: >200,000 objects) out
    of the cyclic collector's reach: a full collection walks them all and stalled the event
    loop for 100-200 ms, several times a minute."""
    gc.collect()
    gc.freeze()

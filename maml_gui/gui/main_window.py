"""The main window: it builds the docks, the run controller, the menus and the view host, and
connects them. Behaviour lives in those parts; this file is wiring.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox

from maml_gui.core.config import RunConfig, default_config
from maml_gui.gui.actions import leave_keys_to_the_window, make_action
from maml_gui.gui.discard_guard import DiscardGuard
from maml_gui.gui.export.animation_job import AnimationJob, ClientFrames
from maml_gui.gui.export.menu import ExportMenu
from maml_gui.gui.i18n import translate
from maml_gui.gui.menus.algorithm_menu import AlgorithmMenu
from maml_gui.gui.menus.file_menu import FileMenu
from maml_gui.gui.menus.help_menu import HelpMenu
from maml_gui.gui.menus.language_menu import LanguageMenu
from maml_gui.gui.menus.presets import PresetMenu
from maml_gui.gui.menus.run_menu import RunMenu
from maml_gui.gui.menus.run_toolbar import RunToolBar
from maml_gui.gui.menus.task_menu import TaskMenu
from maml_gui.gui.menus.view_menu import ViewMenu
from maml_gui.gui.panels.base import Panel
from maml_gui.gui.presenter import PresenterMode
from maml_gui.gui.run_controller import RunController
from maml_gui.gui.settings_dock import SettingsDock
from maml_gui.gui.status import RunStatus
from maml_gui.gui.timeline import Timeline
from maml_gui.gui.view_host import ViewHost, share_columns

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self,
        config: RunConfig | None = None,
        panels: Sequence[Panel] | None = None,
        autostart: bool = True,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.settings_dock = SettingsDock(self)
        self.controller = RunController(
            config or default_config(), lambda: self.settings_dock.desired, autostart, self
        )
        # Launched first: the training process imports torch on the other core while this
        # process builds and paints the window.
        self.controller.launch()
        self.client = self.controller.client
        self.setWindowTitle("maml-gui")
        self.resize(_initial_size())
        self.setDockNestingEnabled(True)
        if panels is None:
            from maml_gui.gui.panels import all_panels  # the views are the heavy imports

            panels = all_panels()
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.settings_dock)
        self.discard_guard = DiscardGuard(self, self.controller)
        self.controller.guard = self.discard_guard
        self._force_close = False  # a signal or an answered question: close without asking
        self.views = ViewHost(self, panels, self._report)
        share_columns(self, self.settings_dock, self.views.docks)
        self.status = RunStatus(self.statusBar())
        self.frames = ClientFrames(self.client)
        self.last_message = ""
        self._message_box: QMessageBox | None = None
        self._build_menus(settings or QSettings("maml-gui", "maml-gui"))
        self._connect()
        leave_keys_to_the_window(self)  # the lecturer's keys, whatever has the focus

    def _build_menus(self, settings: QSettings) -> None:
        c, bar = self.controller, self.menuBar()
        self.file_menu = FileMenu(self, c, settings)
        self.export_menu = ExportMenu(
            self,
            self.views.current_panel,
            lambda: list(self.views.panels),
            self.frame_source,
            lambda panel: self.views.live_frame(panel, self.controller.run_info),
        )
        self.task_menu = TaskMenu(self, c, settings)
        self.preset_menu = PresetMenu(self, c, self.views)
        self.task_menu.addSeparator()
        self.task_menu.addMenu(self.preset_menu)
        self.algorithm_menu = AlgorithmMenu(self, c)
        self.run_menu = RunMenu(self, c)
        self.addToolBar(RunToolBar(self, c, self.run_menu))
        # In the run toolbar's row: a row of its own under the views took the height the
        # function space's legend needs at 1280 x 720 (tests/gui/test_layout.py)
        self.timeline = Timeline(self, self.client, self.views)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.timeline)
        docks = [self.settings_dock, *self.views.docks]
        self.view_menu = ViewMenu(self, docks, self.views.set_theme)
        self.presenter = PresenterMode(self, self.views, [self.settings_dock])
        self.view_menu.addSeparator()
        self.crosshair_action = make_action(
            self,
            translate("MainWindow", "&Crosshair"),
            lambda: self.views.set_crosshair(self.crosshair_action.isChecked()),
            "Ctrl+H",
            translate(
                "MainWindow",
                "A crosshair under the cursor on every plot (the values read out beside it)",
            ),
            checkable=True,
        )
        self.view_menu.addAction(self.crosshair_action)
        self.view_menu.addAction(self.timeline.toggle)
        self.view_menu.addAction(self.timeline.play_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.presenter.enter_action)
        self.language_menu = LanguageMenu(self, c, settings, self.close_without_asking)
        self.view_menu.addMenu(self.language_menu)
        self.help_menu = HelpMenu(self, self.views.panels)
        for menu in (self.file_menu, self.export_menu, self.task_menu, self.algorithm_menu):
            bar.addMenu(menu)
        for menu in (self.run_menu, self.view_menu, self.help_menu):
            bar.addMenu(menu)

    def _connect(self) -> None:
        c, client, views, status = self.controller, self.client, self.views, self.status
        client.snapshot_ready.connect(views.on_snapshot)
        client.snapshot_ready.connect(status.on_snapshot)
        client.payload_ready.connect(views.on_payload)
        views.requests_changed.connect(client.request_payloads)
        views.requests_changed.connect(self.timeline.on_requests)
        client.snapshot_ready.connect(self.timeline.on_snapshot)
        c.run_reset.connect(self._on_run_reset)
        c.config_applied.connect(self.timeline.on_settings_applied)
        c.state_changed.connect(status.set_state)
        c.config_applied.connect(self.settings_dock.set_live_config)
        # looked up at each call: tests replace show_message on the instance
        c.message.connect(lambda title, text: self.show_message(title, text))
        c.saved.connect(
            lambda path: self._show_for_a_while(translate("MainWindow", "Saved {path}"), path)
        )
        c.opened.connect(
            lambda path: self._show_for_a_while(translate("MainWindow", "Opened {path}"), path)
        )
        c.document_changed.connect(self._show_document)
        self.settings_dock.config_edited.connect(c.set_config)
        self.settings_dock.reset_requested.connect(c.reset)

    # -- for the menus, the tests and the benchmarks ------------------------------------------
    @property
    def panels(self) -> list[Panel]:
        return self.views.panels

    @property
    def state(self):
        return self.controller.state

    @property
    def run_info(self):
        return self.controller.run_info

    def frame_source(self) -> ClientFrames | None:
        """Frames for an animation come from the run's recorded history: none before a step."""
        return self.frames if self.controller.has_history() else None

    @Slot(object)
    def _on_run_reset(self, info) -> None:
        if self._message_box is not None:
            self._message_box.close()  # it spoke of the run that has just been replaced
        self.settings_dock.set_run(info)
        step = info.snapshot.step if info.snapshot is not None else 0
        self.status.reset(step, info.config.iterations)
        self.views.reset(info)
        self.timeline.on_run_reset(info)
        self.preset_menu.on_run_reset(info)  # after the views: it frames one

    @Slot()
    def _show_document(self) -> None:
        """The title names the run's file and marks unsaved training ('[*]' is Qt's mark)."""
        path = self.controller.run_path
        name = Path(path).name if path else translate("MainWindow", "untitled run")
        self.setWindowTitle(f"{name}[*] — maml-gui")
        self.setWindowModified(self.controller.unsaved)

    def _show_for_a_while(self, text: str, path: str) -> None:
        self.statusBar().showMessage(text.format(path=path), 5000)

    def _report(self, title: str, text: str) -> None:
        self.show_message(title, text)

    def show_message(self, title: str, text: str) -> None:
        """Non-modal: training and the rest of the window keep working behind it."""
        log.warning("%s: %s", title, text)
        self.last_message = text
        self.statusBar().showMessage(f"{title}: {text}", 15000)
        if self._message_box is None:
            self._message_box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
            self._message_box.setModal(False)
        self._message_box.setWindowTitle(title)
        self._message_box.setText(text)
        self._message_box.show()

    # -- shutdown -----------------------------------------------------------------------------
    @Slot()
    def shutdown(self) -> bool:
        """Stop drawing first (nothing may paint once teardown has begun), then cancel any
        animation (nothing half-written is left behind), then end the training process."""
        self.views.stop()
        self.status.stop()
        for job in self.findChildren(AnimationJob):
            job.cancel()
        if self._message_box is not None:
            self._message_box.close()
        return self.controller.shutdown()

    def close_without_asking(self) -> None:
        """For Ctrl+C or kill in the terminal: the user asked the process to end."""
        self._force_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._force_close and self.controller.unsaved:
            event.ignore()  # asked first; closed again once answered (after a save, if any)
            later = lambda: QTimer.singleShot(0, self, self.close_without_asking)  # noqa: E731
            self.discard_guard(
                translate("MainWindow", "quit"), later
            )  # (close() does nothing inside closeEvent)
            return
        self.shutdown()
        super().closeEvent(event)


def _initial_size() -> QSize:
    """1500 x 920, or the whole available screen when that is smaller: every view needs its
    room (a narrower window clipped the right-hand docks)."""
    wanted = QSize(1500, 920)
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    return wanted.boundedTo(screen.availableGeometry().size()).expandedTo(QSize(800, 600))

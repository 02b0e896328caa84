"""The main window: wiring between the menus, the settings dock, the worker and the panels.

The worker (the handle on the training process) emits its signals in the GUI thread; snapshots
and payloads are stored by the panels and drawn by one 30 Hz timer.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from maml_gui.core.config import RunConfig, algorithm_unavailable_reason, default_config
from maml_gui.gui import menus
from maml_gui.gui.animation_job import AnimationJob, WorkerFrames
from maml_gui.gui.dialogs.export_dialog import build_export_menu
from maml_gui.gui.panels.base import Panel, RunInfo
from maml_gui.gui.settings_dock import SettingsDock
from maml_gui.gui.status import RunStatus
from maml_gui.gui.theme import SCREEN, SLIDE
from maml_gui.gui.worker import CallResult, TrainingWorker

REDRAW_INTERVAL_MS = 33
#: at most this share of wall time for the GUI thread's own work (mostly painting), so that a
#: slow view draws less often instead of leaving no time for input events
GUI_SHARE = 0.6
#: ... but never fewer frames than one per this many seconds
MAX_FRAME_GAP = 0.5
MAX_RECENT = 8
OPEN_TAG = "open:"
SAVE_TAG = "save:"
RUN_FILTER = "maml-gui runs (*.npz);;All files (*)"


class MainWindow(QMainWindow):
    #: a worker call's result (save, open, animation frames) after the window acted on it;
    #: emitted after the window's own handling of the worker's call_finished
    call_handled = Signal(object)

    def __init__(
        self,
        config: RunConfig | None = None,
        panels: Sequence[Panel] | None = None,
        autostart: bool = True,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        # Launched first: the training process imports torch on the other core while this
        # one builds and paints the window.
        self.worker = TrainingWorker(config or default_config(), parent=self)
        self.worker.launch()
        self.setWindowTitle("maml-gui")
        self.resize(_initial_size())
        self.setDockNestingEnabled(True)
        if panels is None:
            from maml_gui.gui.panels import all_panels

            panels = all_panels()
        self.panels: list[Panel] = list(panels)
        self.settings = settings or QSettings("maml-gui", "maml-gui")
        self.autostart = autostart
        self.state = ""
        self.run_info: RunInfo | None = None
        self.last_message = ""
        self.frames_drawn = 0
        self._frame_wall = time.perf_counter()
        self._frame_cpu = time.thread_time()
        self._next_panel = 0  # round-robin position of redraw()
        self._panel_errors: set[tuple[int, str]] = set()
        self._message_box: QMessageBox | None = None

        self.settings_dock = SettingsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.settings_dock)
        self.panel_docks = self._dock_panels()
        self.status = RunStatus(self.statusBar())
        self.actions_ = menus.build(self)
        self._current_panel: Panel | None = None
        self._last_step = 0

        self.frames = WorkerFrames(self.worker)
        self.export_menu, self.export_actions = self._build_export_menu()
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._on_focus_changed)

        self.settings_dock.config_edited.connect(self.on_config_edited)
        self.settings_dock.reset_requested.connect(self.reset_run)
        for panel in self.panels:
            panel.requests_changed.connect(self.forward_requests)

        worker = self.worker
        worker.snapshot_ready.connect(self.on_snapshot)
        worker.payload_ready.connect(self.on_payload)
        worker.state_changed.connect(self.on_state_changed)
        worker.diverged.connect(self.on_diverged)
        worker.failed.connect(self.on_failed)
        worker.run_reset.connect(self.on_run_reset)
        worker.config_applied.connect(self.on_config_applied)
        worker.call_finished.connect(self.on_call_finished)
        self._closing = False
        self._gc_frozen = False

        self.redraw_timer = QTimer(self)
        self.redraw_timer.setInterval(REDRAW_INTERVAL_MS)
        self.redraw_timer.timeout.connect(self.redraw)
        self.redraw_timer.start()

    def _dock_panels(self) -> list[QDockWidget]:
        """Two columns of docks: views side by side, each column split top/bottom."""
        docks = []
        for i, panel in enumerate(self.panels):
            dock = QDockWidget(panel.title, self)
            dock.setObjectName(f"panel_dock_{i}")
            dock.setWidget(panel)
            docks.append(dock)
        if not docks:
            return docks
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.addDockWidget(right, docks[0])
        if len(docks) > 1:
            self.splitDockWidget(docks[0], docks[1], Qt.Orientation.Horizontal)
        if len(docks) > 2:
            self.splitDockWidget(docks[0], docks[2], Qt.Orientation.Vertical)
        if len(docks) > 3:
            self.splitDockWidget(docks[1], docks[3], Qt.Orientation.Vertical)
        for extra in docks[4:]:
            self.tabifyDockWidget(docks[3], extra)
        return docks

    # -- worker signals -----------------------------------------------------------------------
    @Slot(object)
    def on_snapshot(self, snapshot) -> None:
        self._last_step = snapshot.step
        self.status.on_snapshot(snapshot)
        for panel in self.panels:
            self._call_panel(panel, "on_snapshot", snapshot)

    @Slot(object)
    def on_payload(self, payload) -> None:
        for panel in self.panels:
            self._call_panel(panel, "on_payload", payload)

    def _call_panel(self, panel: Panel, hook: str, *args) -> None:
        """A failing view must not take the others (or the run) down; say so once per hook."""
        try:
            getattr(panel, hook)(*args)
        except Exception as exc:
            key = (id(panel), hook)
            if key not in self._panel_errors:
                self._panel_errors.add(key)
                self.show_message(f"{panel.title} failed", f"{type(exc).__name__}: {exc}")

    @Slot(object)
    def on_run_reset(self, info: RunInfo) -> None:
        self.run_info = info
        self._last_step = 0
        self.settings_dock.set_run_config(info.config)
        self.status.reset(0, info.config.iterations)
        menus.show_run(self, info.config)
        self._panel_errors.clear()
        for panel in self.panels:
            self._call_panel(panel, "reset", info)
        snapshot = info.extra.get("snapshot")  # an opened run: show it before its next step
        if snapshot is not None:
            self.on_snapshot(snapshot)
        self.forward_requests()

    @Slot(str)
    def on_state_changed(self, state: str) -> None:
        self.state = state
        self.status.set_state(state)
        menus.show_state(self, state)

    @Slot(str)
    def on_diverged(self, message: str) -> None:
        self.show_message("The run diverged", message)

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self.show_message("Error", message)

    @Slot(object)
    def on_config_applied(self, config: RunConfig) -> None:
        if self.run_info is not None:
            self.run_info = RunInfo(config, self.run_info.n_tasks, self.run_info.task_minima)
        self.settings_dock.set_live_config(config)

    @Slot(object)
    def on_call_finished(self, result: CallResult) -> None:
        try:
            self._handle_call(result)
        finally:
            self.call_handled.emit(result)

    def _handle_call(self, result: CallResult) -> None:
        if self.frames.handle(result):
            return
        if result.tag.startswith(SAVE_TAG):
            if isinstance(result.value, Exception):
                self.show_message("Cannot save the run", f"{result.value}")
                return
            self.add_recent(str(result.value))
            self.statusBar().showMessage(f"Saved {result.value}", 5000)
        elif result.tag.startswith(OPEN_TAG):
            path = result.tag[len(OPEN_TAG) :]
            if isinstance(result.value, Exception):
                self.show_message("Cannot open the run", _open_error(path, result.value))
                return
            self.add_recent(path)
            self.statusBar().showMessage(f"Opened {path}", 5000)

    # -- panels -------------------------------------------------------------------------------
    def current_panel(self) -> Panel:
        """The view the user is working in: the one holding the focus, else the last one that
        did and is still visible, else the first visible one."""
        visible = [p for p, d in zip(self.panels, self.panel_docks, strict=True) if d.isVisible()]
        if self._current_panel in visible:
            return self._current_panel
        return (visible or self.panels)[0]

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        for panel in self.panels:
            if new is not None and (new is panel or panel.isAncestorOf(new)):
                self._current_panel = panel
                return

    def _build_export_menu(self) -> tuple[QMenu, dict]:
        menu = QMenu("&Export", self)
        bar = self.menuBar()
        bar.insertMenu(bar.actions()[1], menu)  # right after File
        actions = build_export_menu(
            menu, self.current_panel, lambda: list(self.panels), self, self.frame_source
        )
        menu.aboutToShow.connect(self._name_current_view)
        return menu, actions

    @Slot()
    def _name_current_view(self) -> None:
        title = getattr(self.current_panel(), "title", "view")
        self.export_actions["current"].setText(f"Export current view ({title})…")
        self.export_actions["clipboard"].setText(f"Copy {title} to clipboard")

    def frame_source(self) -> WorkerFrames | None:
        """Frames for an animation come from the run's recorded history: none before a step."""
        return self.frames if self.run_info is not None and self._last_step > 0 else None

    @Slot()
    def forward_requests(self) -> None:
        requests = [r for panel in self.panels for r in _requests_of(panel)]
        self.worker.request_payloads(requests)

    @Slot()
    def redraw(self) -> None:
        # Frame pacing: the GUI thread's CPU time since the last frame (the painting of that
        # frame included) must fit in GUI_SHARE of the wall time since it; slow views then
        # draw less often instead of leaving no time for input events.
        now, cpu = time.perf_counter(), time.thread_time()
        since = now - self._frame_wall
        if cpu - self._frame_cpu > GUI_SHARE * since and since < MAX_FRAME_GAP:
            return
        self._frame_wall, self._frame_cpu = now, cpu
        self.status.refresh()  # inside the pacing: its repaints cost time too
        # One view per tick, round-robin among those with something new: a tick that redrew
        # and painted every view at once stalled the event loop for 60-80 ms.
        count = len(self.panels)
        for offset in range(count):
            index = (self._next_panel + offset) % count
            panel, dock = self.panels[index], self.panel_docks[index]
            if dock.isVisible() and _has_news(panel):
                self._call_panel(panel, "redraw")
                _settle_ranges(panel)
                self._next_panel = index + 1
                self.frames_drawn += 1
                return

    # -- run control (menus, shortcuts, settings) ---------------------------------------------
    @Slot()
    def start_run(self) -> None:
        self.worker.start()

    @Slot()
    def toggle_pause(self) -> None:
        if self.state == "running":
            self.worker.pause()
        else:
            self.worker.start()

    @Slot()
    def single_step(self) -> None:
        self.worker.single_step()

    @Slot()
    def stop_run(self) -> None:
        self.worker.stop()

    @Slot()
    def reset_run(self) -> None:
        config = self.settings_dock.desired or default_config()
        self._restart(config, start=self.state == "running")

    def switch_run(self, task: str | None = None, algorithm: str | None = None) -> None:
        """A new run of another task family or algorithm, with the user's seed."""
        current = self.settings_dock.desired or default_config()
        task = task or current.task
        algorithm = algorithm or current.algorithm
        if algorithm_unavailable_reason(algorithm, task):
            algorithm = "maml"
        config = default_config(task, algorithm).replace(seed=current.seed)
        self._restart(config, start=self.autostart or self.state == "running")

    def _restart(self, config: RunConfig, start: bool) -> None:
        self.worker.stop()  # the step in progress finishes; then the old run is dropped
        self.worker.reset(config)
        if start:
            self.worker.start()

    def set_pace(self, pace: float | None) -> None:
        """Run > Training speed: at most ``pace`` meta-iterations per second (None: full)."""
        self.worker.set_pace(pace)
        self.actions_.speeds[pace].setChecked(True)

    @Slot(object)
    def on_config_edited(self, config: RunConfig) -> None:
        self.worker.set_config(config)

    # -- files --------------------------------------------------------------------------------
    @Slot()
    def ask_open_run(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open run", "", RUN_FILTER)
        if path:
            self.open_run(path)

    @Slot()
    def ask_save_run(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save run", "run.npz", RUN_FILTER)
        if path:
            self.save_run(path)

    def open_run(self, path: str) -> None:
        """Load ``path`` in the training process (it builds a Trainer), between two steps. A bad
        file is reported and changes nothing: the current run keeps running or stays paused."""
        from maml_gui.core.checkpoint import load_run

        self.worker.adopt(partial(load_run, path), OPEN_TAG + path)

    def save_run(self, path: str) -> None:
        """Save between two steps; a failure is reported and does not pause the run."""
        self.worker.call(partial(_save_or_error, path=path), SAVE_TAG + path)

    def recent_runs(self) -> list[str]:
        value = self.settings.value("recent_runs", [])
        if isinstance(value, str):  # QSettings returns a bare string for a 1-item list
            value = [value]
        return [str(v) for v in value or []]

    def add_recent(self, path: str) -> None:
        path = str(Path(path))
        runs = [path] + [p for p in self.recent_runs() if p != path]
        self.settings.setValue("recent_runs", runs[:MAX_RECENT])
        menus.show_recent(self)

    # -- view ---------------------------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        theme = SLIDE if name == "slide" else SCREEN
        for panel in self.panels:
            apply = getattr(panel, "apply_theme", None)  # optional hook of a panel
            if callable(apply):
                apply(theme)

    def show_message(self, title: str, text: str) -> None:
        """Non-modal: training and the rest of the window keep working behind it."""
        self.last_message = text
        self.statusBar().showMessage(f"{title}: {text}", 15000)
        if self._message_box is None:
            self._message_box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
            self._message_box.setModal(False)
        self._message_box.setWindowTitle(title)
        self._message_box.setText(text)
        self._message_box.show()

    # -- shutdown -----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._gc_frozen:
            self._gc_frozen = True
            QTimer.singleShot(0, _freeze_gc)

    @Slot()
    def shutdown(self) -> bool:
        self._closing = True
        self.redraw_timer.stop()
        for job in self.findChildren(AnimationJob):
            job.cancel()  # nothing half-written is left behind
        return self.worker.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
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


def _has_news(panel: Panel) -> bool:
    """Whether a redraw would change anything (panels without a flag always redraw)."""
    contours = getattr(panel, "contours", None)
    return bool(getattr(panel, "dirty", True) or getattr(contours, "pending", False))


def _settle_ranges(panel: Panel) -> None:
    """Let pyqtgraph apply auto-range now rather than inside the paint: otherwise the range
    change found while painting schedules a second full paint of the view (measured: 2.5
    paints per setData instead of 1.2)."""
    try:
        target = panel.export_target()
    except Exception:
        return
    scene = target.scene() if hasattr(target, "scene") else None
    prepare = getattr(scene, "prepareForPaint", None)
    if callable(prepare):
        prepare()


def _freeze_gc() -> None:
    """Move everything alive once the window is built (Qt, pyqtgraph, torch: >200,000 objects)
    out of the cyclic collector's reach: a full collection walks them all and stalled the
    event loop for 100-200 ms, several times a minute."""
    gc.collect()
    gc.freeze()


def _save_or_error(trainer, path: str):
    """Runs in the training process. Returned, not raised: a failed save must not pause the run."""
    from maml_gui.core.checkpoint import save_run

    try:
        return save_run(trainer, path)
    except Exception as exc:
        return exc


def _open_error(path: str, exc: Exception) -> str:
    from maml_gui.core.checkpoint import CheckpointError

    reason = str(exc) if isinstance(exc, CheckpointError) else f"{type(exc).__name__}: {exc}"
    return f"{Path(path).name} was not opened.\n\n{reason}\n\nThe current run is unchanged."


def _requests_of(panel: Panel) -> list:
    try:
        return list(panel.requests())
    except Exception:  # reported when its other hooks fail; no payloads for it meanwhile
        return []

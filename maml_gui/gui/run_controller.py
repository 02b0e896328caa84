"""The run: start, pause, step, stop, reset, switch, open, save; and what state it is in.

The controller owns the handle on the training process and keeps what the GUI knows of the
run (its state, RunInfo, last step, pace). Menus, the settings dock and the status bar observe
its signals; none of them reaches into the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from maml_gui.core.config import RunConfig, algorithm_unavailable_reason, default_config
from maml_gui.core.process.protocol import CallError, RunState
from maml_gui.core.records import RunInfo, Snapshot
from maml_gui.gui.training_client import CallHandle, TrainingClient

log = logging.getLogger(__name__)

#: Run > Training speed: meta-iterations per second at most (a toy run at full speed is over
#: in seconds; a lecture wants to watch phi and the arrows move)
SPEEDS = (None, 200.0, 50.0, 10.0, 2.0)


class RunController(QObject):
    state_changed = Signal(object)  # RunState
    run_reset = Signal(object)  # RunInfo
    config_applied = Signal(object)  # RunConfig
    pace_changed = Signal(object)  # float | None
    #: (title, text) for the user: a failure, a divergence, a file that was refused
    message = Signal(str, str)
    #: a run file was written or opened (its path): recent runs, the status bar
    saved = Signal(str)
    opened = Signal(str)
    #: an open or save was answered and acted on (after saved / opened / message)
    file_call_finished = Signal()

    def __init__(
        self,
        config: RunConfig,
        desired: Callable[[], RunConfig | None],
        autostart: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = TrainingClient(config, parent=self)
        self._desired = desired  # the settings the user wants for the next run
        self.autostart = autostart
        self.state: RunState | None = None
        self.run_info: RunInfo | None = None
        self.last_step = 0
        self.pace: float | None = None
        client = self.client
        client.snapshot_ready.connect(self._on_snapshot)
        client.state_changed.connect(self._on_state)
        client.run_reset.connect(self._on_run_reset)
        client.config_applied.connect(self._on_config_applied)
        client.diverged.connect(lambda text: self.message.emit("The run diverged", text))
        client.failed.connect(lambda text: self.message.emit("Error", text))

    def launch(self) -> None:
        """Start the training process now: it imports torch while the window is built."""
        self.client.launch()

    # -- run control --------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        self.client.start()

    @Slot()
    def toggle_pause(self) -> None:
        if self.state == RunState.RUNNING:
            self.client.pause()
        else:
            self.client.start()

    @Slot()
    def single_step(self) -> None:
        self.client.single_step()

    @Slot()
    def stop(self) -> None:
        self.client.stop()

    @Slot()
    def reset(self) -> None:
        """A new run on the settings the user wants."""
        self._restart(self._desired() or default_config(), start=self.state == RunState.RUNNING)

    def switch(self, task: str | None = None, algorithm: str | None = None) -> None:
        """A new run of another task family or algorithm, with the user's seed."""
        current = self._desired() or default_config()
        task = task or current.task
        algorithm = algorithm or current.algorithm
        if algorithm_unavailable_reason(algorithm, task):
            algorithm = "maml"
        config = default_config(task, algorithm).replace(seed=current.seed)
        self._restart(config, start=self.autostart or self.state == RunState.RUNNING)

    def _restart(self, config: RunConfig, start: bool) -> None:
        self.client.stop()  # the step in progress finishes; then the old run is dropped
        self.client.reset(config)
        if start:
            self.client.start()

    def set_pace(self, pace: float | None) -> None:
        """At most ``pace`` meta-iterations per second (None: full speed)."""
        self.pace = pace
        self.client.set_pace(pace)
        self.pace_changed.emit(pace)

    @Slot(object)
    def set_config(self, config: RunConfig) -> None:
        self.client.set_config(config)

    # -- files --------------------------------------------------------------------------------
    def open_run(self, path: str) -> CallHandle:
        """Load ``path`` in the training process between two steps. A bad file is reported
        and changes nothing: the current run keeps running or stays paused."""
        handle = self.client.open_run(path)
        handle.returned.connect(lambda _value: self.opened.emit(path))
        handle.errored.connect(
            lambda error: self.message.emit("Cannot open the run", _open_error(path, error))
        )
        handle.finished.connect(self.file_call_finished)
        return handle

    def save_run(self, path: str) -> CallHandle:
        """Save between two steps; a failure is reported and does not pause the run."""
        handle = self.client.save_run(path)
        handle.returned.connect(lambda written: self.saved.emit(str(written)))
        handle.errored.connect(
            lambda error: self.message.emit("Cannot save the run", error.message)
        )
        handle.finished.connect(self.file_call_finished)
        return handle

    def has_history(self) -> bool:
        """Whether the run has trained: an animation needs recorded points."""
        return self.run_info is not None and self.last_step > 0

    # -- what the training process reports ----------------------------------------------------
    @Slot(object)
    def _on_snapshot(self, snapshot: Snapshot) -> None:
        self.last_step = snapshot.step

    @Slot(object)
    def _on_state(self, state: RunState) -> None:
        self.state = RunState(state)
        log.info("run state: %s", self.state.value)
        self.state_changed.emit(self.state)

    @Slot(object)
    def _on_run_reset(self, info: RunInfo) -> None:
        self.run_info = info
        self.last_step = info.snapshot.step if info.snapshot is not None else 0
        self.run_reset.emit(info)

    @Slot(object)
    def _on_config_applied(self, config: RunConfig) -> None:
        if self.run_info is not None:
            self.run_info = replace(self.run_info, config=config)
        self.config_applied.emit(config)

    def shutdown(self) -> bool:
        return self.client.shutdown()


def _open_error(path: str, error: CallError) -> str:
    reason = error.message if error.kind == "CheckpointError" else str(error)
    return f"{Path(path).name} was not opened.\n\n{reason}\n\nThe current run is unchanged."

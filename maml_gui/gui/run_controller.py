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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal, Slot

from maml_gui.core.config import (
    Algorithm,
    RunConfig,
    Task,
    algorithm_unavailable_reason,
    default_config,
)
from maml_gui.core.process.protocol import CallError, RunState
from maml_gui.core.records import RunInfo, Snapshot
from maml_gui.gui.engine_messages import shown
from maml_gui.gui.i18n import translate
from maml_gui.gui.labels import algorithm_label, task_label
from maml_gui.gui.training_client import CallHandle, TrainingClient

log = logging.getLogger(__name__)

#: Run > Training speed: meta-iterations per second at most (a toy run at full speed is over
#: in seconds; a lecture wants to watch phi and the arrows move)
SPEEDS = (None, 200.0, 50.0, 10.0, 2.0)
#: settings a switch to another task family keeps when the user changed them; the others
#: (learning rates, batch and shot sizes) have a scale of their family's own
#: the file dialogs' filter for saved runs (File > Open and Save, the unsaved-run question)
RUN_FILTER = QT_TRANSLATE_NOOP("RunController", "maml-gui runs (*.npz);;All files (*)")
PORTABLE_FIELDS = ("seed", "iterations", "train_inner_steps", "test_inner_steps", "reptile_epsilon")

#: asks whether the current run may be dropped for ``what`` ("switch to Toy 2-D"), then does
#: ``action`` or not; the window's asks the user, the default does it at once
Guard = Callable[[str, Callable[[], None]], None]


def _no_guard(_what: str, action: Callable[[], None]) -> None:
    action()


class RunController(QObject):
    state_changed = Signal(object)  # RunState
    run_reset = Signal(object)  # RunInfo
    config_applied = Signal(object)  # RunConfig
    pace_changed = Signal(object)  # float | None
    #: (title, text) for the user: a failure, a divergence, a file that was refused
    message = Signal(str, str)
    #: a run started on an Omniglot data set ("" the bundled subset): remember it
    omniglot_data_accepted = Signal(str)
    #: a run file was written or opened (its path): recent runs, the status bar
    saved = Signal(str)
    opened = Signal(str)
    #: an open or save was answered and acted on (after saved / opened / message)
    file_call_finished = Signal()
    #: the run's file or its unsaved mark changed (the window's title shows both)
    document_changed = Signal()

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
        self.guard: Guard = _no_guard
        #: the full Omniglot data set the user pointed at (Task > Omniglot data…), a folder
        #: or zip; "" is the bundled subset. Every new Omniglot run learns from it.
        self.omniglot_data = ""
        self._chosen_data: str | None = None  # chosen, not yet accepted
        #: the file the run was opened from or last saved to, and the step it holds
        self.run_path: str | None = None
        self._saved_step = 0
        self._unsaved = False
        client = self.client
        client.snapshot_ready.connect(self._on_snapshot)
        client.state_changed.connect(self._on_state)
        client.run_reset.connect(self._on_run_reset)
        client.config_applied.connect(self._on_config_applied)
        client.diverged.connect(
            lambda text: self.message.emit(translate("RunController", "The run diverged"), text)
        )
        client.failed.connect(
            lambda text: self.message.emit(translate("RunController", "Error"), text)
        )

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

    @property
    def unsaved(self) -> bool:
        """The run has trained since it was opened, saved or made."""
        return self._unsaved

    @Slot()
    def reset(self) -> None:
        """A new run on the settings the user wants (after asking, if the run is unsaved)."""
        config = self._desired() or default_config()
        start = self.state == RunState.RUNNING
        self.guard(
            translate("RunController", "start a new run"), lambda: self._restart(config, start)
        )

    def switch(self, task: str | None = None, algorithm: str | None = None) -> None:
        """A new run of another task family or algorithm, keeping the user's settings that
        apply to it (after asking, if the run is unsaved)."""
        config = switched_config(self._desired() or default_config(), task, algorithm)
        if config.task == Task.OMNIGLOT and task is not None:  # a switch to it: its data
            config = config.replace(data=self.omniglot_data)
        start = self.autostart or self.state == RunState.RUNNING
        what = translate("RunController", "switch to {task} with {algorithm}").format(
            task=task_label(config.task), algorithm=algorithm_label(config.algorithm)
        )
        self.guard(what, lambda: self._restart(config, start))

    def use_omniglot_data(self, path: str) -> None:
        """A new Omniglot run on the data set at ``path`` ("" the bundled subset). The
        training process checks the folder or zip; one without Omniglot's layout is refused
        with what is missing, and the current run stays. Once accepted, later Omniglot runs
        learn from it too (``omniglot_data_accepted``)."""
        current = self._desired() or default_config()
        config = switched_config(current, Task.OMNIGLOT, None).replace(data=path)
        start = self.autostart or self.state == RunState.RUNNING
        where = Path(path).name if path else translate("RunController", "the bundled subset")

        def restart() -> None:
            self._chosen_data = path
            self._restart(config, start)

        what = translate("RunController", "start an Omniglot run on {data}").format(data=where)
        self.guard(what, restart)

    def use_hw15(self) -> None:
        """A new Omniglot run at exactly HW15's settings (config.HW15), with the current
        algorithm unless it is Reptile (HW15 compares MAML, FOMAML, ANIL and transfer)."""
        current = self._desired() or default_config()
        algorithm = Algorithm.MAML if current.algorithm == Algorithm.REPTILE else current.algorithm
        config = default_config(Task.OMNIGLOT, algorithm).replace(data=self.omniglot_data)
        start = self.autostart or self.state == RunState.RUNNING
        what = translate("RunController", "start a run at HW15's settings")
        self.guard(what, lambda: self._restart(config, start))

    def use_config(
        self, config: RunConfig, what: str, before: Callable[[], object] = lambda: None
    ) -> None:
        """A new run of ``config``, started (a published picture's preset); ``what`` is
        what the discard question says is about to happen; ``before`` runs only if the run
        is replaced."""
        self.guard(what, lambda: (before(), self._restart(config, True)))

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
    def open_run(self, path: str) -> None:
        """Load ``path`` in the training process between two steps (after asking, if the run
        is unsaved). A bad file is reported and changes nothing: the current run keeps
        running or stays paused."""
        what = translate("RunController", "open {file}").format(file=Path(path).name)
        self.guard(what, lambda: self._open(path))

    def _open(self, path: str) -> CallHandle:
        handle = self.client.open_run(path)
        handle.returned.connect(lambda _value: self._on_file(path, self.last_step))
        handle.returned.connect(lambda _value: self.opened.emit(path))
        handle.errored.connect(
            lambda error: self.message.emit(
                translate("RunController", "Cannot open the run"), _open_error(path, error)
            )
        )
        handle.finished.connect(self.file_call_finished)
        return handle

    def save_run(self, path: str) -> CallHandle:
        """Save between two steps; a failure is reported and does not pause the run."""
        handle = self.client.save_run(path)
        step = self.last_step  # what the GUI has seen; a running run moves on meanwhile
        handle.returned.connect(lambda written: self._on_file(str(written), step))
        handle.returned.connect(lambda written: self.saved.emit(str(written)))
        handle.errored.connect(
            lambda error: self.message.emit(
                translate("RunController", "Cannot save the run"), shown(error)
            )
        )
        handle.finished.connect(self.file_call_finished)
        return handle

    def has_history(self) -> bool:
        """Whether the run has trained: an animation needs recorded points."""
        return self.run_info is not None and self.last_step > 0

    # -- what the training process reports ----------------------------------------------------
    def _on_file(self, path: str, step: int) -> None:
        self.run_path, self._saved_step = path, step
        self._set_unsaved(self.last_step > step)
        self.document_changed.emit()

    def _set_unsaved(self, unsaved: bool) -> None:
        if unsaved != self._unsaved:
            self._unsaved = unsaved
            self.document_changed.emit()

    @Slot(object)
    def _on_snapshot(self, snapshot: Snapshot) -> None:
        self.last_step = snapshot.step
        self._set_unsaved(snapshot.step > self._saved_step)

    @Slot(object)
    def _on_state(self, state: RunState) -> None:
        self.state = RunState(state)
        log.info("run state: %s", self.state.value)
        self.state_changed.emit(self.state)

    @Slot(object)
    def _on_run_reset(self, info: RunInfo) -> None:
        self.run_info = info
        self.last_step = info.snapshot.step if info.snapshot is not None else 0
        # a new run, or an opened one (whose file is known once the open call answers)
        self.run_path, self._saved_step, self._unsaved = None, self.last_step, False
        chosen, self._chosen_data = self._chosen_data, None
        if chosen is not None and info.config.task == Task.OMNIGLOT and info.config.data == chosen:
            # the data set the user chose, accepted by the training process (a refused one
            # never gets here; an opened run's data is that run's, not a choice)
            self.omniglot_data = chosen
            self.omniglot_data_accepted.emit(chosen)
        self.document_changed.emit()
        self.run_reset.emit(info)

    @Slot(object)
    def _on_config_applied(self, config: RunConfig) -> None:
        if self.run_info is not None:
            self.run_info = replace(self.run_info, config=config)
        self.config_applied.emit(config)

    def shutdown(self) -> bool:
        return self.client.shutdown()


def switched_config(current: RunConfig, task: str | None, algorithm: str | None) -> RunConfig:
    """The config of a switch from ``current`` to ``task`` / ``algorithm``.

    Within a family, every setting the user changed from the old algorithm's defaults stays;
    the others take the new algorithm's (Reptile's own inner steps). To another family, the
    settings the user changed
    from the old family's defaults stay where they apply (PORTABLE_FIELDS): a budget of 3000
    stays 3000; the learning rates and sizes start at the new family's defaults.
    """
    task = task or current.task
    algorithm = algorithm or current.algorithm
    if algorithm_unavailable_reason(algorithm, task):
        algorithm = "maml"
    new = default_config(task, algorithm)
    old_defaults = default_config(current.task, current.algorithm)
    if task == current.task:
        # The algorithms' own defaults differ (Reptile needs several inner steps): a setting
        # the user changed stays, one left at the old algorithm's default takes the new one's.
        fields = current.to_dict()
        fields.pop("algorithm")
        kept = {f: v for f, v in fields.items() if v != getattr(old_defaults, f)}
    else:
        kept = {
            f: getattr(current, f)
            for f in PORTABLE_FIELDS
            if getattr(current, f) != getattr(old_defaults, f)
        }
    return new.replace(**kept) if kept else new


def _open_error(path: str, error: CallError) -> str:
    # the engine's explanation (translated), else the error's kind and message
    reason = shown(error) if error.template or error.kind == "CheckpointError" else str(error)
    text = translate(
        "RunController", "{file} was not opened.\n\n{reason}\n\nThe current run is unchanged."
    )
    return text.format(file=Path(path).name, reason=reason)

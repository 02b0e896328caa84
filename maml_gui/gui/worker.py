"""The training thread: owns the Trainer, takes commands from a queue, emits what happened.

The GUI thread never touches the Trainer (and so never runs autograd). Its calls on
:class:`TrainingWorker` only put commands on a thread-safe queue; the worker's loop in its own
QThread takes them between meta-steps, so pause, stop and reset act within one step.

Connect the signals only to slots of QObjects living in the GUI thread: a lambda or plain
function connected to them runs in the *worker* thread (shared/docs/environment.md).
"""

from __future__ import annotations

import gc
import queue
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import torch
from PySide6.QtCore import QObject, QThread, Signal, Slot

from maml_gui.core.algorithms import DivergedError
from maml_gui.core.config import RunConfig
from maml_gui.core.snapshot import Snapshot
from maml_gui.core.training import Trainer
from maml_gui.core.workload import applies
from maml_gui.core.workload import compute_payload as compute_kind
from maml_gui.gui.headless_export import run_info
from maml_gui.gui.panels.base import PayloadRequest

#: at most one snapshot per this many seconds: the GUI redraws at ~30 Hz anyway
SNAPSHOT_INTERVAL = 0.033
#: shortest wall time between two recomputations of a payload kind while training runs;
#: landscapes are the expensive ones
BASE_INTERVAL = {
    "loss_history": 0.5,
    "gap": 1.0,
    "function_fit": 1.0,
    "trajectory": 1.0,
    "toy_landscape": 2.0,
    "plane_landscape": 2.0,
}
#: while training runs, all payloads together may take at most this share of wall time, so
#: training keeps >= 0.7x its headless speed even when one payload is slow (a PCA of the path)
PAYLOAD_SHARE = 0.15

READY, RUNNING, PAUSED, STOPPED, FINISHED = "ready", "running", "paused", "stopped", "finished"


def warm_up_torch() -> None:
    """Create and step one Adam optimizer in the calling (GUI) thread, before the worker starts.

    The first Adam in a process imports torch._dynamo (~1 s); done in the worker it holds the
    GIL and the import lock long enough to freeze the GUI for ~150 ms.
    """
    param = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([param], lr=1e-3)
    param.grad = torch.zeros(1)
    optimizer.step()
    # Move everything alive now (torch, Qt, pyqtgraph: >200,000 objects) out of the cyclic
    # collector's reach. A full collection walks them all while holding the GIL, and when the
    # worker triggers one the GUI thread stalls for 100-200 ms.
    gc.collect()
    gc.freeze()


@dataclass(frozen=True)
class CallResult:
    """What a callable run in the worker (save, ...) returned, with the caller's tag."""

    tag: str
    value: Any


class TrainingWorker(QObject):
    """Lives in a QThread (see :class:`TrainingThread`); start its loop with ``run_loop``."""

    snapshot_ready = Signal(object)  # Snapshot
    payload_ready = Signal(object)  # ToyLandscape, PlaneLandscape, GapResult, FunctionFit, ...
    state_changed = Signal(str)  # ready, running, paused, stopped, finished
    diverged = Signal(str)
    failed = Signal(str)
    run_reset = Signal(object)  # RunInfo of the new (or loaded) run
    config_applied = Signal(object)  # the run's RunConfig after live settings were applied
    call_finished = Signal(object)  # CallResult

    def __init__(self, config: RunConfig) -> None:
        super().__init__()
        self._commands: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._initial_config = config
        self._trainer: Trainer | None = None
        self._run_id = 0
        self._state = ""
        self._requests: tuple[PayloadRequest, ...] = ()
        self._fresh: dict[PayloadRequest, Any] = {}
        self._due: dict[PayloadRequest, float] = {}
        self._broken: set[PayloadRequest] = set()  # failed once this run; retried after reset
        self._latest: Snapshot | None = None
        self._last_emit = 0.0
        self.snapshot_interval = SNAPSHOT_INTERVAL

    # -- called from the GUI thread: they only enqueue ----------------------------------------
    def start(self) -> None:
        self._put("start")

    def pause(self) -> None:
        self._put("pause")

    def single_step(self) -> None:
        self._put("step")

    def stop(self) -> None:
        self._put("stop")

    def reset(self, config: RunConfig) -> None:
        self._put("reset", config)

    def set_config(self, config: RunConfig) -> None:
        self._put("set_config", config)

    def request_payloads(self, requests: Sequence[PayloadRequest]) -> None:
        """The standing set of payloads the views need (replaces the previous set)."""
        self._put("requests", tuple(dict.fromkeys(requests)))

    def call(self, function: Callable[[Trainer], Any], tag: str) -> None:
        """Run ``function(trainer)`` between two steps; the result arrives as call_finished."""
        self._put("call", (function, tag))

    def adopt(self, factory: Callable[[], Trainer], tag: str) -> None:
        """Replace the run by ``factory()`` (e.g. a loaded checkpoint); on error keep the old.

        Reported as call_finished(CallResult(tag, None)) after run_reset, or
        call_finished(CallResult(tag, exception)) when ``factory`` failed: then the old run
        goes on exactly as it was (a running run keeps running, a paused one stays paused).
        The new run's RunInfo carries its current snapshot (``extra['snapshot']``) when it has
        trained already, so the views show the opened run before its next step."""
        self._put("adopt", (factory, tag))

    def shutdown(self) -> None:
        self._put("quit")

    def _put(self, name: str, arg: Any = None) -> None:
        self._commands.put((name, arg))

    # -- the loop, in the worker thread -------------------------------------------------------
    @Slot()
    def run_loop(self) -> None:
        # one intra-op thread: faster on these small nets, and leaves a core to the GUI
        torch.set_num_threads(1)
        self._replace_trainer(lambda: Trainer(self._initial_config))
        try:
            while self._handle_commands():
                try:
                    if self._state == RUNNING:
                        self._train_step()
                    self._refresh_payloads()
                    self._flush_snapshot(force=self._state != RUNNING)
                except Exception as exc:  # reach the user, keep the loop alive
                    self._fail(exc)
        finally:
            self._trainer = None
            # exec() of this thread returns at once when quit() came before it started
            QThread.currentThread().quit()

    def _handle_commands(self) -> bool:
        """Run the queued commands; block while idle. False when asked to quit."""
        block = self._state != RUNNING
        while True:
            try:
                name, arg = self._commands.get(block=block)
            except queue.Empty:
                return True
            block = False
            if name == "quit":
                return False
            try:
                self._dispatch(name, arg)
            except Exception as exc:
                self._fail(exc)

    def _dispatch(self, name: str, arg: Any) -> None:
        trainer = self._trainer
        if name == "start":
            if trainer is not None and trainer.step < trainer.config.iterations:
                self._set_state(RUNNING)
        elif name == "pause":
            if self._state == RUNNING:
                self._set_state(PAUSED)
        elif name == "stop":
            if self._state in (RUNNING, PAUSED, READY):
                self._set_state(STOPPED)
        elif name == "step":
            if self._state == RUNNING:
                self._set_state(PAUSED)
            self._train_step()
            self._flush_snapshot(force=True)  # before the payloads: the step shows at once
            if self._state != FINISHED:
                self._set_state(PAUSED)
        elif name == "reset":
            self._replace_trainer(lambda: Trainer(arg))
        elif name == "adopt":
            factory, tag = arg
            try:
                self._replace_trainer(factory, with_snapshot=True)
            except Exception as exc:  # not _fail: a bad file must not pause the current run
                self.call_finished.emit(CallResult(tag, exc))
                return
            self.call_finished.emit(CallResult(tag, None))
        elif name == "set_config":
            if trainer is not None:
                trainer.set_config(arg)
                self.config_applied.emit(trainer.config)
                if self._state == FINISHED and trainer.step < trainer.config.iterations:
                    self._set_state(PAUSED)  # a larger budget: Start may continue
        elif name == "requests":
            self._requests = arg
            self._fresh = {r: k for r, k in self._fresh.items() if r in arg}
        elif name == "call":
            function, tag = arg
            self.call_finished.emit(CallResult(tag, function(trainer)))
        else:
            raise ValueError(f"unknown worker command {name!r}")

    def _replace_trainer(self, factory: Callable[[], Trainer], with_snapshot: bool = False) -> None:
        trainer = factory()  # raises before anything changes: the old run stays intact
        info = run_info(trainer)
        if with_snapshot and trainer.step > 0:
            info = replace(info, extra={**info.extra, "snapshot": trainer.current_snapshot()})
        self._flush_snapshot(force=True)
        self._trainer = trainer
        self._run_id += 1
        self._latest = None
        self._fresh.clear()
        self._due.clear()
        self._broken.clear()
        self.run_reset.emit(info)
        finished = trainer.step >= trainer.config.iterations
        self._set_state(FINISHED if finished else READY)

    def _train_step(self) -> None:
        trainer = self._trainer
        if trainer is None:
            return
        if trainer.step >= trainer.config.iterations:
            self._set_state(FINISHED)
            return
        try:
            self._latest = trainer.next_step()
        except DivergedError as exc:
            self._set_state(PAUSED)
            self.diverged.emit(str(exc))
            return
        if trainer.step >= trainer.config.iterations:
            self._set_state(FINISHED)

    def _flush_snapshot(self, force: bool) -> None:
        now = time.perf_counter()
        if self._latest is None or (not force and now - self._last_emit < self.snapshot_interval):
            return
        self.snapshot_ready.emit(self._latest)
        self._latest = None
        self._last_emit = now

    def _set_state(self, state: str) -> None:
        if state != RUNNING:
            # the last step's snapshot arrives before the news that training halted
            self._flush_snapshot(force=True)
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _fail(self, exc: BaseException) -> None:
        if self._state == RUNNING:
            self._set_state(PAUSED)
        self.failed.emit(f"{type(exc).__name__}: {exc}")

    # -- payloads -----------------------------------------------------------------------------
    def _refresh_payloads(self) -> None:
        trainer = self._trainer
        if trainer is None:
            return
        running = self._state == RUNNING
        for request in self._requests:
            if request in self._broken or not applies(request.kind, trainer):
                continue
            key = self._freshness_key(request, trainer)
            if self._fresh.get(request) == key:
                continue
            now = time.perf_counter()
            if running and now < self._due.get(request, 0.0):
                continue
            self._fresh[request] = key
            try:
                payload = compute_payload(trainer, request)
            except Exception as exc:
                # a broken view must not stop training: report once, then skip that request
                self._broken.add(request)
                self.failed.emit(f"computing {request.kind} failed: {type(exc).__name__}: {exc}")
                continue
            finally:
                cost = time.perf_counter() - now
                share = PAYLOAD_SHARE / max(len(self._requests), 1)
                self._due[request] = now + max(BASE_INTERVAL.get(request.kind, 1.0), cost / share)
            self.payload_ready.emit(payload)
            if running and not self._commands.empty():
                return  # answer pause/stop first; the rest follow on the next pass

    def _freshness_key(self, request: PayloadRequest, trainer: Trainer) -> tuple:
        if request.kind == "toy_landscape":  # exact curves: depend on the rate, not on phi
            return (self._run_id, trainer.config.inner_lr)
        return (self._run_id, trainer.step, trainer.config)


def compute_payload(trainer: Trainer, request: PayloadRequest) -> Any:
    return compute_kind(trainer, request.kind, dict(request.params))


class TrainingThread:
    """A TrainingWorker in its own QThread, with a clean shutdown. Create in the GUI thread."""

    def __init__(self, config: RunConfig) -> None:
        self.thread = QThread()
        self.thread.setObjectName("maml-gui training")
        self.worker = TrainingWorker(config)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run_loop)

    def start(self) -> None:
        warm_up_torch()
        self.thread.start()

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Stop training, end the loop, wait for the thread. True when it has ended."""
        if not self.thread.isRunning():
            return True
        self.worker.stop()
        self.worker.shutdown()
        self.thread.quit()
        if self.thread.wait(timeout_ms):
            return True
        # A long computation (a big evaluation, an animation's frames) cannot be interrupted
        # mid-way; destroying a running QThread would abort the process, so wait it out.
        print(
            "maml-gui: waiting for the training thread to finish its current computation",
            file=sys.stderr,
        )
        return self.thread.wait()

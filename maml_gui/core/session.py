"""The training session: owns the Trainer, takes commands, reports what happened.

The app runs it in a process of its own (``core.session_process``, started by ``gui.worker``):
painting in the GUI process holds that process's GIL, and a training *thread* next to it lost up
to 40% of its speed to the painting. In its own process, training keeps a core, the GUI another.

The loop takes commands between meta-steps, so pause, stop and reset act within one step. It
knows nothing of Qt or of processes: it reads commands from anything with a queue-like
``get(block, timeout)`` and reports through ``emit(event, value)``; the tests drive it so.

Events (the value in brackets): ``snapshot`` (Snapshot), ``payload`` (a view's payload),
``state`` (one of the states below), ``diverged`` (message), ``failed`` (message),
``run_reset`` (RunInfo), ``config_applied`` (RunConfig), ``call_finished`` (CallResult).
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from maml_gui.core.algorithms import DivergedError
from maml_gui.core.config import RunConfig
from maml_gui.core.snapshot import Snapshot
from maml_gui.core.training import Trainer
from maml_gui.core.workload import PayloadRequest, applies, compute_payload, run_info

#: at most one snapshot per this many seconds: the GUI redraws at ~30 Hz anyway
SNAPSHOT_INTERVAL = 0.033
#: shortest wall time between two recomputations of a payload kind while training runs;
#: landscapes are the expensive ones. A payload's cost stretches its interval further (see
#: PAYLOAD_SHARE): the gap costs ~7 ms on the toys (4 per second: a toy run lasts seconds,
#: and its gap-over-time curve needs the points) and ~40 ms on sinusoid (one per ~1.5 s).
BASE_INTERVAL = {
    "loss_history": 0.5,
    "gap": 0.25,
    "function_fit": 1.0,
    "trajectory": 1.0,
    "toy_landscape": 2.0,
    "plane_landscape": 2.0,
}
#: while training runs, all payloads together may take at most this share of wall time, so
#: training keeps >= 0.7x its headless speed even when one payload is slow (a PCA of the path)
PAYLOAD_SHARE = 0.15

READY, RUNNING, PAUSED, STOPPED, FINISHED = "ready", "running", "paused", "stopped", "finished"
#: the commands :class:`TrainingSession` understands, with what they carry
COMMANDS = {
    "start": "nothing",
    "pause": "nothing",
    "step": "nothing",
    "stop": "nothing",
    "reset": "a RunConfig",
    "set_config": "a RunConfig (live settings)",
    "requests": "a tuple of PayloadRequest: the standing set the views need",
    "pace": "meta-iterations per second at most, or None for full speed",
    "call": "(function(trainer) -> value, tag)",
    "adopt": "(factory() -> Trainer, tag)",
    "quit": "nothing",
    # sent by the process's own command reader, never by the app:
    "undecodable": "(command, tag, reason) for a command whose argument could not be unpickled",
}


class CommandSource(Protocol):
    def get(self, block: bool = True, timeout: float | None = None) -> tuple[str, Any]: ...


Emit = Callable[[str, Any], None]


@dataclass(frozen=True)
class CallResult:
    """What a callable run in the session (save, frames, ...) returned, with the caller's tag.
    A call reports its own failure by *returning* an exception; one it raises arrives here too,
    and also as a ``failed`` event (the run pauses)."""

    tag: str
    value: Any


class TrainingSession:
    def __init__(
        self,
        config: RunConfig,
        commands: CommandSource,
        emit: Emit,
        snapshot_interval: float = SNAPSHOT_INTERVAL,
        pace: float | None = None,
    ) -> None:
        self._commands = commands
        self._emit = emit
        self._initial_config = config
        self.snapshot_interval = snapshot_interval
        self.trainer: Trainer | None = None
        self.state = ""
        self._run_id = 0
        self._requests: tuple[PayloadRequest, ...] = ()
        self._fresh: dict[PayloadRequest, Any] = {}
        self._due: dict[PayloadRequest, float] = {}
        self._broken: set[PayloadRequest] = set()  # failed once this run; retried after reset
        self._latest: Snapshot | None = None
        self._last_emit = 0.0
        self._pending_command: tuple[str, Any] | None = None
        self.pace = pace  # meta-iterations per second at most; None: as fast as it goes
        self._next_step_at = 0.0

    def run(self) -> None:
        """Until ``quit``: handle commands, train while running, keep the payloads fresh."""
        self._replace_trainer(lambda: Trainer(self._initial_config))
        while self._handle_commands():
            try:
                if self.state == RUNNING and self._wait_for_step() == 0:
                    self._train_step()
                self._refresh_payloads()
                self._flush_snapshot(force=self.state != RUNNING)
            except Exception as exc:  # reach the user, keep the loop alive
                self._fail(exc)
        self._flush_snapshot(force=True)
        self.trainer = None

    # -- commands -----------------------------------------------------------------------------
    def _next_command(self, wait: float | None) -> tuple[str, Any] | None:
        """The next command, waiting ``wait`` seconds at most (None: until one comes)."""
        if self._pending_command is not None:
            command, self._pending_command = self._pending_command, None
            return command
        try:
            if wait == 0:
                return self._commands.get(block=False)
            return self._commands.get(block=True, timeout=wait)
        except queue.Empty:
            return None

    def _command_waiting(self) -> bool:
        if self._pending_command is None:
            self._pending_command = self._next_command(wait=0)
        return self._pending_command is not None

    def _wait_for_step(self) -> float | None:
        """Seconds until the next step is due: None when not training, 0 when due now."""
        if self.state != RUNNING:
            return None
        if not self.pace:
            return 0.0
        return max(0.0, self._next_step_at - time.perf_counter())

    def _handle_commands(self) -> bool:
        """Run the queued commands; wait for one while idle, or until the next paced step is
        due (a short wait answers a command at once). False when asked to quit."""
        wait = self._wait_for_step()
        while True:
            command = self._next_command(wait)
            if command is None:
                return True
            wait = 0.0
            name, arg = command
            if name == "quit":
                return False
            try:
                self._dispatch(name, arg)
            except Exception as exc:
                self._fail(exc)

    def _dispatch(self, name: str, arg: Any) -> None:
        trainer = self.trainer
        if name == "start":
            if trainer is not None and trainer.step < trainer.config.iterations:
                self._set_state(RUNNING)
        elif name == "pause":
            if self.state == RUNNING:
                self._set_state(PAUSED)
        elif name == "stop":
            if self.state in (RUNNING, PAUSED, READY):
                self._set_state(STOPPED)
        elif name == "step":
            if self.state == RUNNING:
                self._set_state(PAUSED)
            self._train_step()
            self._flush_snapshot(force=True)  # before the payloads: the step shows at once
            if self.state != FINISHED:
                self._set_state(PAUSED)
        elif name == "reset":
            self._replace_trainer(lambda: Trainer(arg))
        elif name == "adopt":
            factory, tag = arg
            try:
                self._replace_trainer(factory, with_snapshot=True)
            except Exception as exc:  # not _fail: a bad file must not pause the current run
                self._emit("call_finished", CallResult(tag, exc))
                return
            self._emit("call_finished", CallResult(tag, None))
        elif name == "set_config":
            if trainer is not None:
                trainer.set_config(arg)
                self._emit("config_applied", trainer.config)
                if self.state == FINISHED and trainer.step < trainer.config.iterations:
                    self._set_state(PAUSED)  # a larger budget: Start may continue
        elif name == "pace":
            self.pace = None if arg is None else float(arg)
            self._next_step_at = time.perf_counter()
        elif name == "requests":
            self._requests = tuple(dict.fromkeys(arg))
            self._fresh = {r: k for r, k in self._fresh.items() if r in self._requests}
        elif name == "undecodable":  # a command the process could not unpickle
            command, tag, reason = arg
            if tag is not None:
                self._emit("call_finished", CallResult(tag, RuntimeError(reason)))
            self._emit("failed", f"the {command} command could not be read: {reason}")
        elif name == "call":
            function, tag = arg
            try:
                value = function(trainer)
            except Exception as exc:
                self._emit("call_finished", CallResult(tag, exc))  # the caller stops waiting
                raise
            self._emit("call_finished", CallResult(tag, value))
        else:
            raise ValueError(f"unknown command {name!r}; one of {', '.join(COMMANDS)}")

    # -- the run ------------------------------------------------------------------------------
    def _replace_trainer(self, factory: Callable[[], Trainer], with_snapshot: bool = False) -> None:
        trainer = factory()  # raises before anything changes: the old run stays intact
        info = run_info(trainer)
        if with_snapshot and trainer.step > 0:
            info = replace(info, extra={**info.extra, "snapshot": trainer.current_snapshot()})
        self._flush_snapshot(force=True)
        self.trainer = trainer
        self._run_id += 1
        self._latest = None
        self._fresh.clear()
        self._due.clear()
        self._broken.clear()
        self._emit("run_reset", info)
        finished = trainer.step >= trainer.config.iterations
        self._set_state(FINISHED if finished else READY)

    def _train_step(self) -> None:
        trainer = self.trainer
        if trainer is None:
            return
        if trainer.step >= trainer.config.iterations:
            self._set_state(FINISHED)
            return
        if self.pace:  # steady: a late step may catch up one interval, never a burst
            interval = 1 / self.pace
            self._next_step_at = max(self._next_step_at, time.perf_counter() - interval) + interval
        try:
            self._latest = trainer.next_step()
        except DivergedError as exc:
            self._set_state(PAUSED)
            self._emit("diverged", str(exc))
            return
        if trainer.step >= trainer.config.iterations:
            self._set_state(FINISHED)

    def _flush_snapshot(self, force: bool) -> None:
        now = time.perf_counter()
        if self._latest is None or (not force and now - self._last_emit < self.snapshot_interval):
            return
        self._emit("snapshot", self._latest)
        self._latest = None
        self._last_emit = now

    def _set_state(self, state: str) -> None:
        if state != RUNNING:
            # the last step's snapshot arrives before the news that training halted
            self._flush_snapshot(force=True)
        if state != self.state:
            self.state = state
            self._emit("state", state)

    def _fail(self, exc: BaseException) -> None:
        if self.state == RUNNING:
            self._set_state(PAUSED)
        self._emit("failed", f"{type(exc).__name__}: {exc}")

    # -- payloads -----------------------------------------------------------------------------
    def _refresh_payloads(self) -> None:
        trainer = self.trainer
        if trainer is None:
            return
        running = self.state == RUNNING
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
                payload = compute_payload(trainer, request.kind, dict(request.params))
            except Exception as exc:
                # a broken view must not stop training: report once, then skip that request
                self._broken.add(request)
                message = f"computing {request.kind} failed: {type(exc).__name__}: {exc}"
                self._emit("failed", message)
                continue
            finally:
                cost = time.perf_counter() - now
                share = PAYLOAD_SHARE / max(len(self._requests), 1)
                self._due[request] = now + max(BASE_INTERVAL.get(request.kind, 1.0), cost / share)
            self._emit("payload", payload)
            if running and self._command_waiting():
                return  # answer pause/stop first; the rest follow on the next pass

    def _freshness_key(self, request: PayloadRequest, trainer: Trainer) -> tuple:
        if request.kind == "toy_landscape":  # exact curves: depend on the rate, not on phi
            return (self._run_id, trainer.config.inner_lr)
        return (self._run_id, trainer.step, trainer.config)

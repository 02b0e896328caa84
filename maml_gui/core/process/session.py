"""The training session: owns the Trainer, takes commands, reports what happened.

The app runs it in a process of its own (``core.process.child``, started by
``gui.training_client``): painting in the GUI process holds that process's GIL, and a training
*thread* next to it lost up to 40% of its speed to the painting.

The loop takes commands between meta-steps, so pause, stop and reset act within one step. It
knows nothing of Qt or of processes: it reads ``(Command, call_id, argument)`` from anything
with a queue-like ``get(block, timeout)`` and reports through ``emit(Event, value)``; the tests
drive it so (the narrow-state-object pattern of Orange's concurrent widgets). The commands and
events are listed, with what each carries, in ``core.process.protocol``.
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from maml_gui.core.algorithms import DivergedError
from maml_gui.core.checkpoint import load_run, save_run
from maml_gui.core.config import RunConfig
from maml_gui.core.explained import EngineMessage, ExplainedError
from maml_gui.core.frames import compute_frames, timeline_frame
from maml_gui.core.payloads import applies, compute_payload, run_info
from maml_gui.core.process.protocol import (
    SNAPSHOT_INTERVAL,
    CallError,
    CallResult,
    Command,
    Event,
    RunState,
)
from maml_gui.core.records import (
    PAYLOAD_RULES,
    Freshness,
    PayloadRequest,
    Snapshot,
    TimelineFrame,
)
from maml_gui.core.training import Trainer

log = logging.getLogger(__name__)

#: a loss this many times the run's first one has exploded: the run pauses and says so once
#: (NaN is caught by the trainer; losses of 1e3 to 1e33 used to pass silently)
EXPLOSION_FACTOR = 100.0
#: while training runs, all payloads together may take at most this share of wall time, so
#: training keeps >= 0.85x its headless speed even when one payload is slow (a PCA of the path)
PAYLOAD_SHARE = 0.08
#: ... and for a large model (Conv4), whose steps take a second or two: at 0.08 split over its
#: six views, its gap (a 2 s evaluation) came once in 150 s and the landscape's refined pass
#: once in 11 minutes (measured), too rarely to watch; training runs slower instead
PAYLOAD_SHARE_LARGE = 0.35

Message = tuple[Command, "int | None", Any]


class CommandSource(Protocol):
    def get(self, block: bool = True, timeout: float | None = None) -> Message: ...


Emit = Callable[[Event, Any], None]


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
        self.state: RunState | None = None
        self._run_id = 0
        self._requests: tuple[PayloadRequest, ...] = ()
        self._fresh: dict[PayloadRequest, Any] = {}
        self._due: dict[PayloadRequest, float] = {}
        self._broken: set[PayloadRequest] = set()  # failed once this run; retried after reset
        self._latest: Snapshot | None = None
        self._last_emit = 0.0
        self._pending_command: Message | None = None
        self.pace = pace  # meta-iterations per second at most; None: as fast as it goes
        self._first_loss: float | None = None  # the loss at phi at the run's first step
        self._explosion_reported = False
        self._next_step_at = 0.0
        #: one handler per command; a call's handler returns its answer (raising fails it)
        self._handlers: dict[Command, Callable[[Any], Any]] = {
            Command.START: self._on_start,
            Command.PAUSE: self._on_pause,
            Command.STOP: self._on_stop,
            Command.STEP: self._on_step,
            Command.RESET: self._on_reset,
            Command.SET_CONFIG: self._on_set_config,
            Command.PACE: self._on_pace,
            Command.REQUESTS: self._on_requests,
            Command.OPEN: self._on_open,
            Command.SAVE: self._on_save,
            Command.FRAMES: self._on_frames,
            Command.REPLAY: self._on_replay,
            Command.CALL: self._on_call,
            Command.UNDECODABLE: self._on_undecodable,
        }
        assert set(self._handlers) | {Command.QUIT} == set(Command), "a handler per command"

    def run(self) -> None:
        """Until ``quit``: handle commands, train while running, keep the payloads fresh."""
        self._replace_trainer(Trainer(self._initial_config))
        while self._handle_commands():
            try:
                if self.state == RunState.RUNNING and self._wait_for_step() == 0:
                    self._train_step()
                self._refresh_payloads()
                self._flush_snapshot(force=self.state != RunState.RUNNING)
            except Exception as exc:  # reach the user, keep the loop alive
                self._fail(exc)
        self._flush_snapshot(force=True)
        self.trainer = None

    # -- the command loop ---------------------------------------------------------------------
    def _next_command(self, wait: float | None) -> Message | None:
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
        if self.state != RunState.RUNNING:
            return None
        if not self.pace:
            return 0.0
        return max(0.0, self._next_step_at - time.perf_counter())

    def _handle_commands(self) -> bool:
        """Run the queued commands; wait for one while idle, or until the next paced step is
        due (a short wait answers a command at once). False when asked to quit."""
        wait = self._wait_for_step()
        while True:
            message = self._next_command(wait)
            if message is None:
                return True
            wait = 0.0
            command, call_id, arg = message
            if command == Command.QUIT:
                return False
            self._dispatch(Command(command), call_id, arg)

    def _dispatch(self, command: Command, call_id: int | None, arg: Any) -> None:
        handler = self._handlers[command]
        try:
            value = handler(arg)
        except Exception as exc:
            if call_id is None:
                self._fail(exc)
            else:  # a call's failure is its caller's to report: the run goes on untouched
                log.warning("%s failed", command.value, exc_info=True)
                self._emit(Event.CALL_FINISHED, CallResult(call_id, None, CallError.of(exc)))
            return
        if call_id is not None:
            self._emit(Event.CALL_FINISHED, CallResult(call_id, value))

    # -- handlers -----------------------------------------------------------------------------
    def _on_start(self, _arg: None) -> None:
        trainer = self.trainer
        if trainer is not None and trainer.step < trainer.config.iterations:
            self._set_state(RunState.RUNNING)

    def _on_pause(self, _arg: None) -> None:
        if self.state == RunState.RUNNING:
            self._set_state(RunState.PAUSED)

    def _on_stop(self, _arg: None) -> None:
        if self.state in (RunState.RUNNING, RunState.PAUSED, RunState.READY):
            self._set_state(RunState.STOPPED)

    def _on_step(self, _arg: None) -> None:
        if self.state == RunState.RUNNING:
            self._set_state(RunState.PAUSED)
        self._train_step(observe=True)
        self._flush_snapshot(force=True)  # before the payloads: the step shows at once
        if self.state != RunState.FINISHED:
            self._set_state(RunState.PAUSED)

    def _on_reset(self, config: RunConfig) -> None:
        self._replace_trainer(Trainer(config))

    def _on_set_config(self, config: RunConfig) -> None:
        trainer = self.trainer
        if trainer is None:
            return
        trainer.set_config(config)
        self._emit(Event.CONFIG_APPLIED, trainer.config)
        if self.state == RunState.FINISHED and trainer.step < trainer.config.iterations:
            self._set_state(RunState.PAUSED)  # a larger budget: Start may continue

    def _on_pace(self, pace: float | None) -> None:
        self.pace = None if pace is None else float(pace)
        self._next_step_at = time.perf_counter()

    def _on_requests(self, requests: tuple[PayloadRequest, ...]) -> None:
        self._requests = tuple(dict.fromkeys(requests))
        self._fresh = {r: k for r, k in self._fresh.items() if r in self._requests}
        # a dragged support point asks anew at every move: forget the requests gone
        self._due = {r: t for r, t in self._due.items() if r in self._requests}
        self._broken &= set(self._requests)

    def _on_open(self, path: str) -> None:
        """Replace the run by the saved one; a bad file raises before anything changes."""
        self._replace_trainer(load_run(path), with_snapshot=True)

    def _on_save(self, path: str) -> Path:
        return save_run(self._require_trainer(), path)

    def _on_frames(self, arg: tuple[tuple[PayloadRequest, ...], int]) -> list:
        requests, n_frames = arg
        return compute_frames(self._require_trainer(), list(requests), n_frames)

    def _on_replay(self, arg: tuple[int, tuple[PayloadRequest, ...]]) -> TimelineFrame:
        """The run at a recorded step, computed on a replayed copy: the live run, its
        payloads and their freshness are untouched, and no snapshot or payload event goes
        out (the timeline's answer is this call's value)."""
        step, requests = arg
        return timeline_frame(self._require_trainer(), int(step), list(requests))

    def _on_call(self, function: Callable[[Trainer], Any]) -> Any:
        try:
            return function(self.trainer)
        except Exception as exc:  # injected code that raises: the run pauses and says why
            self._fail(exc)
            raise

    def _on_undecodable(self, arg: tuple[Command, str]) -> None:
        command, reason = arg
        raise ValueError(f"the {Command(command).value} command could not be read: {reason}")

    def _require_trainer(self) -> Trainer:
        if self.trainer is None:
            raise RuntimeError("there is no run")
        return self.trainer

    # -- the run ------------------------------------------------------------------------------
    def _replace_trainer(self, trainer: Trainer, with_snapshot: bool = False) -> None:
        info = run_info(trainer, with_snapshot)  # raises before anything changes
        self._flush_snapshot(force=True, observe_pending=False)
        trainer.retain_last_step = True  # a pause between snapshots still shows its step
        self.trainer = trainer
        self._run_id += 1
        self._latest = None
        self._fresh.clear()
        self._due.clear()
        self._broken.clear()
        self._first_loss, self._explosion_reported = None, False
        self._emit(Event.RUN_RESET, info)
        finished = trainer.step >= trainer.config.iterations
        self._set_state(RunState.FINISHED if finished else RunState.READY)

    def _train_step(self, observe: bool = False) -> None:
        """One meta-step; observed (a Snapshot made) only when one is due to be sent, at the
        run's first and last step, or when asked: the app sees a step at most every
        ``snapshot_interval``, so measuring every step would be wasted."""
        trainer = self.trainer
        if trainer is None:
            return
        if trainer.step >= trainer.config.iterations:
            self._set_state(RunState.FINISHED)
            return
        if self.pace:  # steady: a late step may catch up one interval, never a burst
            interval = 1 / self.pace
            self._next_step_at = max(self._next_step_at, time.perf_counter() - interval) + interval
        observe = (
            observe
            or self._snapshot_due()
            or trainer.step == 0
            or trainer.step + 1 >= trainer.config.iterations
        )
        try:
            snapshot = trainer.next_step(observe)
        except DivergedError as exc:
            log.info("diverged: %s", exc)
            self._set_state(RunState.PAUSED)
            self._emit(Event.DIVERGED, EngineMessage.of(exc))
            return
        if snapshot is not None:
            self._latest = snapshot
            self._watch_losses(snapshot)
        if trainer.step >= trainer.config.iterations:
            self._set_state(RunState.FINISHED)

    def _watch_losses(self, snapshot: Snapshot) -> None:
        """Pause once per run, saying why, when a loss explodes against the run's start."""
        main, twin = snapshot.main, snapshot.twin
        if self._first_loss is None:  # at phi, before adaptation: the inner rate plays no part
            self._first_loss = max(main.loss_before, twin.loss_before)
        largest = max(main.loss_before, main.loss_after, twin.loss_before, twin.loss_after)
        if self._explosion_reported or largest <= EXPLOSION_FACTOR * max(self._first_loss, 1e-6):
            return
        self._explosion_reported = True
        config = self.trainer.config
        message = EngineMessage.of(
            ExplainedError(
                "step {step}: a loss of {loss} is over {factor} times the loss at the start "
                "({first}); the run is exploding and is paused. Try a smaller inner learning "
                "rate (now {inner_lr}) or meta learning rate (now {meta_lr}); Start continues "
                "as it is.",
                step=snapshot.step,
                loss=f"{largest:.3g}",
                factor=f"{EXPLOSION_FACTOR:g}",
                first=f"{self._first_loss:.3g}",
                inner_lr=f"{config.inner_lr:g}",
                meta_lr=f"{config.meta_lr:g}",
            )
        )
        log.warning(message.text)
        self._set_state(RunState.PAUSED)
        self._emit(Event.DIVERGED, message)

    def _snapshot_due(self) -> bool:
        return time.perf_counter() - self._last_emit >= self.snapshot_interval

    def _flush_snapshot(self, force: bool, observe_pending: bool = True) -> None:
        """Send the latest snapshot if one is due (``force``: now). A forced flush first
        observes a step the run halted at between snapshots (not when the run is about to be
        replaced: nobody would see it)."""
        now = time.perf_counter()
        if force and observe_pending and self.trainer is not None:
            try:
                unobserved = self.trainer.observe_last_step()
            except DivergedError as exc:  # the step stands, its snapshot would hold NaN
                log.info("diverged: %s", exc)
                self._emit(Event.DIVERGED, EngineMessage.of(exc))
                unobserved = None
            if unobserved is not None:
                self._latest = unobserved
        if self._latest is None or (not force and now - self._last_emit < self.snapshot_interval):
            return
        self._emit(Event.SNAPSHOT, self._latest)
        self._latest = None
        self._last_emit = now

    def _set_state(self, state: RunState) -> None:
        if state != RunState.RUNNING:
            # the last step's snapshot arrives before the news that training halted
            self._flush_snapshot(force=True)
        if state != self.state:
            self.state = state
            self._emit(Event.STATE, state)

    def _fail(self, exc: BaseException) -> None:
        log.error("training session: %s", exc, exc_info=exc)
        if self.state == RunState.RUNNING:
            self._set_state(RunState.PAUSED)
        if isinstance(exc, ExplainedError):  # written for the user, and translatable
            self._emit(Event.FAILED, EngineMessage.of(exc))
        else:
            self._emit(Event.FAILED, f"{type(exc).__name__}: {exc}")

    # -- payloads -----------------------------------------------------------------------------
    def _refresh_payloads(self) -> None:
        trainer = self.trainer
        if trainer is None:
            return
        running = self.state == RunState.RUNNING
        # requests never answered first: a view the user just changed (a dragged support
        # point) waits for no routine refresh of the others
        fresh_first = sorted(self._requests, key=lambda r: r in self._fresh)
        for request in fresh_first:
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
                log.error("computing %s failed", request.kind.value, exc_info=True)
                self._broken.add(request)
                message = f"computing {request.kind.value} failed: {type(exc).__name__}: {exc}"
                self._emit(Event.FAILED, message)
                continue
            finally:
                cost = time.perf_counter() - now
                share = self._payload_share(trainer) / max(len(self._requests), 1)
                interval = PAYLOAD_RULES[request.kind].interval
                self._due[request] = now + max(interval, cost / share)
            self._emit(Event.PAYLOAD, (request, payload))
            if running and self._command_waiting():
                return  # answer pause/stop first; the rest follow on the next pass

    @staticmethod
    def _payload_share(trainer: Trainer) -> float:
        return PAYLOAD_SHARE_LARGE if trainer.family.traits.is_large else PAYLOAD_SHARE

    def _freshness_key(self, request: PayloadRequest, trainer: Trainer) -> tuple:
        if PAYLOAD_RULES[request.kind].freshness is Freshness.RATE:
            return (self._run_id, trainer.config.inner_lr)  # exact curves: not phi's
        return (self._run_id, trainer.step, trainer.config)

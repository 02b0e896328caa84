"""The GUI's handle on the training process: commands go out, Qt signals come back.

Training runs in a process of its own (``maml_gui.core.process.child``): the GUI process
never runs autograd, and painting (which holds the GUI process's GIL) no longer slows training
down. Every method here only writes a pickled command to a pipe and returns. A reader thread
takes the session's events off the other pipe and unpickles them; a QTimer in the GUI thread
emits them as the signals below, so every slot runs in the GUI thread and no signal crosses a
thread. The GUI thread never reads the pipe itself: a large message (a snapshot of 25 adapted
networks is ~350 kB) arrives in pieces, and waiting for the last piece stalled it for 40 ms.

A call (open, save, an animation's frames) returns a :class:`CallHandle` whose own signals carry
that call's answer: whoever asked holds the handle, as with superqt's workers; no tags to sort.

If the training process dies (killed, out of memory), its pipe ends: the window is told once,
calls still waiting are answered with an error, and Start, Reset or Open starts a fresh process
(on the run's last configuration, on the reset's, or with the opened run). Other commands wait
for that: Save, say, must not save a fresh untrained run under the user's file name.

The process is started with multiprocessing's spawn method, which re-imports the main script
of the program: a script that opens the window itself must do so under
``if __name__ == "__main__":`` (the ``maml-gui`` command and ``python -m maml_gui`` do).
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from maml_gui.core.config import RunConfig
from maml_gui.core.process import protocol
from maml_gui.core.process.protocol import CALLS, CallError, CallResult, Command, Event, RunState
from maml_gui.core.records import PayloadRequest, RunInfo
from maml_gui.gui.engine_messages import shown
from maml_gui.gui.i18n import translate

log = logging.getLogger(__name__)

#: how often the GUI collects the session's events
POLL_MS = 10
#: at most this long per collection, so a burst of events cannot stall the event loop
POLL_BUDGET_S = 0.008
#: closing waits this long for the session to finish its step, then ends the process
SHUTDOWN_GRACE_S = 5.0
#: what the reader thread puts in the inbox when the event pipe has ended
_PIPE_ENDED = object()


class CallHandle(QObject):
    """One call's answer: exactly one of ``returned`` and ``errored`` is emitted, then
    ``finished``. Held by whoever made the call; its signals are emitted in the GUI thread."""

    returned = Signal(object)
    errored = Signal(object)  # CallError
    finished = Signal()

    def __init__(self, command: Command, arg: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.command = command
        self.arg = arg
        self.result: CallResult | None = None

    def deliver(self, result: CallResult) -> None:
        self.result = result
        if result.error is None:
            self.returned.emit(result.value)
        else:
            self.errored.emit(result.error)
        self.finished.emit()
        self.deleteLater()  # the client forgot it; its owner keeps the Python object


class TrainingClient(QObject):
    """Create in the GUI thread; :meth:`launch` or :meth:`start` starts the training process."""

    snapshot_ready = Signal(object)  # Snapshot
    payload_ready = Signal(object, object)  # the PayloadRequest, and its payload record
    state_changed = Signal(object)  # RunState
    diverged = Signal(str)
    failed = Signal(str)
    run_reset = Signal(object)  # RunInfo of the new (or loaded) run
    config_applied = Signal(object)  # the run's RunConfig after live settings were applied

    def __init__(self, config: RunConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # spawn: a fresh interpreter. Forking a process that runs Qt's threads is unsafe.
        self._context = multiprocessing.get_context("spawn")
        self._config = config  # the run's latest config: a restarted process begins there
        self._pace: float | None = None  # kept here too: a restarted process keeps the speed
        self._process = None
        self._commands = None  # our end of the command pipe
        self._events = None  # our end of the event pipe
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._reader: threading.Thread | None = None
        self._calls: dict[int, CallHandle] = {}  # calls not answered yet
        self._call_ids = itertools.count(1)
        self._closing = False
        self._draining = False
        self._signals = {
            Event.SNAPSHOT: self.snapshot_ready,
            Event.STATE: self.state_changed,
            Event.DIVERGED: self.diverged,
            Event.FAILED: self.failed,
            Event.RUN_RESET: self.run_reset,
            Event.CONFIG_APPLIED: self.config_applied,
        }
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)

    # -- commands -----------------------------------------------------------------------------
    def launch(self) -> None:
        """Start the training process, if none runs (it reports its run and ``ready``)."""
        if self._process is None and not self._closing:
            self._launch()

    def start(self) -> None:
        """Train, starting a fresh process first if there is none."""
        self._put(Command.START, relaunch=True)

    def pause(self) -> None:
        self._put(Command.PAUSE)

    def single_step(self) -> None:
        self._put(Command.STEP)

    def stop(self) -> None:
        self._put(Command.STOP)

    def reset(self, config: RunConfig) -> None:
        if self._process is None:
            if not self._closing:
                self._launch(config)  # a fresh process starts on this config: no reset needed
            return
        self._put(Command.RESET, config)

    def set_config(self, config: RunConfig) -> None:
        self._config = config
        self._put(Command.SET_CONFIG, config)

    def set_pace(self, pace: float | None) -> None:
        """At most ``pace`` meta-iterations per second from now on; None: full speed."""
        self._pace = pace
        self._put(Command.PACE, pace)

    def request_payloads(self, requests: Sequence[PayloadRequest]) -> None:
        """The standing set of payloads the views need (replaces the previous set)."""
        self._put(Command.REQUESTS, tuple(dict.fromkeys(requests)))

    def open_run(self, path: str | Path) -> CallHandle:
        """Replace the run by the saved one, in the training process, between two steps.

        Returns None on success (after ``run_reset``: the new RunInfo carries the opened run's
        snapshot when it has trained); on error the old run goes on exactly as it was. Starts a
        fresh process when none runs."""
        return self.call(Command.OPEN, str(path))

    def save_run(self, path: str | Path) -> CallHandle:
        """Save between two steps; returns the Path written. Never starts a process: a fresh
        untrained run must not be saved under the user's file name."""
        return self.call(Command.SAVE, str(path))

    def frames(self, requests: Sequence[PayloadRequest], n_frames: int) -> CallHandle:
        """An animation's frames: list[Frame] at up to ``n_frames`` recorded points."""
        return self.call(Command.FRAMES, (tuple(requests), int(n_frames)))

    def replay(self, step: int, requests: Sequence[PayloadRequest]) -> CallHandle:
        """The run as it was at the last recorded step at or before ``step``: a
        TimelineFrame. The live run goes on (or stays paused) untouched."""
        return self.call(Command.REPLAY, (int(step), tuple(requests)))

    def run_function(self, function: Callable[[Any], Any]) -> CallHandle:
        """Run ``function(trainer)`` in the training process (tests inject faults so). It
        must pickle by name: a module-level function or a functools.partial of one."""
        return self.call(Command.CALL, function)

    def call(self, command: Command, arg: Any = None) -> CallHandle:
        """Send a call; its handle answers once. Without a training process the answer is an
        error (emitted from the event loop, not from inside this call)."""
        if command not in CALLS:
            raise ValueError(f"{command} is not a call")
        handle = CallHandle(command, arg, parent=self)
        call_id = next(self._call_ids)
        relaunch = command is Command.OPEN
        if self._put(command, arg, call_id=call_id, relaunch=relaunch):
            self._calls[call_id] = handle
        else:
            error = CallError("RuntimeError", "no training process is running")
            result = CallResult(call_id, None, error)
            QTimer.singleShot(0, handle, lambda: handle.deliver(result))
        return handle

    def _put(
        self, command: Command, arg: Any = None, call_id: int | None = None, relaunch=False
    ) -> bool:
        """Send a command; True when it went out. Without a process it is dropped, or, with
        ``relaunch``, sent to a fresh one."""
        data = protocol.encode_command(command, arg, call_id)  # a lambda fails here, at once
        if self._closing:
            return False
        if self._process is None:
            if not relaunch:
                return False
            self._launch()
        try:
            self._commands.send_bytes(data)
        except OSError:  # the process has just died: the end of its event pipe will say so
            return False
        return True

    # -- the process --------------------------------------------------------------------------
    def _launch(self, config: RunConfig | None = None) -> None:
        if config is not None:
            self._config = config
        command_read, command_write = self._context.Pipe(duplex=False)
        event_read, event_write = self._context.Pipe(duplex=False)
        self._process = self._context.Process(
            target=protocol.serve,  # imports the engine in the child only
            args=(self._config, command_read, event_write, protocol.SNAPSHOT_INTERVAL, self._pace),
            name="maml-gui training",
            # daemon: ended at the app's normal exit even if shutdown() never ran. Should the
            # app die outright, the process reads end-of-file on its command pipe and quits
            # once its current step (or long computation) is done.
            daemon=True,
        )
        with _sigint_ignored():  # a Ctrl+C while it imports torch is the app's to handle
            self._process.start()
        log.info("training process %s started", self._process.pid)
        # Only the child holds its ends now: when it dies they close and we read end-of-file.
        command_read.close()
        event_write.close()
        self._commands, self._events = command_write, event_read
        self._inbox = queue.SimpleQueue()
        self._reader = threading.Thread(
            target=_read_events, args=(event_read, self._inbox), name="maml-gui events", daemon=True
        )
        self._reader.start()
        self._poll.start()

    def is_running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    @Slot()
    def _collect(self) -> None:
        """Emit the session's events, for at most POLL_BUDGET_S; notice a process that ended."""
        if self._draining or self._process is None:
            return  # a slot ran a nested event loop: the outer collection goes on after it
        self._draining = True
        try:
            deadline = time.perf_counter() + POLL_BUDGET_S
            while time.perf_counter() < deadline:
                try:
                    message = self._inbox.get_nowait()
                except queue.Empty:
                    return
                if message is _PIPE_ENDED:  # everything it sent has been delivered
                    self._lost()
                    return
                self._deliver(*message)
        finally:
            self._draining = False

    def _deliver(self, event: Event, value: Any) -> None:
        if event is Event.CALL_FINISHED:
            handle = self._calls.pop(value.call_id, None)
            if handle is not None:
                handle.deliver(value)
            return
        if event is Event.LOG:
            logging.getLogger(value.get("name", "maml_gui")).handle(logging.makeLogRecord(value))
            return
        if event is Event.RUN_RESET and isinstance(value, RunInfo):
            self._config = value.config
        elif event is Event.CONFIG_APPLIED:
            self._config = value
        elif event is Event.PAYLOAD:
            self.payload_ready.emit(*value)
            return
        if event in (Event.DIVERGED, Event.FAILED):  # an engine's explanation, translated
            value = shown(value)
        self._signals[event].emit(value)

    def _lost(self) -> None:
        """The process ended without being asked to: say so once, answer its pending calls."""
        process = self._process
        process.join(timeout=2.0)  # its pipe closed as it exited
        code = process.exitcode
        self._release()
        if code is None:
            how = "stopped answering"
            shown = translate("TrainingClient", "stopped answering")
        elif code < 0:
            how = f"was killed by signal {-code}"
            shown = translate("TrainingClient", "was killed by signal {signal}").format(
                signal=-code
            )
        else:
            how = f"exited with status {code}"
            shown = translate("TrainingClient", "exited with status {status}").format(status=code)
        log.error("the training process %s", how)
        self.state_changed.emit(RunState.STOPPED)
        calls, self._calls = self._calls, {}
        for call_id, handle in sorted(calls.items()):
            error = CallError("RuntimeError", f"the training process {how}")
            handle.deliver(CallResult(call_id, None, error))
        lost = translate(
            "TrainingClient",
            "The training process {how}; the run it held is lost. Start or Reset begins a "
            "fresh run in a new training process; Open continues a saved one.",
        )
        self.failed.emit(lost.format(how=shown))

    def _release(self) -> None:
        """Forget the process: end it if it still runs, close our pipe ends, join the reader."""
        self._poll.stop()
        process = self._process
        if process is not None and process.is_alive():
            process.terminate()
            process.join(timeout=2.0)
            if process.is_alive():
                process.kill()
                process.join()
        if self._commands is not None:
            self._commands.close()
        if self._reader is not None:
            self._reader.join(timeout=2.0)  # it stops at the end of the event pipe
        if self._events is not None:
            self._events.close()
        if process is not None:
            process.close()
        self._process = self._commands = self._events = self._reader = None

    # -- shutdown -----------------------------------------------------------------------------
    def shutdown(self, grace_s: float = SHUTDOWN_GRACE_S) -> bool:
        """Stop training and end the process: the current step finishes within ``grace_s``,
        else the process is ended (a long computation such as an animation's frames cannot
        be interrupted mid-way; nothing is lost that a user asked to keep). True when ended."""
        self._closing = True
        process = self._process
        if process is None:
            return True
        for command in (Command.STOP, Command.QUIT):
            try:
                self._commands.send_bytes(protocol.encode_command(command))
            except OSError:
                break  # already gone
        # the reader keeps emptying the event pipe meanwhile: the process can flush and exit
        process.join(timeout=grace_s)
        if process.is_alive():
            log.warning(
                "the training process did not finish its computation in %.0f s; ending it",
                grace_s,
            )
        self._release()
        return True


def _read_events(connection, inbox: queue.SimpleQueue) -> None:
    """The reader thread: whole, unpickled events from the process into ``inbox``, then
    _PIPE_ENDED once the process has closed its end (it quit, or died)."""
    while True:
        try:
            data = connection.recv_bytes()
        except (EOFError, OSError):
            inbox.put(_PIPE_ENDED)
            return
        try:
            inbox.put(protocol.decode_event(data))
        except Exception as exc:  # same code on both ends: should not happen, must not hang
            log.exception("an unreadable message from the training process")
            inbox.put((Event.FAILED, f"a message from the training process was unreadable: {exc}"))


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a child is spawned: the child inherits "ignore" through exec, so
    a Ctrl+C before it has set up its own handling does not print a traceback there."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)

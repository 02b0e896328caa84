"""The GUI's handle on the training process: commands go out, Qt signals come back.

Training runs in a process of its own (``maml_gui.core.session_process``): the GUI process
never runs autograd, and painting (which holds the GUI process's GIL) no longer slows training
down. Every method here only writes a pickled command to a pipe and returns. A reader thread
takes the session's events off the other pipe and unpickles them; a QTimer in the GUI thread
emits them as the signals below, so every slot runs in the GUI thread and no signal crosses a
thread. The GUI thread never reads the pipe itself: a large message (a snapshot of 25 adapted
networks is ~350 kB) arrives in pieces, and waiting for the last piece stalled it for 40 ms.

If the training process dies (killed, out of memory), its pipe ends: the window is told once,
calls still waiting are answered with an error, and Start, Reset or Open starts a fresh process
(on the run's last configuration, on the reset's, or with the opened run). Other commands wait
for that: Save, say, must not save a fresh untrained run under the user's file name.

The process is started with multiprocessing's spawn method, which re-imports the main script
of the program: a script that opens the window itself must do so under
``if __name__ == "__main__":`` (the ``maml-gui`` command and ``python -m maml_gui`` do).
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from maml_gui.core import session, session_process
from maml_gui.core.config import RunConfig
from maml_gui.core.session import STOPPED, CallResult
from maml_gui.core.training import Trainer
from maml_gui.core.workload import PayloadRequest, RunInfo

__all__ = ["CallResult", "TrainingWorker"]

#: how often the GUI collects the session's events
POLL_MS = 10
#: at most this long per collection, so a burst of events cannot stall the event loop
POLL_BUDGET_S = 0.008
#: closing waits this long for the session to finish its step, then ends the process
SHUTDOWN_GRACE_S = 5.0
#: what the reader thread puts in the inbox when the event pipe has ended
_PIPE_ENDED = ("pipe ended", None)


class TrainingWorker(QObject):
    """Create in the GUI thread; :meth:`launch` or :meth:`start` starts the training process."""

    snapshot_ready = Signal(object)  # Snapshot
    payload_ready = Signal(object)  # ToyLandscape, PlaneLandscape, GapResult, FunctionFit, ...
    state_changed = Signal(str)  # ready, running, paused, stopped, finished
    diverged = Signal(str)
    failed = Signal(str)
    run_reset = Signal(object)  # RunInfo of the new (or loaded) run
    config_applied = Signal(object)  # the run's RunConfig after live settings were applied
    call_finished = Signal(object)  # CallResult

    def __init__(self, config: RunConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # spawn: a fresh interpreter. Forking a process that runs Qt's threads is unsafe.
        self._context = multiprocessing.get_context("spawn")
        self._config = config  # the run's latest config: a restarted process begins there
        self._pace: float | None = None  # kept here too: a restarted process keeps the speed
        self._process = None
        self._commands = None  # our end of the command pipe
        self._events = None  # our end of the event pipe
        self._inbox: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._reader: threading.Thread | None = None
        self._calls: set[str] = set()  # tags of calls not answered yet
        self._closing = False
        self._draining = False
        self._signals = {
            "snapshot": self.snapshot_ready,
            "payload": self.payload_ready,
            "state": self.state_changed,
            "diverged": self.diverged,
            "failed": self.failed,
            "run_reset": self.run_reset,
            "config_applied": self.config_applied,
            "call_finished": self.call_finished,
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
        self._put("start", relaunch=True)

    def pause(self) -> None:
        self._put("pause")

    def single_step(self) -> None:
        self._put("step")

    def stop(self) -> None:
        self._put("stop")

    def reset(self, config: RunConfig) -> None:
        if self._process is None:
            if not self._closing:
                self._launch(config)  # a fresh process starts on this config: no reset needed
            return
        self._put("reset", config)

    def set_config(self, config: RunConfig) -> None:
        self._config = config
        self._put("set_config", config)

    def set_pace(self, pace: float | None) -> None:
        """At most ``pace`` meta-iterations per second from now on; None: full speed."""
        self._pace = pace
        self._put("pace", pace)

    def request_payloads(self, requests: Sequence[PayloadRequest]) -> None:
        """The standing set of payloads the views need (replaces the previous set)."""
        self._put("requests", tuple(dict.fromkeys(requests)))

    def call(self, function: Callable[[Trainer], Any], tag: str) -> None:
        """Run ``function(trainer)`` in the training process between two steps; the result
        arrives as call_finished. ``function`` must pickle: a module-level function or a
        functools.partial of one (a lambda raises here, at once). Without a training process
        the answer is an error (emitted from the event loop, not from inside this call)."""
        if self._put("call", (function, tag), tag=tag):
            self._calls.add(tag)
        elif not self._closing:
            failure = CallResult(tag, RuntimeError("no training process is running"))
            QTimer.singleShot(0, self, lambda: self.call_finished.emit(failure))

    def adopt(self, factory: Callable[[], Trainer], tag: str) -> None:
        """Replace the run by ``factory()`` (e.g. a loaded checkpoint); on error keep the old.

        Reported as call_finished(CallResult(tag, None)) after run_reset, or
        call_finished(CallResult(tag, exception)) when ``factory`` failed: then the old run
        goes on exactly as it was (a running run keeps running, a paused one stays paused).
        The new run's RunInfo carries its current snapshot (``extra['snapshot']``) when it has
        trained already, so the views show the opened run before its next step."""
        if self._put("adopt", (factory, tag), tag=tag, relaunch=True):
            self._calls.add(tag)

    def _put(self, name: str, arg: Any = None, tag: str | None = None, relaunch=False) -> bool:
        """Send a command; True when it went out. Without a process it is dropped, or, with
        ``relaunch``, sent to a fresh one."""
        data = session_process.encode_command(name, arg, tag)  # a lambda fails here, at once
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
            target=session_process.serve,
            args=(
                self._config,
                command_read,
                event_write,
                session.SNAPSHOT_INTERVAL,
                self._pace,
            ),
            name="maml-gui training",
            # daemon: ended at the app's normal exit even if shutdown() never ran. Should the
            # app die outright, the process reads end-of-file on its command pipe and quits
            # once its current step (or long computation) is done.
            daemon=True,
        )
        with _sigint_ignored():  # a Ctrl+C while it imports torch is the app's to handle
            self._process.start()
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
                if message == _PIPE_ENDED:  # everything it sent has been delivered
                    self._lost()
                    return
                self._deliver(*message)
        finally:
            self._draining = False

    def _deliver(self, event: str, value: Any) -> None:
        if event == "call_finished":
            self._calls.discard(value.tag)
        elif event == "run_reset" and isinstance(value, RunInfo):
            self._config = value.config
        elif event == "config_applied":
            self._config = value
        self._signals[event].emit(value)

    def _lost(self) -> None:
        """The process ended without being asked to: say so once, answer its pending calls."""
        process = self._process
        process.join(timeout=2.0)  # its pipe closed as it exited
        code = process.exitcode
        self._release()
        if code is None:
            how = "stopped answering"
        elif code < 0:
            how = f"was killed by signal {-code}"
        else:
            how = f"exited with status {code}"
        self.state_changed.emit(STOPPED)
        for tag in sorted(self._calls):
            self.call_finished.emit(CallResult(tag, RuntimeError(f"the training process {how}")))
        self._calls.clear()
        self.failed.emit(
            f"The training process {how}; the run it held is lost. Start or Reset begins a "
            "fresh run in a new training process; Open continues a saved one."
        )

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
        for name in ("stop", "quit"):
            try:
                self._commands.send_bytes(session_process.encode_command(name))
            except OSError:
                break  # already gone
        # the reader keeps emptying the event pipe meanwhile: the process can flush and exit
        process.join(timeout=grace_s)
        if process.is_alive():
            print(
                "maml-gui: the training process did not finish its computation in "
                f"{grace_s:.0f} s; ending it",
                file=sys.stderr,
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
            inbox.put(session_process.decode_event(data))
        except Exception as exc:  # same code on both ends: should not happen, must not hang
            inbox.put(("failed", f"a message from the training process was unreadable: {exc}"))


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

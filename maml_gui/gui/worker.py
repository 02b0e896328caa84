"""The GUI's handle on the training process: commands go out, Qt signals come back.

Training runs in a process of its own (``maml_gui.core.session.serve``): the GUI process never
runs autograd, and painting (which holds the GUI process's GIL) no longer slows training down.
Every method here only puts a pickled command on a queue and returns. A reader thread takes
the session's events off their pipe and unpickles them; a QTimer in the GUI thread emits them
as the signals below, so every slot runs in the GUI thread and no signal crosses a thread.
The GUI thread never reads the pipe itself: a large message (a snapshot of 25 adapted
networks is ~350 kB) arrives in pieces, and waiting for the last piece stalled it for 40 ms.

If the training process dies (killed, out of memory), the window is told once, and the next
command starts a fresh process on the run's last configuration.

The process is started with multiprocessing's spawn method, which re-imports the main script
of the program: a script that opens the window itself must do so under
``if __name__ == "__main__":`` (the ``maml-gui`` command and ``python -m maml_gui`` do).
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from maml_gui.core import session
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


class TrainingWorker(QObject):
    """Create in the GUI thread; :meth:`start` launches the training process."""

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
        self._commands = None
        self._events = None
        self._inbox: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._reader: threading.Thread | None = None
        self._stop_reading = threading.Event()
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
    def start(self) -> None:
        """Launch the process (once), then start training."""
        if self._process is None:
            self._launch()
        self._put("start")

    def launch(self) -> None:
        """Launch the training process without starting to train (it reports ``ready``)."""
        if self._process is None:
            self._launch()

    def pause(self) -> None:
        self._put("pause")

    def single_step(self) -> None:
        self._put("step")

    def stop(self) -> None:
        self._put("stop")

    def reset(self, config: RunConfig) -> None:
        if self._process is None and not self._closing:
            self._launch(config)  # a fresh process starts on this config: no reset needed
            return
        self._put("reset", config)

    def set_config(self, config: RunConfig) -> None:
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
        functools.partial of one (a lambda raises here, at once)."""
        self._put("call", (function, tag))
        self._calls.add(tag)

    def adopt(self, factory: Callable[[], Trainer], tag: str) -> None:
        """Replace the run by ``factory()`` (e.g. a loaded checkpoint); on error keep the old.

        Reported as call_finished(CallResult(tag, None)) after run_reset, or
        call_finished(CallResult(tag, exception)) when ``factory`` failed: then the old run
        goes on exactly as it was (a running run keeps running, a paused one stays paused).
        The new run's RunInfo carries its current snapshot (``extra['snapshot']``) when it has
        trained already, so the views show the opened run before its next step."""
        self._put("adopt", (factory, tag))
        self._calls.add(tag)

    def _put(self, name: str, arg: Any = None) -> None:
        data = pickle.dumps((name, arg), protocol=pickle.HIGHEST_PROTOCOL)  # fails here, not later
        if self._closing:
            return
        if self._process is None:
            self._launch()
        self._commands.put(data)

    # -- the process --------------------------------------------------------------------------
    def _launch(self, config: RunConfig | None = None) -> None:
        if config is not None:
            self._config = config
        self._commands = self._context.Queue()
        self._events = self._context.Queue()
        self._process = self._context.Process(
            target=session.serve,
            args=(
                self._config,
                self._commands,
                self._events,
                session.SNAPSHOT_INTERVAL,
                self._pace,
            ),
            name="maml-gui training",
            # daemon: ended at the app's exit even if shutdown() never ran; and should the app
            # die outright, the session sees its parent gone within 0.5 s and quits
            daemon=True,
        )
        self._process.start()
        self._inbox = queue.SimpleQueue()
        self._stop_reading = threading.Event()
        self._reader = threading.Thread(
            target=_read_events,
            args=(self._events, self._inbox, self._stop_reading),
            name="maml-gui events",
            daemon=True,
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
        """Emit the session's events, for at most POLL_BUDGET_S; notice a dead process."""
        if self._draining or self._process is None:
            return  # a slot ran a nested event loop: the outer collection goes on after it
        self._draining = True
        try:
            deadline = time.perf_counter() + POLL_BUDGET_S
            while time.perf_counter() < deadline:
                try:
                    message = self._inbox.get_nowait()
                except queue.Empty:
                    break
                self._deliver(*message)
            else:
                return  # more is waiting: the process is alive and busy
            if not self._process.is_alive():
                self._stop_reader()  # it has read what the process sent before it ended
                while not self._inbox.empty():
                    self._deliver(*self._inbox.get_nowait())
                self._lost()
        finally:
            self._draining = False

    def _stop_reader(self) -> None:
        self._stop_reading.set()
        if self._reader is not None:
            self._reader.join()
        self._reader = None

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
        code = self._process.exitcode
        self._release()
        how = (
            f"was killed by signal {-code}"
            if code is not None and code < 0
            else (f"exited with status {code}")
        )
        self.state_changed.emit(STOPPED)
        for tag in sorted(self._calls):
            self.call_finished.emit(CallResult(tag, RuntimeError(f"the training process {how}")))
        self._calls.clear()
        self.failed.emit(
            f"The training process {how}; the run it held is lost. The next command (Start, "
            "Reset, Open) starts a fresh training process."
        )

    def _release(self) -> None:
        self._poll.stop()
        self._stop_reader()
        for channel in (self._commands, self._events):
            if channel is not None:
                channel.cancel_join_thread()  # nothing more goes to a process that is gone
                channel.close()
        if self._process is not None:
            self._process.join(timeout=1.0)
            if self._process.exitcode is not None:
                self._process.close()
        self._process = self._commands = self._events = None

    # -- shutdown -----------------------------------------------------------------------------
    def shutdown(self, grace_s: float = SHUTDOWN_GRACE_S) -> bool:
        """Stop training and end the process: the current step finishes within ``grace_s``,
        else the process is ended (a long computation such as an animation's frames cannot
        be interrupted mid-way; nothing is lost that a user asked to keep). True when ended."""
        if self._process is None:
            self._closing = True
            return True
        self._commands.put(pickle.dumps(("stop", None)))
        self._commands.put(pickle.dumps(("quit", None)))
        self._closing = True
        process = self._process
        # the reader keeps emptying the pipe meanwhile: a full pipe would keep it from exiting
        process.join(timeout=grace_s)
        if process.is_alive():
            print(
                "maml-gui: the training process did not finish its computation in "
                f"{grace_s:.0f} s; ending it",
                file=sys.stderr,
            )
            process.terminate()
            process.join(timeout=2.0)
            if process.is_alive():
                process.kill()
                process.join()
        self._release()
        return True


def _read_events(events, inbox: queue.SimpleQueue, stop: threading.Event) -> None:
    """The reader thread: whole, unpickled events from the process into ``inbox``, until
    ``stop`` is set and nothing more is waiting."""
    while True:
        try:
            data = events.get(timeout=0.05)
        except queue.Empty:
            if stop.is_set():
                return
            continue
        except (EOFError, OSError, ValueError):  # the queue was closed under us
            return
        try:
            inbox.put(pickle.loads(data))
        except Exception as exc:  # same code on both ends: should not happen, must not hang
            inbox.put(("failed", f"a message from the training process was unreadable: {exc}"))

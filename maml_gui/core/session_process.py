"""The app's training process: a TrainingSession fed by one pipe and reporting on another.

The app (``gui.worker``) starts :func:`serve` with multiprocessing's spawn method and two
one-way pipes. Each process keeps only its own end of each pipe (the app closes its copies of
the child's ends once the child has started), so when either process dies its ends close and
the other reads end-of-file instead of waiting for a message that will never be finished.

In this process two threads keep the pipes moving while the session computes:

- the command reader drains the command pipe at once, so the app never blocks on a full pipe,
  and turns end-of-file (the app is gone) into ``quit``;
- the event sender writes events in the background, so a 350 kB snapshot never holds training
  up while the app's own reader waits for the GIL.

Messages are pickled by the sender and unpickled by the receiver, in these two processes only
(files are never loaded this way: see checkpoint.py). A command is ``(name, tag, pickled
argument)``: the argument is pickled on its own, so a command whose argument this process
cannot unpickle is still answered under its tag.
"""

from __future__ import annotations

import gc
import pickle
import queue
import signal
import threading
from typing import Any

import torch

from maml_gui.core.config import RunConfig
from maml_gui.core.session import SNAPSHOT_INTERVAL, CallResult, TrainingSession

PROTOCOL = pickle.HIGHEST_PROTOCOL
#: on quit, how long the last events may take to reach an app that is still reading them
FLUSH_SECONDS = 10.0


def encode_command(name: str, arg: Any = None, tag: str | None = None) -> bytes:
    """Raises (pickle.PicklingError, TypeError, AttributeError) for an argument that cannot
    travel, e.g. a lambda: the caller hears of it at once."""
    return pickle.dumps((name, tag, pickle.dumps(arg, PROTOCOL)), PROTOCOL)


def decode_command(data: bytes) -> tuple[str, Any]:
    name, tag, blob = pickle.loads(data)
    try:
        return name, pickle.loads(blob)
    except Exception as exc:
        return "undecodable", (name, tag, f"{type(exc).__name__}: {exc}")


def encode_event(event: str, value: Any) -> bytes:
    """An event that cannot be pickled arrives as a failure, never silently not at all."""
    try:
        return pickle.dumps((event, value), PROTOCOL)
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        if isinstance(value, CallResult):  # the caller is waiting for this tag
            failure = RuntimeError(f"its result could not be sent ({reason})")
            return pickle.dumps((event, CallResult(value.tag, failure)), PROTOCOL)
        return pickle.dumps(("failed", f"could not send {event}: {reason}"), PROTOCOL)


def decode_event(data: bytes) -> tuple[str, Any]:
    return pickle.loads(data)


class CommandReader:
    """The session's command source: a thread moves commands from the pipe to a queue."""

    def __init__(self, connection) -> None:
        self._queue: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._thread = threading.Thread(
            target=self._read, args=(connection,), name="maml-gui commands", daemon=True
        )
        self._thread.start()

    def get(self, block: bool = True, timeout: float | None = None) -> tuple[str, Any]:
        return self._queue.get(block=block, timeout=timeout)

    def _read(self, connection) -> None:
        while True:
            try:
                data = connection.recv_bytes()
            except (EOFError, OSError):  # the app has gone away
                self._queue.put(("quit", None))
                return
            try:
                command = decode_command(data)
            except Exception as exc:  # not even the name could be read
                command = ("undecodable", ("unknown", None, f"{type(exc).__name__}: {exc}"))
            self._queue.put(command)


class EventSender:
    """``emit`` pickles at once (in the caller's thread: the values must not change later)
    and returns; a thread writes the bytes to the pipe."""

    def __init__(self, connection) -> None:
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._thread = threading.Thread(
            target=self._send, args=(connection,), name="maml-gui events", daemon=True
        )
        self._thread.start()

    def emit(self, event: str, value: Any) -> None:
        self._queue.put(encode_event(event, value))

    def close(self, timeout: float = FLUSH_SECONDS) -> None:
        """Send what is queued, then close the pipe (the app reads end-of-file)."""
        self._queue.put(None)
        self._thread.join(timeout)

    def _send(self, connection) -> None:
        try:
            while (data := self._queue.get()) is not None:
                connection.send_bytes(data)
        except OSError:  # the app has gone away: nobody is left to tell
            pass
        finally:
            connection.close()


def serve(
    config: RunConfig,
    commands,
    events,
    snapshot_interval: float = SNAPSHOT_INTERVAL,
    pace: float | None = None,
) -> None:
    """Entry point of the training process: ``commands`` and ``events`` are the child's ends
    of two ``multiprocessing.Pipe(duplex=False)``."""
    # Ctrl+C in a terminal reaches the whole process group: the app decides when this ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # one intra-op thread: faster on these small nets, and leaves a core to the GUI
    torch.set_num_threads(1)
    # Everything alive now (torch's modules) leaves the cyclic collector's reach: full
    # collections walking it cost several ms each, many times a minute.
    gc.collect()
    gc.freeze()
    sender = EventSender(events)
    try:
        TrainingSession(config, CommandReader(commands), sender.emit, snapshot_interval, pace).run()
    finally:
        sender.close()

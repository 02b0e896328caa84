"""The app's training process: a TrainingSession fed by one pipe and reporting on another.

The app (``gui.training_client``) starts :func:`serve` (through ``protocol.serve``, which keeps
torch out of the GUI process) with multiprocessing's spawn method and two one-way pipes. Each
process keeps only its own end of each pipe, so when either process dies its ends close and the
other reads end-of-file instead of waiting for a message that will never be finished.

In this process two threads keep the pipes moving while the session computes:

- the command reader drains the command pipe at once, so the app never blocks on a full pipe,
  and turns end-of-file (the app is gone) into ``QUIT``;
- the event sender writes events in the background, so a 350 kB snapshot never holds training
  up while the app's own reader waits for the GIL.

This process's log records travel to the app as ``Event.LOG`` (the app owns the log file).
"""

from __future__ import annotations

import gc
import logging
import queue
import signal
import threading
from typing import Any

import torch

from maml_gui.core.config import RunConfig
from maml_gui.core.process.protocol import (
    Command,
    Event,
    decode_command,
    encode_event,
)
from maml_gui.core.process.session import SNAPSHOT_INTERVAL, Message, TrainingSession

log = logging.getLogger(__name__)

#: on quit, how long the last events may take to reach an app that is still reading them
FLUSH_SECONDS = 10.0


class CommandReader:
    """The session's command source: a thread moves commands from the pipe to a queue."""

    def __init__(self, connection) -> None:
        self._queue: queue.SimpleQueue[Message] = queue.SimpleQueue()
        self._thread = threading.Thread(
            target=self._read, args=(connection,), name="maml-gui commands", daemon=True
        )
        self._thread.start()

    def get(self, block: bool = True, timeout: float | None = None) -> Message:
        return self._queue.get(block=block, timeout=timeout)

    def _read(self, connection) -> None:
        while True:
            try:
                data = connection.recv_bytes()
            except (EOFError, OSError):  # the app has gone away
                self._queue.put((Command.QUIT, None, None))
                return
            try:
                message = decode_command(data)
            except Exception as exc:  # not even the command could be read
                log.exception("an unreadable command")
                reason = f"{type(exc).__name__}: {exc}"
                message = (Command.UNDECODABLE, None, (Command.CALL, reason))
            self._queue.put(message)


class EventSender:
    """``emit`` pickles at once (in the caller's thread: the values must not change later)
    and returns; a thread writes the bytes to the pipe."""

    def __init__(self, connection) -> None:
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._thread = threading.Thread(
            target=self._send, args=(connection,), name="maml-gui events", daemon=True
        )
        self._thread.start()

    def emit(self, event: Event, value: Any) -> None:
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


class _ToTheApp(logging.Handler):
    """Forwards this process's log records to the app, which writes them to its log file."""

    def __init__(self, sender: EventSender) -> None:
        super().__init__(logging.INFO)
        self._sender = sender

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.exc_info:
                message += "\n" + logging.Formatter().formatException(record.exc_info)
            fields = {
                "name": record.name,
                "levelno": record.levelno,
                "levelname": record.levelname,
                "msg": f"[training process] {message}",
                "created": record.created,
            }
            self._sender.emit(Event.LOG, fields)
        except Exception:
            self.handleError(record)


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
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(_ToTheApp(sender))
    log.info("training process started (torch %s)", torch.__version__)
    try:
        TrainingSession(config, CommandReader(commands), sender.emit, snapshot_interval, pace).run()
    except Exception:
        log.exception("the training session ended with an error")
        raise
    finally:
        sender.close()

"""The typed protocol between the GUI process and the training process (no torch, no Qt).

Both processes import this module: the GUI sends :class:`Command` messages and reads
:class:`Event` messages; the training process does the opposite. Every value that crosses is a
record of ``core.records``, a ``RunConfig``, a plain Python value or a string: never an
exception object (unpickling one may import the module that defines it, and the GUI process
must never import torch), so failures cross as :class:`CallError` text.

A command is pickled as ``(command, call_id, pickled argument)``: the argument is pickled on its
own, so a command whose argument the other side cannot unpickle is still answered under its
``call_id`` (see :func:`decode_command`). Calls (commands with an answer) carry a ``call_id``;
their answer is ``Event.CALL_FINISHED`` with a :class:`CallResult` of that id.
"""

from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass
from typing import Any

from maml_gui.core.config import StrEnum
from maml_gui.core.explained import EngineMessage

log = logging.getLogger(__name__)

PICKLE_PROTOCOL = pickle.HIGHEST_PROTOCOL
#: at most one snapshot per this many seconds. The views that follow every snapshot redraw
#: ~14 times a second each (the window redraws one view per 33 ms tick); a sinusoid snapshot
#: is ~370 kB to pickle and pipe, and 30 a second cost the training process ~5% of its speed
SNAPSHOT_INTERVAL = 0.05


class Command(StrEnum):
    """What the GUI asks of the session; the argument each carries is in the comment."""

    START = "start"  # nothing
    PAUSE = "pause"  # nothing
    STEP = "step"  # nothing: one meta-step, then paused
    STOP = "stop"  # nothing
    RESET = "reset"  # a RunConfig: a new run
    SET_CONFIG = "set_config"  # a RunConfig: live settings
    REQUESTS = "requests"  # tuple of PayloadRequest: the standing set the views need
    PACE = "pace"  # meta-iterations per second at most, or None for full speed
    OPEN = "open"  # call: a run file's path; the run is replaced by it (or left as it was)
    SAVE = "save"  # call: a path; answers with the Path written
    FRAMES = "frames"  # call: (tuple of PayloadRequest, number of frames); answers list[Frame]
    #: call: (a step, tuple of PayloadRequest); answers a TimelineFrame (the live run goes on)
    REPLAY = "replay"
    CALL = "call"  # call: a module-level function(trainer) (tests inject faults with it)
    QUIT = "quit"  # nothing
    #: made by the training process's own reader for a command whose argument it could not
    #: unpickle: (command, reason); answered under the command's call_id
    UNDECODABLE = "undecodable"


#: the commands that are calls: each is answered by one CALL_FINISHED
CALLS = frozenset({Command.OPEN, Command.SAVE, Command.FRAMES, Command.REPLAY, Command.CALL})


class Event(StrEnum):
    """What the session reports; the value each carries is in the comment."""

    SNAPSHOT = "snapshot"  # Snapshot
    PAYLOAD = "payload"  # (PayloadRequest, the payload record it asked for)
    STATE = "state"  # RunState
    DIVERGED = "diverged"  # message (an EngineMessage: its text, and its template for the GUI)
    FAILED = "failed"  # message (the run pauses): text, or an EngineMessage
    RUN_RESET = "run_reset"  # RunInfo of the new, reset or opened run
    CONFIG_APPLIED = "config_applied"  # the run's RunConfig after live settings applied
    CALL_FINISHED = "call_finished"  # CallResult
    LOG = "log"  # a log record's attributes (dict): the GUI process writes the log file


class RunState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"
    FINISHED = "finished"


@dataclass(frozen=True)
class CallError:
    """Why a call failed, as text: ``kind`` is the exception's class name."""

    kind: str
    message: str
    #: the message as a template and values, for the interface to translate (ExplainedError)
    template: str = ""
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, exc: BaseException) -> CallError:
        explained = EngineMessage.of(exc)
        return cls(type(exc).__name__, str(exc), explained.template, explained.params)

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@dataclass(frozen=True)
class CallResult:
    """The answer to call ``call_id``: a value, or an error (then ``value`` is None)."""

    call_id: int
    value: Any = None
    error: CallError | None = None


def encode_command(command: Command, arg: Any = None, call_id: int | None = None) -> bytes:
    """Raises (pickle.PicklingError, TypeError, AttributeError) for an argument that cannot
    travel, e.g. a lambda: the caller hears of it at once."""
    return pickle.dumps((Command(command), call_id, pickle.dumps(arg, PICKLE_PROTOCOL)))


def decode_command(data: bytes) -> tuple[Command, int | None, Any]:
    command, call_id, blob = pickle.loads(data)
    try:
        return command, call_id, pickle.loads(blob)
    except Exception as exc:  # answered, not raised: the sender is waiting for call_id
        log.warning("the argument of %s could not be unpickled", command, exc_info=True)
        return Command.UNDECODABLE, call_id, (command, f"{type(exc).__name__}: {exc}")


def encode_event(event: Event, value: Any) -> bytes:
    """An event that cannot be pickled arrives as a failure, never silently not at all."""
    try:
        return pickle.dumps((Event(event), value), PICKLE_PROTOCOL)
    except Exception as exc:
        log.error("%s could not be pickled", event, exc_info=True)
        reason = f"{type(exc).__name__}: {exc}"
        if isinstance(value, CallResult):  # the caller is waiting for this id
            error = CallError("PicklingError", f"the result could not be sent ({reason})")
            return pickle.dumps((Event.CALL_FINISHED, CallResult(value.call_id, None, error)))
        return pickle.dumps((Event.FAILED, f"could not send {Event(event).value}: {reason}"))


def decode_event(data: bytes) -> tuple[Event, Any]:
    return pickle.loads(data)


def serve(*args: Any, **kwargs: Any) -> None:
    """The training process's entry point, as the GUI names it to multiprocessing.

    multiprocessing pickles its target by reference, so the parent must hold the function
    object: were it ``child.serve`` itself, the GUI process would import the engine (torch,
    2-3 s and ~300 MB) just to name it. The child imports the engine here, by name.
    """
    import importlib

    child = importlib.import_module("maml_gui.core.process.child")
    child.serve(*args, **kwargs)

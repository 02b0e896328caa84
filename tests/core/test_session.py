"""The training session's command loop, driven in-process without Qt or a second process."""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import threading
import time
from functools import partial

import pytest
from maml_gui.core.session import CallResult, TrainingSession
from maml_gui.core.session_process import (
    decode_command,
    decode_event,
    encode_command,
    encode_event,
    serve,
)
from maml_gui.core.workload import PayloadRequest

from maml_gui.core.config import default_config
from maml_gui.core.training import Trainer


class Recorder:
    """Collects what the session emits; thread-safe waits on a condition."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []
        self._changed = threading.Condition()

    def __call__(self, event: str, value) -> None:
        with self._changed:
            self.events.append((event, value))
            self._changed.notify_all()

    def of(self, event: str) -> list:
        with self._changed:
            return [v for e, v in self.events if e == event]

    def wait(self, condition, timeout: float = 30.0) -> None:
        with self._changed:
            assert self._changed.wait_for(condition, timeout), self.events[-5:]


class Commands:
    def __init__(self) -> None:
        self.queue: queue.SimpleQueue = queue.SimpleQueue()

    def get(self, block: bool = True, timeout: float | None = None):
        return self.queue.get(block=block, timeout=timeout)

    def put(self, name: str, arg=None) -> None:
        self.queue.put((name, arg))


@pytest.fixture
def running():
    """A session on toy1d in a thread; yields (commands, recorder); quits at the end."""
    commands, recorder = Commands(), Recorder()
    session = TrainingSession(default_config("toy1d", "maml"), commands, recorder, 0.0)
    thread = threading.Thread(target=session.run)
    thread.start()
    recorder.wait(lambda: "ready" in recorder.of("state"))
    yield commands, recorder
    commands.put("quit")
    thread.join(timeout=30)
    assert not thread.is_alive()


def steps_of(recorder: Recorder) -> list[int]:
    return [s.step for s in recorder.of("snapshot")]


def test_single_steps_then_run_to_the_budget(running):
    commands, recorder = running
    commands.put("step")
    commands.put("step")
    recorder.wait(lambda: steps_of(recorder)[-2:] == [1, 2])
    commands.put("set_config", default_config("toy1d", "maml").replace(iterations=40))
    commands.put("start")
    recorder.wait(lambda: recorder.of("state")[-1:] == ["finished"])
    assert steps_of(recorder) == list(range(1, 41))  # interval 0: every step is reported
    assert recorder.of("config_applied")[-1].iterations == 40


def test_calls_answer_with_their_tag_and_a_raising_one_pauses_the_run(running):
    commands, recorder = running
    commands.put("call", (lambda trainer: trainer.step, "step?"))
    recorder.wait(lambda: recorder.of("call_finished"))
    assert recorder.of("call_finished") == [CallResult("step?", 0)]
    commands.put("set_config", default_config("toy1d", "maml").replace(iterations=10**6))
    commands.put("start")
    recorder.wait(lambda: recorder.of("state")[-1:] == ["running"])
    commands.put("call", (partial(_raise, "no luck"), "bad"))
    recorder.wait(lambda: len(recorder.of("call_finished")) == 2)
    bad = recorder.of("call_finished")[1]
    assert bad.tag == "bad" and isinstance(bad.value, KeyError)
    assert "no luck" in recorder.of("failed")[0]
    recorder.wait(lambda: recorder.of("state")[-1:] == ["paused"])


def test_a_failed_adopt_keeps_the_run(running):
    commands, recorder = running
    commands.put("step")
    commands.put("adopt", (partial(_raise, "bad file"), "open"))
    recorder.wait(lambda: recorder.of("call_finished"))
    assert isinstance(recorder.of("call_finished")[0].value, KeyError)
    assert len(recorder.of("run_reset")) == 1  # still the first run
    commands.put("step")
    recorder.wait(lambda: steps_of(recorder)[-1:] == [2])


def test_adopt_shows_the_adopted_run_before_its_next_step(running):
    commands, recorder = running
    trained = Trainer(default_config("toy1d", "maml").replace(seed=4))
    for _ in range(3):
        trained.next_step()
    commands.put("adopt", (lambda: trained, "open"))
    recorder.wait(lambda: len(recorder.of("run_reset")) == 2)
    info = recorder.of("run_reset")[-1]
    assert info.config.seed == 4
    assert info.extra["snapshot"].step == 3


def test_a_pause_stops_training_before_the_next_step(running):
    commands, recorder = running
    commands.put("requests", (PayloadRequest("gap"),))
    commands.put("start")
    recorder.wait(lambda: len(steps_of(recorder)) >= 5)
    commands.put("pause")
    recorder.wait(lambda: recorder.of("state")[-1:] == ["paused"])
    frozen = steps_of(recorder)[-1]
    assert recorder.of("payload")  # the gap arrived while running
    commands.put("requests", ())
    commands.put("call", (lambda trainer: trainer.step, "where"))
    recorder.wait(lambda: recorder.of("call_finished"))
    assert recorder.of("call_finished")[0].value == frozen  # no step after the pause


def test_a_pace_spaces_the_steps_and_commands_still_answer_at_once(running):
    commands, recorder = running
    commands.put("set_config", default_config("toy1d", "maml").replace(iterations=400))
    commands.put("pace", 20.0)
    commands.put("start")
    recorder.wait(lambda: len(steps_of(recorder)) >= 3)
    first = time.perf_counter()
    recorder.wait(lambda: len(steps_of(recorder)) >= 13)
    rate = 10 / (time.perf_counter() - first)
    assert 14 < rate < 24  # 20 per second, give or take the machine
    asked = time.perf_counter()
    commands.put("pause")
    recorder.wait(lambda: recorder.of("state")[-1:] == ["paused"])
    assert time.perf_counter() - asked < 0.2  # not held up by the wait for the next step
    commands.put("pace", None)
    commands.put("start")
    recorder.wait(lambda: recorder.of("state")[-1:] == ["finished"], timeout=60)


def test_what_cannot_be_pickled_arrives_as_a_failure():
    event, result = decode_event(encode_event("call_finished", CallResult("save", lambda: None)))
    assert event == "call_finished" and result.tag == "save"
    assert "could not be sent" in str(result.value)
    event, message = decode_event(encode_event("payload", lambda: None))
    assert event == "failed" and "could not send payload" in message
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        encode_command("call", (lambda trainer: 0, "tag"), "tag")  # refused where it is sent


def test_a_command_that_cannot_be_unpickled_is_answered_under_its_tag(running):
    commands, recorder = running
    data = encode_command("call", (partial(_raise, "x"), "frames:1"), "frames:1")
    data = data.replace(b"_raise", b"_gone_")  # as if the function did not exist there
    commands.queue.put(decode_command(data))
    recorder.wait(lambda: recorder.of("call_finished"))
    (answer,) = recorder.of("call_finished")
    assert answer.tag == "frames:1" and "_gone_" in str(answer.value)
    assert "call command could not be read" in recorder.of("failed")[0]


def test_the_training_process_reports_through_its_pipe_and_quits_at_end_of_file():
    context = multiprocessing.get_context("spawn")
    command_read, command_write = context.Pipe(duplex=False)
    event_read, event_write = context.Pipe(duplex=False)
    config = default_config("toy1d", "maml")
    process = context.Process(target=serve, args=(config, command_read, event_write, 0.0))
    process.start()
    command_read.close()
    event_write.close()
    events = []
    try:
        command_write.send_bytes(encode_command("step"))
        while not any(name == "snapshot" for name, _ in events):
            assert event_read.poll(60), events
            events.append(decode_event(event_read.recv_bytes()))
        command_write.close()  # as if the app had died: end-of-file means quit
        process.join(timeout=30)
        assert process.exitcode == 0
        with pytest.raises(EOFError):  # it closed its end: nothing waits for ever
            while True:
                event_read.recv_bytes()
    finally:
        if process.is_alive():
            process.kill()
    names = [name for name, _ in events]
    assert names[:2] == ["run_reset", "state"] and names[-1] == "snapshot"
    assert events[-1][1].step == 1


def _raise(message: str, *_args):
    raise KeyError(message)

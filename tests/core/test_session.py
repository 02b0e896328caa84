"""The training session's command loop, driven in-process without Qt or a second process."""

from __future__ import annotations

import pickle
import queue
import threading
import time
from functools import partial

import pytest

from maml_gui.core import session as session_module
from maml_gui.core.config import default_config
from maml_gui.core.session import CallResult, TrainingSession
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


def test_calls_answer_with_their_tag_and_raising_pauses(running):
    commands, recorder = running
    commands.put("call", (lambda trainer: trainer.step, "step?"))
    commands.put("call", (partial(_raise, "no luck"), "bad"))
    recorder.wait(lambda: len(recorder.of("call_finished")) == 2)
    good, bad = recorder.of("call_finished")
    assert good == CallResult("step?", 0)
    assert bad.tag == "bad" and isinstance(bad.value, KeyError)
    assert "no luck" in recorder.of("failed")[0]


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


def test_a_pause_is_answered_before_the_remaining_payloads(running):
    commands, recorder = running
    commands.put("requests", (session_module.PayloadRequest("gap"),))
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
    sent: queue.SimpleQueue = queue.SimpleQueue()
    emit = session_module._pickled_emitter(sent)
    emit("call_finished", CallResult("save", lambda: None))
    emit("payload", lambda: None)
    result = pickle.loads(sent.get())
    assert result[0] == "call_finished" and result[1].tag == "save"
    assert "could not be sent" in str(result[1].value)
    event, message = pickle.loads(sent.get())
    assert event == "failed" and "could not send payload" in message


def _raise(message: str, *_args):
    raise KeyError(message)

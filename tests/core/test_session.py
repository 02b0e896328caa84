"""The training session's command loop, driven in-process without Qt or a second process."""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import threading
import time
from functools import partial

import pytest

from maml_gui.core.checkpoint import save_run
from maml_gui.core.config import default_config
from maml_gui.core.process.child import serve
from maml_gui.core.process.protocol import (
    CallResult,
    Command,
    Event,
    decode_command,
    decode_event,
    encode_command,
    encode_event,
)
from maml_gui.core.process.session import TrainingSession
from maml_gui.core.records import PayloadRequest
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

    def put(self, command: str, arg=None, call_id: int | None = None) -> None:
        self.queue.put((Command(command), call_id, arg))


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


def test_calls_answer_under_their_id_and_a_raising_one_pauses_the_run(running):
    commands, recorder = running
    commands.put("call", _step_of, call_id=1)
    recorder.wait(lambda: recorder.of("call_finished"))
    assert recorder.of("call_finished") == [CallResult(1, 0)]
    commands.put("set_config", default_config("toy1d", "maml").replace(iterations=10**6))
    commands.put("start")
    recorder.wait(lambda: recorder.of("state")[-1:] == ["running"])
    commands.put("call", partial(_raise, "no luck"), call_id=2)
    recorder.wait(lambda: len(recorder.of("call_finished")) == 2)
    bad = recorder.of("call_finished")[1]
    assert bad.call_id == 2 and bad.value is None and bad.error.kind == "KeyError"
    assert "no luck" in recorder.of("failed")[0]
    recorder.wait(lambda: recorder.of("state")[-1:] == ["paused"])


def test_a_failed_open_keeps_the_run(running, tmp_path):
    commands, recorder = running
    commands.put("step")
    commands.put("open", str(tmp_path / "missing.npz"), call_id=7)
    recorder.wait(lambda: recorder.of("call_finished"))
    (answer,) = recorder.of("call_finished")
    assert answer.call_id == 7 and answer.error.kind == "CheckpointError"
    assert "missing.npz" in answer.error.message
    assert len(recorder.of("run_reset")) == 1  # still the first run
    assert recorder.of("failed") == []  # a refused file does not pause the run
    commands.put("step")
    recorder.wait(lambda: steps_of(recorder)[-1:] == [2])


def test_open_shows_the_opened_run_before_its_next_step(running, tmp_path):
    commands, recorder = running
    trained = Trainer(default_config("toy1d", "maml").replace(seed=4))
    for _ in range(3):
        trained.next_step()
    path = save_run(trained, tmp_path / "trained.npz")
    commands.put("open", str(path), call_id=1)
    recorder.wait(lambda: recorder.of("call_finished"))
    assert recorder.of("call_finished") == [CallResult(1, None)]
    info = recorder.of("run_reset")[-1]
    assert info.config.seed == 4
    assert info.snapshot.step == 3
    commands.put("save", str(tmp_path / "again.npz"), call_id=2)
    recorder.wait(lambda: len(recorder.of("call_finished")) == 2)
    assert recorder.of("call_finished")[1].value == tmp_path / "again.npz"


def test_a_pause_stops_training_before_the_next_step(running):
    commands, recorder = running
    commands.put("requests", (PayloadRequest("gap"),))
    commands.put("start")
    recorder.wait(lambda: len(steps_of(recorder)) >= 5)
    commands.put("pause")
    recorder.wait(lambda: recorder.of("state")[-1:] == ["paused"])
    frozen = steps_of(recorder)[-1]
    ((request, gap),) = recorder.of("payload")[:1]  # the gap arrived while running
    assert request == PayloadRequest("gap") and type(gap).__name__ == "GapResult"
    commands.put("requests", ())
    commands.put("call", _step_of, call_id=1)
    recorder.wait(lambda: recorder.of("call_finished"))
    assert recorder.of("call_finished")[0].value == frozen  # no step after the pause


def test_a_pace_spaces_the_steps_and_a_pause_does_not_wait_for_the_next(running):
    commands, recorder = running
    commands.put("set_config", default_config("toy1d", "maml").replace(iterations=400))
    commands.put("pace", 40.0)
    commands.put("start")
    recorder.wait(lambda: len(steps_of(recorder)) >= 2)
    first = time.perf_counter()
    recorder.wait(lambda: len(steps_of(recorder)) >= 12)
    # a lower bound only: a loaded machine trains slower, never faster than the pace (a late
    # step may catch up one interval, hence 9 of the 10 intervals)
    assert time.perf_counter() - first >= 9 / 40.0
    commands.put("pace", 0.2)  # the next step is due in 5 s
    recorder.wait(lambda: recorder.of("snapshot"))
    done = len(steps_of(recorder))
    commands.put("pause")
    recorder.wait(lambda: recorder.of("state")[-1:] == ["paused"])
    assert len(steps_of(recorder)) <= done + 1  # the pause did not wait out the 5 s step
    commands.put("pace", None)
    commands.put("start")
    recorder.wait(lambda: recorder.of("state")[-1:] == ["finished"], timeout=60)


def test_what_cannot_be_pickled_arrives_as_a_failure():
    sent = encode_event(Event.CALL_FINISHED, CallResult(3, lambda: None))
    event, result = decode_event(sent)
    assert event is Event.CALL_FINISHED and result.call_id == 3 and result.value is None
    assert "could not be sent" in result.error.message
    event, message = decode_event(encode_event(Event.PAYLOAD, lambda: None))
    assert event is Event.FAILED and "could not send payload" in message
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        encode_command(Command.CALL, lambda trainer: 0, 1)  # refused where it is sent
    with pytest.raises(ValueError):
        encode_command("no such command")


def test_a_command_that_cannot_be_unpickled_is_answered_under_its_id(running):
    commands, recorder = running
    data = encode_command(Command.CALL, partial(_raise, "x"), 5)
    data = data.replace(b"_raise", b"_gone_")  # as if the function did not exist there
    commands.queue.put(decode_command(data))
    recorder.wait(lambda: recorder.of("call_finished"))
    (answer,) = recorder.of("call_finished")
    assert answer.call_id == 5 and "_gone_" in answer.error.message
    assert recorder.of("failed") == []  # the caller reports it; the run goes on


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
        command_write.send_bytes(encode_command(Command.STEP))
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
    names = [name for name, _ in events if name is not Event.LOG]
    assert names[:2] == [Event.RUN_RESET, Event.STATE] and names[-1] == Event.SNAPSHOT
    assert any(name is Event.LOG for name, _ in events)  # its log records reach the app
    assert events[-1][1].step == 1


def _raise(message: str, *_args):
    raise KeyError(message)


def _step_of(trainer) -> int:
    return trainer.step


def test_an_exploding_loss_pauses_the_run_once_and_says_why():
    commands, recorder = Commands(), Recorder()
    config = default_config("sinusoid", "maml").replace(inner_lr=2.0, meta_batch_size=5)
    session = TrainingSession(config, commands, recorder, 0.0)
    thread = threading.Thread(target=session.run)
    thread.start()
    try:
        recorder.wait(lambda: "ready" in recorder.of("state"))
        commands.put("start")
        recorder.wait(lambda: recorder.of("diverged"))
        (explained,) = recorder.of("diverged")
        message = str(explained)  # an EngineMessage: its English text
        assert "exploding" in message and "inner learning rate (now 2)" in message
        recorder.wait(lambda: recorder.of("state")[-1:] == ["paused"])
        assert all(s.main.loss_after == s.main.loss_after for s in recorder.of("snapshot"))
        commands.put("start")  # the user may go on: it is said once per run
        recorder.wait(lambda: len(recorder.of("snapshot")) >= 5)
        assert len(recorder.of("diverged")) == 1
    finally:
        commands.put("quit")
        thread.join(timeout=30)


def _same_snapshot(got, expected) -> bool:
    """Equal in every field but the wall time at which it was made."""
    views = [(got.main, expected.main), (got.twin, expected.twin)]
    return (
        got.step == expected.step
        and got.batch_info.keys() == expected.batch_info.keys()
        and all((got.batch_info[k] == expected.batch_info[k]).all() for k in got.batch_info)
        and all(
            a.loss_before == b.loss_before
            and a.loss_after == b.loss_after
            and (a.phi == b.phi).all()
            and (a.thetas == b.thetas).all()
            and (a.task_loss_before == b.task_loss_before).all()
            and (a.task_loss_after == b.task_loss_after).all()
            for a, b in views
        )
    )


@pytest.mark.parametrize("algorithm", ["maml", "reptile"])
def test_the_app_receives_the_snapshots_of_a_fully_observed_run(algorithm):
    """The session observes only the steps it sends (one per snapshot interval, and the step
    a pause halts at): each one it sends is the snapshot every-step observation gives."""
    config = default_config("sinusoid", algorithm).replace(iterations=10**6)
    commands, recorder = Commands(), Recorder()
    session = TrainingSession(config, commands, recorder, snapshot_interval=0.2)
    thread = threading.Thread(target=session.run)
    thread.start()
    try:
        recorder.wait(lambda: "ready" in recorder.of("state"))
        commands.put("start")
        recorder.wait(lambda: steps_of(recorder) and steps_of(recorder)[-1] >= 100)
        commands.put("pause")
        recorder.wait(lambda: recorder.of("state")[-1:] == ["paused"])
        halted = session.trainer.step  # the session waits for a command now
        end = halted + 30
        commands.put("set_config", config.replace(iterations=end))
        commands.put("start")
        recorder.wait(lambda: recorder.of("state")[-1:] == ["finished"])
    finally:
        commands.put("quit")
        thread.join(timeout=30)
    sent = recorder.of("snapshot")
    steps = [s.step for s in sent]
    assert steps == sorted(set(steps)) and steps[0] == 1 and steps[-1] == end
    assert halted in steps  # the step the pause halted at was shown, though not due
    assert len(steps) < end  # not every step was observed (a step took < 0.2 s)
    reference = Trainer(config)
    expected = {s.step: s for s in (reference.next_step() for _ in range(end))}
    assert all(_same_snapshot(s, expected[s.step]) for s in sent)


def test_a_large_models_views_get_a_larger_share_of_the_time(tmp_path, monkeypatch):
    """Conv4 steps in seconds: at the sinusoid's share its gap came once in 150 s."""
    from maml_gui.core.process import session

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    small = {"meta_batch_size": 2, "n_way": 3, "eval_tasks": 2}
    wide = Trainer(default_config("omniglot", "maml").replace(hidden=48, **small))
    narrow = Trainer(default_config("omniglot", "maml").replace(hidden=4, **small))
    share = TrainingSession._payload_share
    assert share(wide) == session.PAYLOAD_SHARE_LARGE > share(narrow) == session.PAYLOAD_SHARE

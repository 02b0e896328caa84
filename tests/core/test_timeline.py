"""The timeline: the run as it was at a recorded step is what a run stopped there, saved and
opened, shows; the live run is not changed by looking back."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from maml_gui.core.checkpoint import load_run, save_run
from maml_gui.core.config import default_config
from maml_gui.core.frames import compute_frame, timeline_frame
from maml_gui.core.records import PayloadRequest
from maml_gui.core.snapshot import flatten
from maml_gui.core.training import Trainer

EVALUATE_EVERY = 7
REQUESTS = {
    "toy2d": [PayloadRequest("loss_history"), PayloadRequest("trajectory"), PayloadRequest("gap")],
    "sinusoid": [
        PayloadRequest("loss_history"),
        PayloadRequest("trajectory"),
        PayloadRequest("gap"),
        PayloadRequest("function_fit", (("task_index", 1),)),
    ],
}


def _train(config, steps: int) -> Trainer:
    trainer = Trainer(config)
    for _ in range(steps):
        trainer.next_step()
        if trainer.step % EVALUATE_EVERY == 0:
            trainer.evaluate()
    return trainer


def _assert_same(got, expected, where: str = "") -> None:
    """Equal field by field (numpy arrays exactly), except a snapshot's wall time."""
    if dataclasses.is_dataclass(expected):
        assert type(got) is type(expected), where
        for field in dataclasses.fields(expected):
            if field.name != "wall_time":
                name = f"{where}.{field.name}"
                _assert_same(getattr(got, field.name), getattr(expected, field.name), name)
    elif isinstance(expected, np.ndarray):
        np.testing.assert_array_equal(got, expected, err_msg=where)
    elif isinstance(expected, dict):
        assert got.keys() == expected.keys(), where
        for key in expected:
            _assert_same(got[key], expected[key], f"{where}[{key}]")
    elif isinstance(expected, (list, tuple)):
        assert len(got) == len(expected), where
        for i, (a, b) in enumerate(zip(got, expected, strict=True)):
            _assert_same(a, b, f"{where}[{i}]")
    else:
        assert got == expected or (got != got and expected != expected), where  # NaN == NaN


@pytest.mark.parametrize("task", ["toy2d", "sinusoid"])
def test_the_timeline_at_a_step_shows_the_run_stopped_there(task, tmp_path):
    config = default_config(task, "maml").replace(iterations=60, meta_batch_size=4, eval_tasks=20)
    live = _train(config, 60)
    phi_now = flatten(live.main.values())
    requests = REQUESTS[task]
    for step in (0, 21, 40):
        frame = timeline_frame(live, step, requests)
        assert frame.step == step and not frame.failed
        stopped = load_run(save_run(_train(config, step), tmp_path / f"{task}-{step}.npz"))
        expected = compute_frame(stopped, [r for r, _ in frame.payloads])
        _assert_same(frame.snapshot, expected.snapshot, "snapshot")
        for (request, payload), want in zip(frame.payloads, expected.payloads, strict=True):
            _assert_same(payload, want, request.kind)
    # looking back changed nothing in the live run
    assert live.step == 60
    np.testing.assert_array_equal(flatten(live.main.values()), phi_now)
    np.testing.assert_array_equal(frame.recorded, np.arange(61))


def test_a_step_between_recorded_points_shows_the_one_before(tmp_path):
    """Past 512 points a path keeps every second step (then every fourth...): the timeline
    shows the last recorded point at or before the step asked for, and says which."""
    config = default_config("toy1d", "maml").replace(iterations=600)
    live = _train(config, 600)
    frame = timeline_frame(live, 555, [PayloadRequest("loss_history")])
    assert frame.step in frame.recorded and frame.step <= 555
    assert frame.recorded[np.searchsorted(frame.recorded, frame.step) + 1] > 555
    assert frame.snapshot.step == frame.step


def test_a_payload_that_cannot_be_computed_is_reported_not_raised():
    """At step 0 the path has one point: no plane goes through it. The frame still comes,
    with the other payloads and the reason."""
    config = default_config("sinusoid", "maml").replace(meta_batch_size=4, eval_tasks=20)
    live = _train(config, 10)
    plane = PayloadRequest("plane_landscape", (("plane", "pca"), ("resolution", 5)))
    frame = timeline_frame(live, 0, [PayloadRequest("loss_history"), plane])
    assert [r for r, _ in frame.payloads] == [PayloadRequest("loss_history")]
    assert [r for r, _ in frame.failed] == [plane] and frame.failed[0][1]

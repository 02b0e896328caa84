"""The user's own task in function space: fits from both starting points on support points
the user placed equal an independent per-task SGD from the same phi, in float64."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from maml_gui.core.config import default_config
from maml_gui.core.function_space import MAX_FIT_STEPS, function_fit
from maml_gui.core.payloads import compute_payload
from maml_gui.core.records import PayloadRequest
from maml_gui.core.training import Trainer
from tests.core import reference as ref

SUPPORT = ((-4.0, 1.5), (-1.0, -2.0), (0.5, 0.25), (3.0, 2.5))
TRUTH = (2.5, 0.7)


@pytest.fixture(scope="module")
def trainer():
    config = default_config("sinusoid", "maml").replace(meta_batch_size=4, eval_tasks=10)
    trainer = Trainer(config, dtype=torch.float64)
    for _ in range(30):
        trainer.next_step()
    return trainer


def _reference_fit(learner, support, x, k, lr):
    phi = {
        name: v.detach().clone().requires_grad_(True) for name, v in learner.start_values().items()
    }
    xs = torch.tensor([[p[0]] for p in support], dtype=torch.float64)
    ys = torch.tensor([[p[1]] for p in support], dtype=torch.float64)
    with torch.enable_grad():
        theta = ref.adapt_loop(phi, (xs, ys), k, lr, list(phi), create_graph=False)
    return ref.forward(theta, torch.as_tensor(x[:, None])).detach().numpy()[:, 0]


def test_fits_on_your_own_points_equal_plain_sgd_from_each_phi(trainer):
    lr = trainer.config.test_inner_lr
    fit = function_fit(trainer, 2, steps=(0, 1, 7), support=SUPPORT, truth=TRUTH)
    assert fit.own_task and fit.steps == (0, 1, 7)
    np.testing.assert_array_equal(fit.support_x, [p[0] for p in SUPPORT])
    np.testing.assert_array_equal(fit.support_y, [p[1] for p in SUPPORT])
    np.testing.assert_allclose(fit.truth, TRUTH[0] * np.sin(fit.x - TRUTH[1]), atol=1e-12)
    for learner, rows in ((trainer.main, fit.main), (trainer.twin, fit.twin)):
        for k, row in zip(fit.steps, rows, strict=True):
            expected = _reference_fit(learner, SUPPORT, fit.x, k, lr)
            np.testing.assert_allclose(row, expected, rtol=0, atol=1e-12)
    # the points matter: other points, other fits after a step; the same phi before
    other = function_fit(trainer, 2, steps=(0, 1, 7), support=SUPPORT[:2], truth=TRUTH)
    np.testing.assert_array_equal(other.main[0], fit.main[0])
    assert np.abs(other.main[2] - fit.main[2]).max() > 1e-3


def test_without_points_only_phi_itself_is_fitted(trainer):
    fit = function_fit(trainer, 0, steps=(0, 1, 10), support=(), truth=TRUTH)
    assert fit.steps == (0,) and fit.main.shape == (1, len(fit.x)) and len(fit.support_x) == 0


def test_the_payload_request_carries_the_points_steps_and_truth(trainer):
    request = PayloadRequest(
        "function_fit",
        (("task_index", 3), ("steps", (0, 4)), ("support", SUPPORT), ("truth", TRUTH)),
    )
    fit = compute_payload(trainer, request)
    direct = function_fit(trainer, 3, steps=(0, 4), support=SUPPORT, truth=TRUTH)
    np.testing.assert_array_equal(fit.main, direct.main)
    # the held-out task's request is unchanged: its own support and truth
    held_out = compute_payload(trainer, PayloadRequest("function_fit", (("task_index", 3),)))
    assert not held_out.own_task and len(held_out.support_x) == trainer.config.k_shot


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"support": ((0.0, float("nan")),)}, "finite"),
        ({"support": tuple((0.0, 0.0) for _ in range(101))}, "at most"),
        ({"steps": (0, MAX_FIT_STEPS + 1)}, "steps"),
        ({"truth": (float("inf"), 0.0)}, "finite"),
        ({"support": ((1.0, 2.0, 3.0),)}, "pairs"),
        ({"support": "abc"}, "pairs"),
        ({"truth": (1.0,)}, "two numbers"),
    ],
)
def test_absurd_input_is_refused_with_a_clear_message(trainer, kwargs, message):
    with pytest.raises(ValueError, match=message):
        function_fit(trainer, 0, **{"support": SUPPORT, **kwargs})

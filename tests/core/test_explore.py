"""The explore marker's meta-gradients (core.explore) against independent references.

The references here are written out by hand in numpy, one task at a time: the toy loss's
gradient and Hessian from its formula (no autograd), the inner steps as a plain loop, the
MAML objective's gradient by central finite differences, and iMAML's regularised inner
problems by plain gradient descent with the implicit formula solved by np.linalg.solve.
"""

from __future__ import annotations

import numpy as np
import pytest

from maml_gui.core.config import default_config
from maml_gui.core.explore import MAX_EXPLORE_STEPS, meta_gradients
from maml_gui.core.payloads import compute_payload
from maml_gui.core.records import MetaGradients, PayloadKind, PayloadRequest
from maml_gui.core.tasks.toy import BOWL_CURVATURE, TRAP_WIDTH, ToyFamily
from maml_gui.core.training import Trainer

RATE = 0.3


def _family(dim: int) -> ToyFamily:
    return ToyFamily(dim, 3, seed=0)


def _tasks(family: ToyFamily):
    centres = family.centres.numpy()
    trap = family.trap.numpy()
    return [(centres[n], trap, float(family.depths[n])) for n in range(family.n_tasks)]


def loss(w, task) -> float:
    centre, trap, depth = task
    r2 = float(((w - trap) ** 2).sum())
    return BOWL_CURVATURE * float(((w - centre) ** 2).sum()) - depth * np.exp(
        -r2 / (2 * TRAP_WIDTH**2)
    )


def gradient(w, task) -> np.ndarray:
    centre, trap, depth = task
    s2 = TRAP_WIDTH**2
    well = depth * np.exp(-float(((w - trap) ** 2).sum()) / (2 * s2))
    return 2 * BOWL_CURVATURE * (w - centre) + well * (w - trap) / s2


def hessian(w, task) -> np.ndarray:
    _centre, trap, depth = task
    s2, d = TRAP_WIDTH**2, len(w)
    diff = w - trap
    well = depth * np.exp(-float((diff**2).sum()) / (2 * s2))
    return 2 * BOWL_CURVATURE * np.eye(d) + well * (np.eye(d) / s2 - np.outer(diff, diff) / s2**2)


def adapted(phi, task, steps: int) -> np.ndarray:
    w = np.array(phi, dtype=float)
    for _ in range(steps):
        w = w - RATE * gradient(w, task)
    return w


def objective(phi, tasks, steps: int) -> float:
    return float(np.mean([loss(adapted(phi, t, steps), t) for t in tasks]))


def finite_difference(f, phi, h: float = 1e-6) -> np.ndarray:
    phi = np.asarray(phi, dtype=float)
    out = np.zeros_like(phi)
    for i in range(len(phi)):
        e = np.zeros_like(phi)
        e[i] = h
        out[i] = (f(phi + e) - f(phi - e)) / (2 * h)
    return out


def regularised_minimum(phi, task, lam: float) -> np.ndarray:
    """Plain gradient descent on l(w) + lam/2 |w - phi|^2 from phi, with a step below
    1 / (the largest curvature of l plus lam): the toy's curvature is at most 0.6 + 4.8."""
    w = np.array(phi, dtype=float)
    step = 1.0 / (lam + 2 * BOWL_CURVATURE + 1.2 / TRAP_WIDTH**2)
    for _ in range(200_000):
        g = gradient(w, task) + lam * (w - phi)
        if np.linalg.norm(g) < 1e-13:
            break
        w = w - step * g
    return w


POINTS = {1: ([-2.0], [0.1], [1.3]), 2: ([-2.0, -1.5], [0.2, -0.4], [1.1, 0.7])}


@pytest.mark.parametrize("dim", [1, 2])
@pytest.mark.parametrize("steps", [0, 1, 2, 5])
def test_maml_arrow_is_the_gradient_of_the_m_step_objective(dim, steps):
    family = _family(dim)
    tasks = _tasks(family)
    for phi in POINTS[dim]:
        result = meta_gradients(family, phi, RATE, steps)
        reference = finite_difference(lambda p: objective(p, tasks, steps), phi)
        np.testing.assert_allclose(result.maml, reference, rtol=1e-6, atol=1e-8)
        assert result.objective == pytest.approx(objective(phi, tasks, steps), rel=1e-12)
        thetas = np.array([adapted(phi, t, steps) for t in tasks])
        np.testing.assert_allclose(result.thetas, thetas, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(result.paths[:, -1], thetas, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(result.paths[:, 0], np.repeat([phi], 3, 0))


@pytest.mark.parametrize("dim", [1, 2])
@pytest.mark.parametrize("steps", [0, 1, 5, MAX_EXPLORE_STEPS])
def test_fomaml_arrow_is_the_mean_gradient_at_the_adapted_parameters(dim, steps):
    family = _family(dim)
    tasks = _tasks(family)
    for phi in POINTS[dim]:
        result = meta_gradients(family, phi, RATE, steps)
        expected = np.mean([gradient(adapted(phi, t, steps), t) for t in tasks], axis=0)
        np.testing.assert_allclose(result.fomaml, expected, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(result.curvature_term, result.maml - expected, atol=1e-10)


def test_maml_is_fomaml_plus_the_jacobian_products():
    """The curvature term written out: MAML = mean_n prod_j (I - a H_n(theta^j))^T grad l_n."""
    family = _family(2)
    tasks, steps, phi = _tasks(family), 3, np.array([0.2, -0.4])
    result = meta_gradients(family, phi, RATE, steps)
    total = np.zeros(2)
    for task in tasks:
        w, jacobian = phi.copy(), np.eye(2)
        for _ in range(steps):
            jacobian = (np.eye(2) - RATE * hessian(w, task)) @ jacobian
            w = w - RATE * gradient(w, task)
        total += jacobian.T @ gradient(w, task)
    np.testing.assert_allclose(result.maml, total / len(tasks), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("dim", [1, 2])
def test_reptile_arrow_is_its_update_in_gradient_units(dim):
    family = _family(dim)
    tasks = _tasks(family)
    phi = np.array(POINTS[dim][1])
    for steps in (1, 4):
        result = meta_gradients(family, phi, RATE, steps)
        mean_theta = np.mean([adapted(phi, t, steps) for t in tasks], axis=0)
        np.testing.assert_allclose(result.reptile, (phi - mean_theta) / (steps * RATE), rtol=1e-10)
    # one step: Reptile's direction is the pretraining gradient
    one = meta_gradients(family, phi, RATE, 1)
    pretraining = np.mean([gradient(phi, t) for t in tasks], axis=0)
    np.testing.assert_allclose(one.reptile, pretraining, rtol=1e-10)
    assert np.isnan(meta_gradients(family, phi, RATE, 0).reptile).all()


@pytest.mark.parametrize("dim", [1, 2])
@pytest.mark.parametrize("lam", [0.5, 2.0, 20.0])
def test_imaml_arrow_is_the_implicit_gradient_solved_exactly(dim, lam):
    family = _family(dim)
    tasks = _tasks(family)
    for phi in POINTS[dim]:
        phi = np.array(phi)
        result = meta_gradients(family, phi, RATE, 1, lam=lam)
        stars = [regularised_minimum(phi, t, lam) for t in tasks]
        np.testing.assert_allclose(result.imaml_thetas, stars, rtol=1e-9, atol=1e-10)
        implicit = [
            np.linalg.solve(np.eye(dim) + hessian(s, t) / lam, gradient(s, t))
            for s, t in zip(stars, tasks, strict=True)
        ]
        np.testing.assert_allclose(result.imaml, np.mean(implicit, axis=0), rtol=1e-8, atol=1e-10)


def test_imaml_arrow_is_the_gradient_of_its_own_objective():
    """The implicit function theorem's promise, checked: d/dphi mean_n l_n(theta_n*(phi))."""
    family = _family(2)
    tasks, lam, phi = _tasks(family), 1.5, np.array([1.1, 0.7])

    def implicit_objective(p) -> float:
        return float(np.mean([loss(regularised_minimum(p, t, lam), t) for t in tasks]))

    result = meta_gradients(family, phi, RATE, 1, lam=lam)
    reference = finite_difference(implicit_objective, phi, h=1e-5)
    np.testing.assert_allclose(result.imaml, reference, rtol=1e-5, atol=1e-8)


def test_imaml_tends_to_pretraining_as_lambda_grows():
    family = _family(2)
    phi = np.array([0.2, -0.4])
    pretraining = np.mean([gradient(phi, t) for t in _tasks(family)], axis=0)
    result = meta_gradients(family, phi, RATE, 1, lam=1000.0)
    np.testing.assert_allclose(result.imaml, pretraining, rtol=1e-2)


def test_m_zero_makes_every_arrow_the_pretraining_gradient():
    family = _family(2)
    phi = np.array([-2.0, -1.5])
    result = meta_gradients(family, phi, RATE, 0)
    pretraining = np.mean([gradient(phi, t) for t in _tasks(family)], axis=0)
    np.testing.assert_allclose(result.maml, pretraining, rtol=1e-12)
    np.testing.assert_allclose(result.fomaml, pretraining, rtol=1e-12)
    assert result.objective == pytest.approx(result.pretraining_objective)
    assert result.angle_maml_fomaml == pytest.approx(0.0, abs=1e-5)


def test_angle_between_maml_and_fomaml():
    def record(maml, fomaml) -> MetaGradients:
        zero = np.zeros(2)
        return MetaGradients(
            phi=zero,
            inner_steps=1,
            inner_lr=RATE,
            lam=1.0,
            thetas=np.zeros((1, 2)),
            paths=np.zeros((1, 2, 2)),
            task_losses=np.zeros(1),
            objective=0.0,
            pretraining_objective=0.0,
            maml=np.asarray(maml, float),
            fomaml=np.asarray(fomaml, float),
            reptile=zero,
            imaml=zero,
            imaml_thetas=np.zeros((1, 2)),
        )

    assert record([1, 0], [0, 2]).angle_maml_fomaml == pytest.approx(90.0)
    assert record([1, 1], [-3, -3]).angle_maml_fomaml == pytest.approx(180.0)
    assert record([1, 0], [1, 1]).angle_maml_fomaml == pytest.approx(45.0)
    assert np.isnan(record([0, 0], [1, 1]).angle_maml_fomaml)


@pytest.mark.parametrize(
    ("phi", "steps", "lam", "message"),
    [
        ([0.0], 1, 1.0, "2 numbers"),
        ([0.0, float("nan")], 1, 1.0, "finite"),
        ([0.0, 1e9], 1, 1.0, "finite numbers from"),
        ("a,b", 1, 1.0, "2 numbers"),
        ([0.0, 0.0], -1, 1.0, "from 0 to 20"),
        ([0.0, 0.0], 21, 1.0, "from 0 to 20"),
        ([0.0, 0.0], 1.5, 1.0, "whole number"),
        ([0.0, 0.0], 1, 0.0, "lambda"),
        ([0.0, 0.0], 1, float("nan"), "lambda"),
        ([0.0, 0.0], 1, "x", "lambda"),
    ],
)
def test_bad_inputs_say_what_is_wrong(phi, steps, lam, message):
    with pytest.raises(ValueError, match=message):
        meta_gradients(_family(2), phi, RATE, steps, lam=lam)


def test_payload_is_computed_from_the_request():
    trainer = Trainer(default_config("toy2d", "maml"))
    request = PayloadRequest(
        PayloadKind.META_GRADIENTS, (("phi", (0.2, -0.4)), ("steps", 3), ("lam", 2.0))
    )
    result = compute_payload(trainer, request)
    direct = meta_gradients(trainer.family, (0.2, -0.4), trainer.config.inner_lr, 3, 2.0)
    assert result.inner_steps == 3 and result.lam == 2.0
    np.testing.assert_array_equal(result.maml, direct.maml)
    np.testing.assert_array_equal(result.imaml, direct.imaml)

"""Every fast path against the general one, in float64.

- The explicit formulas (core/mlp_backprop.py, algorithms/explicit.py) against autograd: the
  Hessian-vector product directly, then each algorithm's meta-gradient, adaptation and losses
  against the general autograd path and the plain per-task loop of reference.py.
- The lean training step (nothing measured that nobody reads) against the observed one:
  the same phi, bit for bit, for every algorithm; a step observed after its update gives the
  snapshot it would have given at once.
"""

from __future__ import annotations

import pytest
import torch

from maml_gui.core.algorithms import explicit, make_algorithm
from maml_gui.core.algorithms.inner import adapt_batch, loss_trajectory
from maml_gui.core.algorithms.maml import first_order_gradient, second_order_gradient
from maml_gui.core.config import default_config
from maml_gui.core.history import DecimatingHistory
from maml_gui.core.mlp_backprop import backward, forward, hvp, layers_of, mse_scale
from maml_gui.core.snapshot import flatten
from maml_gui.core.tasks import SinusoidFamily, ToyFamily
from maml_gui.core.training import Trainer
from tests.core import reference as ref

TOL = 1e-10
ALGORITHMS = ("maml", "fomaml", "anil", "reptile", "pretraining")
HEAD = ("head.weight", "head.bias")


@pytest.fixture
def setup():
    family = SinusoidFamily(k_shot=5, k_query=6, hidden=8, dtype=torch.float64)
    gen = torch.Generator().manual_seed(11)
    return family, family.init_params(gen), family.sample(4, gen)


def _max_diff(a: dict, b: dict) -> float:
    assert a.keys() == b.keys()
    return max(float((a[k] - b[k]).abs().max()) for k in a)


def test_hessian_vector_product_matches_double_backward(setup):
    """Per-task parameters, a direction that is zero on the body (ANIL's case) and a full
    one, per task and summed over tasks."""
    _, phi, batch = setup
    gen = torch.Generator().manual_seed(1)
    per_task = {
        k: v + 0.1 * torch.randn((4, *v.shape), generator=gen, dtype=v.dtype)
        for k, v in phi.items()
    }
    x, y = batch.support
    for keys in (tuple(phi), HEAD):
        direction = {
            k: torch.randn((4, *v.shape), generator=gen, dtype=v.dtype) for k, v in phi.items()
        }
        expected = {}
        for i in range(4):
            leaves = {k: v[i].detach().requires_grad_(True) for k, v in per_task.items()}
            loss = ref.mse(leaves, (x[i], y[i]))
            grads = torch.autograd.grad(loss, list(leaves.values()), create_graph=True)
            dot = sum(
                (g * direction[k][i]).sum() for k, g in zip(leaves, grads, strict=True) if k in keys
            )
            hv = torch.autograd.grad(dot, list(leaves.values()))
            for k, h in zip(leaves, hv, strict=True):
                expected.setdefault(k, []).append(h)
        expected = {k: torch.stack(v) for k, v in expected.items()}
        layers = layers_of(per_task)
        trace = forward(layers, x)
        backward(trace, mse_scale(trace.out) * (trace.out - y))
        names = list(phi)
        u = [
            (direction[names[2 * i]], direction[names[2 * i + 1]]) if names[2 * i] in keys else None
            for i in range(len(layers))
        ]
        for reduce in (False, True):
            out = hvp(trace, mse_scale(trace.out), u, reduce=reduce)
            got = {}
            for i, (gw, gb) in enumerate(out):
                got[names[2 * i]], got[names[2 * i + 1]] = gw, gb
            want = {k: v.sum(0) for k, v in expected.items()} if reduce else expected
            assert _max_diff(got, want) < TOL, (keys, reduce)


@pytest.mark.parametrize("steps", [0, 1, 2, 3])
@pytest.mark.parametrize("keys", ["all", "head"])
@pytest.mark.parametrize("first_order", [False, True])
def test_explicit_meta_gradient_matches_autograd(setup, steps, keys, first_order):
    family, phi, batch = setup
    keys = tuple(phi) if keys == "all" else HEAD
    general = first_order_gradient if first_order else second_order_gradient
    expected, result = general(family.loss, phi, batch, steps, 0.05, keys, family.loss_batched)
    grads, after, thetas = explicit.meta_gradient(phi, batch, steps, 0.05, keys, first_order)
    assert _max_diff(grads, expected) < TOL
    assert float((after - result.loss_after).abs().max()) < TOL
    assert _max_diff(thetas, result.thetas) < TOL
    if not first_order and steps:
        # and against the plain per-task loop, independent of both batched forms
        assert _max_diff(grads, ref.maml_gradient(phi, batch, steps, 0.05, keys)) < TOL


def test_explicit_adaptation_and_losses_match_autograd(setup):
    family, phi, batch = setup
    for keys in (tuple(phi), HEAD):
        thetas = explicit.adapt(phi, batch.support, 3, 0.05, keys)
        expected = adapt_batch(family.loss, phi, batch.support, 3, 0.05, keys, None)
        assert _max_diff(thetas, expected) < TOL
        table = explicit.loss_trajectory(phi, batch.support, batch.query, 4, 0.05, keys)
        general = loss_trajectory(family.loss, phi, batch.support, batch.query, 4, 0.05, keys)
        assert float((table - general).abs().max()) < TOL
    losses = explicit.query_losses(phi, batch.query)
    expected = torch.stack([ref.mse(phi, ref.task_data(batch, i)[1]) for i in range(4)])
    assert float((losses - expected).abs().max()) < TOL


def test_explicit_joint_gradient_is_pretraining(setup):
    _, phi, batch = setup
    grads, before = explicit.joint_gradient(phi, batch.query)
    leaves = {k: v.clone().requires_grad_(True) for k, v in phi.items()}
    joint = sum(ref.mse(leaves, ref.task_data(batch, i)[1]) for i in range(4)) / 4
    expected = torch.autograd.grad(joint, list(leaves.values()))
    assert _max_diff(grads, dict(zip(phi, expected, strict=True))) < TOL
    assert abs(float(before.mean()) - float(joint.detach())) < TOL


def test_the_fast_path_is_taken_only_where_it_applies(setup):
    family, phi, _ = setup
    config = default_config("sinusoid", "maml")
    assert make_algorithm("maml", family, config, phi).explicit
    assert make_algorithm("anil", family, config.replace(algorithm="anil"), phi).explicit
    assert not make_algorithm("maml", family, config, phi, explicit=False).explicit
    assert explicit.lowest_adapted(phi, ("layer1.weight", "head.weight")) is None
    toy = Trainer(default_config("toy1d", "maml"))
    assert not toy.main.explicit and not toy.twin.explicit


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_each_algorithm_trains_the_same_on_both_paths(algorithm):
    """20 steps in float64 from the same seed: the learners' phi agree to rounding."""
    config = default_config("sinusoid", algorithm).replace(iterations=20, meta_batch_size=5)
    fast = Trainer(config, dtype=torch.float64)
    general = Trainer(config, dtype=torch.float64, explicit=False)
    assert fast.main.explicit and not general.main.explicit
    for _ in range(20):
        a, b = fast.next_step(), general.next_step()
        assert abs(a.main.loss_after - b.main.loss_after) < 1e-9
        assert abs(a.twin.loss_after - b.twin.loss_after) < 1e-9
    for mine, theirs in ((fast.main, general.main), (fast.twin, general.twin)):
        assert _max_diff(mine.values(), theirs.values()) < 1e-9


@pytest.mark.parametrize(
    ("task", "algorithm"),
    [("sinusoid", a) for a in ALGORITHMS]
    + [(t, a) for t in ("toy1d", "toy2d") for a in ALGORITHMS if a != "anil"],  # no head
)
def test_lean_steps_give_the_same_run_as_observed_ones(task, algorithm):
    """200 steps unobserved and 200 observed: phi, the optimiser state and the histories are
    identical (not merely close): observing measures, it never changes a step."""
    config = default_config(task, algorithm).replace(iterations=200)
    lean, observed = Trainer(config), Trainer(config)
    # a small loss history, so that most lean steps are not measured at all
    lean.losses, observed.losses = DecimatingHistory(4, 8), DecimatingHistory(4, 8)
    for _ in range(200):
        assert lean.next_step(observe=False) is None
        observed.next_step(observe=True)
    for mine, theirs in ((lean.main, observed.main), (lean.twin, observed.twin)):
        for k in mine.phi:
            assert torch.equal(mine.phi[k], theirs.phi[k]), k
        assert _max_diff(mine.state_tensors(), theirs.state_tensors()) == 0
    for name in ("losses", "main_path", "twin_path"):
        a, b = getattr(lean, name), getattr(observed, name)
        assert (a.steps == b.steps).all() and (a.rows == b.rows).all(), name


@pytest.mark.parametrize("algorithm", ["maml", "reptile"])
def test_a_step_observed_after_its_update_is_the_snapshot_it_would_have_been(algorithm):
    config = default_config("sinusoid", algorithm).replace(iterations=50)
    lean, observed = Trainer(config), Trainer(config)
    lean.retain_last_step = True
    # past the loss history's first halving too, where a step is not measured at all
    lean.losses, observed.losses = DecimatingHistory(4, 4), DecimatingHistory(4, 4)
    for step in range(1, 31):
        expected = observed.next_step(observe=True)
        assert lean.next_step(observe=False) is None
        if step % 7 == 0:
            got = lean.observe_last_step()
            assert got is not None and got.step == expected.step == step
            assert got.main.loss_after == expected.main.loss_after
            assert got.twin.loss_after == expected.twin.loss_after
            assert (got.main.phi == expected.main.phi).all()
            assert (got.twin.thetas == expected.twin.thetas).all()
            assert (got.main.task_loss_before == expected.main.task_loss_before).all()
            assert lean.observe_last_step() is None  # once
    headless = Trainer(config)
    headless.next_step(observe=False)
    assert headless.observe_last_step() is None  # nothing retained unless asked


@pytest.mark.parametrize("task", ["toy1d", "toy2d"])
@pytest.mark.parametrize("algorithm", ["maml", "fomaml", "reptile"])
def test_toys_train_the_same_with_their_task_batched_loss_as_with_vmap(
    task, algorithm, monkeypatch
):
    """The toys' task-batched loss (one autograd call for all tasks) against torch.func's
    vmap over tasks, which they used before: the same phi after 30 steps."""
    config = default_config(task, algorithm).replace(iterations=30)
    batched = Trainer(config)
    for _ in range(30):
        batched.next_step(observe=False)
    monkeypatch.setattr(ToyFamily, "loss_batched", None)
    per_task = Trainer(config)
    for _ in range(30):
        per_task.next_step(observe=False)
    for mine, theirs in ((batched.main, per_task.main), (batched.twin, per_task.twin)):
        assert _max_diff(mine.values(), theirs.values()) < 1e-12


def test_a_snapshots_theta_keeps_the_layers_anil_does_not_adapt_as_they_were():
    """ANIL's body in theta_n is phi's, before the update the snapshot's phi is from."""
    trainer = Trainer(default_config("sinusoid", "anil").replace(meta_lr=0.05))
    for _ in range(3):
        snapshot = trainer.next_step()
    body = len(snapshot.main.phi) - (40 + 1)  # the head: 40 weights and a bias, last
    assert (snapshot.main.thetas[:, :body] == snapshot.main.phi[:body]).all()
    assert not (snapshot.main.phi == flatten(trainer.main.values())).all()  # phi moved since

"""Batched meta-gradients against a plain per-task autograd loop (float64) and finite
differences; FOMAML, ANIL, Reptile and pretraining against their formulas."""

import pytest
import torch

from maml_gui.core.algorithms import MAML, Pretraining, Reptile
from maml_gui.core.algorithms.inner import batched_loss_of
from maml_gui.core.algorithms.maml import first_order_gradient, second_order_gradient
from maml_gui.core.config import RunConfig
from maml_gui.core.tasks import SinusoidFamily
from tests.core import reference as ref

TOL = 1e-9


class PerTaskSinusoid(SinusoidFamily):
    """The same family without a task-batched loss: the engine falls back to vmap."""

    loss_batched = None


@pytest.fixture(params=["task-batched", "vmap"])
def setup(request):
    cls = SinusoidFamily if request.param == "task-batched" else PerTaskSinusoid
    family = cls(k_shot=5, k_query=6, hidden=8, dtype=torch.float64)
    gen = torch.Generator().manual_seed(3)
    phi = family.init_params(gen)
    batch = family.sample(4, gen)
    return family, phi, batch


def _leaf(params):
    return {k: v.detach().requires_grad_(True) for k, v in params.items()}


def _max_diff(a, b):
    return max(float((a[k] - b[k]).abs().max()) for k in a)


@pytest.mark.parametrize("steps", [1, 2])
def test_maml_matches_per_task_loop(setup, steps):
    family, phi, batch = setup
    keys = tuple(phi)
    grads, result = second_order_gradient(
        family.loss, phi, batch, steps, 0.05, keys, batched_loss_of(family)
    )
    expected = ref.maml_gradient(phi, batch, steps, 0.05, keys)
    assert _max_diff(grads, expected) < TOL
    loop_loss = float(ref.maml_objective(_leaf(phi), batch, steps, 0.05, keys, False).detach())
    assert abs(float(result.loss_after.mean()) - loop_loss) < TOL


def test_maml_matches_finite_differences(setup):
    family, phi, batch = setup
    keys = tuple(phi)
    grads, _ = second_order_gradient(
        family.loss, phi, batch, 1, 0.05, keys, batched_loss_of(family)
    )
    eps = 1e-6
    checked = 0
    for name, value in phi.items():
        for index in range(value.numel()):
            plus = {k: v.clone() for k, v in phi.items()}
            minus = {k: v.clone() for k, v in phi.items()}
            plus[name].view(-1)[index] += eps
            minus[name].view(-1)[index] -= eps
            with torch.enable_grad():
                f_plus = ref.maml_objective(_leaf(plus), batch, 1, 0.05, keys)
                f_minus = ref.maml_objective(_leaf(minus), batch, 1, 0.05, keys)
            numeric = float((f_plus - f_minus).detach()) / (2 * eps)
            analytic = float(grads[name].view(-1)[index])
            assert abs(numeric - analytic) < 1e-6 * max(1.0, abs(analytic)), (name, index)
            checked += 1
    assert checked == sum(v.numel() for v in phi.values())


def test_fomaml_is_the_first_order_formula_and_differs_from_maml(setup):
    family, phi, batch = setup
    keys = tuple(phi)
    first, _ = first_order_gradient(family.loss, phi, batch, 1, 0.05, keys, batched_loss_of(family))
    assert _max_diff(first, ref.fomaml_gradient(phi, batch, 1, 0.05)) < TOL
    second, _ = second_order_gradient(
        family.loss, phi, batch, 1, 0.05, keys, batched_loss_of(family)
    )
    assert _max_diff(first, second) > 1e-4  # the second-order terms matter


def test_anil_adapts_only_the_head_and_matches_the_loop(setup):
    family, phi, batch = setup
    config = RunConfig(task="sinusoid", algorithm="anil", inner_lr=0.05)
    anil = MAML(family, config, phi, head_only=True)
    thetas = anil.adapt(batch.support, steps=3, lr=0.05)
    for name, value in thetas.items():
        moved = (value - phi[name]).abs().amax(dim=tuple(range(1, value.dim())))
        if name in family.head_keys:
            assert (moved > 0).all(), name
        else:
            assert (moved == 0).all(), name
    grads, _ = anil.meta_gradient(batch)
    expected = ref.maml_gradient(phi, batch, 1, 0.05, family.head_keys)
    assert _max_diff(grads, expected) < TOL
    assert float(grads["layer0.weight"].abs().max()) > 0  # the body still learns


def test_reptile_update_is_epsilon_times_mean_displacement(setup):
    family, phi, batch = setup
    config = RunConfig(
        task="sinusoid",
        algorithm="reptile",
        inner_lr=0.05,
        train_inner_steps=3,
        reptile_epsilon=0.25,
    )
    reptile = Reptile(family, config, phi)
    reptile.meta_step(batch)
    for name in phi:
        thetas = [
            ref.adapt_loop(
                _leaf(phi), ref.task_data(batch, i)[0], 3, 0.05, list(phi), create_graph=False
            )[name].detach()
            for i in range(batch.size)
        ]
        mean_theta = torch.stack(thetas).mean(0)
        expected = phi[name] + 0.25 * (mean_theta - phi[name])
        assert float((reptile.phi[name].detach() - expected).abs().max()) < TOL


def test_pretraining_gradient_is_the_joint_loss_gradient(setup):
    family, phi, batch = setup
    pre = Pretraining(family, RunConfig(task="sinusoid", algorithm="pretraining"), phi)
    grads, result = pre.meta_gradient(batch)
    leaves = _leaf({k: v.clone() for k, v in phi.items()})
    joint = sum(ref.mse(leaves, ref.task_data(batch, i)[1]) for i in range(batch.size))
    expected = torch.autograd.grad(joint / batch.size, list(leaves.values()))
    assert _max_diff(grads, dict(zip(phi, expected, strict=True))) < TOL
    assert abs(float(result.loss_before.mean()) - float(joint.detach() / batch.size)) < TOL


def test_evaluation_paths_agree():
    """The task-batched and the vmap evaluation give the same loss-after-k-steps table."""
    from maml_gui.core.algorithms.inner import loss_trajectory

    family = SinusoidFamily(k_shot=5, k_query=6, hidden=8, dtype=torch.float64)
    gen = torch.Generator().manual_seed(5)
    phi = family.init_params(gen)
    batch = family.sample(7, gen)
    keys = tuple(phi)
    batched = loss_trajectory(
        family.loss, phi, batch.support, batch.query, 4, 0.05, keys, family.loss_batched
    )
    per_task = loss_trajectory(family.loss, phi, batch.support, batch.query, 4, 0.05, keys)
    assert batched.shape == (7, 5)
    assert float((batched - per_task).abs().max()) < TOL

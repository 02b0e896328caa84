"""The Omniglot family's Conv4, batched over tasks by grouped convolution, against a per-task
loop in float64, with BatchNorm in batch-statistics mode: forward, loss, and the MAML, FOMAML
and ANIL meta-gradients (torch.func.vmap got the second-order one wrong by 1-4%)."""

from __future__ import annotations

import copy

import pytest
import torch

from maml_gui.core.algorithms import MAML
from maml_gui.core.algorithms.maml import first_order_gradient, second_order_gradient
from maml_gui.core.config import RunConfig
from maml_gui.core.conv4 import HEAD_KEYS, conv4_forward
from maml_gui.core.omniglot.images import load
from maml_gui.core.tasks.omniglot import OmniglotFamily
from tests.core import conv_reference as ref

TOL = 1e-10


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    return load(cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def setup(images):
    """3-way 1-shot, 2 queries, 3 tasks, 6 channels: small enough for float64 loops."""
    family = OmniglotFamily(images, n_way=3, k_shot=1, k_query=2, channels=6, dtype=torch.float64)
    gen = torch.Generator().manual_seed(4)
    phi = family.init_params(gen)
    # perturb BatchNorm's scale and shift so their gradients are not at a symmetric point
    phi = {k: v + 0.1 * torch.randn(v.shape, generator=gen, dtype=v.dtype) for k, v in phi.items()}
    return family, phi, family.sample(3, gen)


def _max_diff(a, b):
    return max(float((a[k] - b[k]).abs().max()) for k in a)


def test_the_batched_forward_is_each_tasks_own(setup):
    family, phi, batch = setup
    x, y = batch.query
    logits = conv4_forward(phi, x)
    for i in range(batch.size):
        assert float((logits[i] - ref.forward(phi, x[i])).abs().max()) < TOL
    per_task = {k: torch.stack([v * (1 + 0.1 * i) for i in range(3)]) for k, v in phi.items()}
    logits = conv4_forward(per_task, x)
    for i in range(3):
        one = {k: v[i] for k, v in per_task.items()}
        assert float((logits[i] - ref.forward(one, x[i])).abs().max()) < TOL
    losses = family.loss_batched(per_task, batch.query)
    expected = [
        ref.cross_entropy({k: v[i] for k, v in per_task.items()}, (x[i], y[i])) for i in range(3)
    ]
    assert float((losses - torch.stack(expected)).abs().max()) < TOL


def test_a_shared_body_is_the_grouped_forward_of_its_copies(setup):
    """Shared filters take a plain convolution over all tasks' images (ANIL's body); expanded
    to one copy per task they take the grouped one: the same numbers, and the same
    gradients."""
    family, phi, batch = setup
    head = {k: torch.stack([phi[k] * (1 + 0.1 * i) for i in range(3)]) for k in HEAD_KEYS}
    body = {k: v.clone().requires_grad_(True) for k, v in phi.items() if k not in HEAD_KEYS}
    copies = {k: v.unsqueeze(0).expand(3, *v.shape) for k, v in body.items()}
    shared_loss = family.loss_batched({**body, **head}, batch.query).sum()
    grouped_loss = family.loss_batched({**copies, **head}, batch.query).sum()
    assert abs(float((shared_loss - grouped_loss).detach())) < TOL
    shared = torch.autograd.grad(shared_loss, list(body.values()))
    grouped = torch.autograd.grad(grouped_loss, list(body.values()))
    for a, b in zip(shared, grouped, strict=True):
        assert float((a - b).abs().max()) < TOL


@pytest.mark.parametrize("steps", [1, 2])
@pytest.mark.parametrize("keys", ["all", "head"])
def test_maml_and_anil_match_the_per_task_loop(setup, steps, keys):
    family, phi, batch = setup
    keys = tuple(phi) if keys == "all" else HEAD_KEYS
    grads, _ = second_order_gradient(family.loss, phi, batch, steps, 0.4, keys, family.loss_batched)
    expected = ref.maml_gradient(phi, batch, steps, 0.4, keys)
    assert _max_diff(grads, expected) < TOL
    # BatchNorm cancels a conv bias feeding it: the truth is 0, vmap gave ~6e-3
    assert float(grads["conv0.bias"].abs().max()) < TOL


def test_fomaml_matches_the_per_task_loop(setup):
    family, phi, batch = setup
    keys = tuple(phi)
    grads, _ = first_order_gradient(family.loss, phi, batch, 1, 0.4, keys, family.loss_batched)
    assert _max_diff(grads, ref.maml_gradient(phi, batch, 1, 0.4, keys, first_order=True)) < TOL


@pytest.mark.parametrize("name", ["maml", "fomaml", "anil"])
def test_tasks_computed_in_passes_give_the_loops_gradient(setup, name):
    """The learners compute ``tasks_per_pass`` tasks at a time (Conv4 keeps them in cache):
    three tasks in passes of two (one uneven) give the per-task loop's meta-gradient, and
    the same theta_n and query losses as one pass."""
    family, phi, batch = setup
    in_passes = copy.copy(family)
    in_passes.tasks_per_pass = 2
    config = RunConfig(task="sinusoid", algorithm=name, inner_lr=0.4)
    flags = {"first_order": name == "fomaml", "head_only": name == "anil"}
    learner = MAML(in_passes, config, phi, **flags)
    keys = HEAD_KEYS if name == "anil" else tuple(phi)
    gradient = learner.gradient(batch)
    expected = ref.maml_gradient(phi, batch, 1, 0.4, keys, first_order=name == "fomaml")
    assert _max_diff(gradient.values, expected) < TOL
    whole = MAML(family, config, phi, **flags)
    assert _max_diff(gradient.thetas, whole.gradient(batch).thetas) < TOL
    assert _max_diff(learner.adapt(batch.support, 2, 0.4), whole.adapt(batch.support, 2, 0.4)) < TOL
    parts = learner.loss_after_steps(batch, 2, 0.4, family.metrics_batched)
    assert abs(parts - whole.loss_after_steps(batch, 2, 0.4, family.metrics_batched)).max() < TOL


def test_anils_inner_loop_changes_only_the_head(setup):
    family, phi, batch = setup
    anil = MAML(family, RunConfig(task="sinusoid", algorithm="anil"), phi, head_only=True)
    thetas = anil.adapt(batch.support, steps=3, lr=0.4)
    for name, value in thetas.items():
        moved = (value - phi[name]).abs().amax(dim=tuple(range(1, value.dim())))
        assert (moved > 0).all() if name in HEAD_KEYS else (moved == 0).all(), name


def test_the_same_seed_gives_the_same_tasks(images):
    family = OmniglotFamily(images)
    a = family.sample(4, torch.Generator().manual_seed(9))
    b = family.sample(4, torch.Generator().manual_seed(9))
    c = family.sample(4, torch.Generator().manual_seed(10))
    assert torch.equal(a.support[0], b.support[0]) and torch.equal(a.query[0], b.query[0])
    assert (a.info["classes"] == b.info["classes"]).all()
    assert not torch.equal(a.support[0], c.support[0])
    # HW15's shapes: 5-way 1-shot, 1 query per class, labels 0..4 in class order
    assert a.support[0].shape == (4, 5, 1, 28, 28) and a.query[0].shape == (4, 5, 1, 28, 28)
    assert a.support[1][0].tolist() == [0, 1, 2, 3, 4]
    # the query drawings are other drawings of the support's classes, never the same ones
    assert not any(torch.equal(a.support[0][0, i], a.query[0][0, i]) for i in range(5))


def test_test_tasks_draw_only_test_characters(images):
    train = OmniglotFamily(images, split="train")
    test = OmniglotFamily(images, split="test")
    assert not set(train.classes.character) & set(test.classes.character)
    batch = test.sample(6, torch.Generator().manual_seed(1))
    assert set(test.classes.character[batch.info["classes"].reshape(-1)]) <= set(
        test.classes.character
    )

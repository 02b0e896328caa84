"""The transfer-learning baseline of the classification family (HW15's): one classifier over
all the training classes, and a zero N-way head at test time."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from maml_gui.core.algorithms import TransferPretraining, make_algorithm
from maml_gui.core.algorithms.transfer import global_labelled
from maml_gui.core.config import RunConfig
from maml_gui.core.conv4 import HEAD_KEYS
from maml_gui.core.omniglot.images import load
from maml_gui.core.tasks.omniglot import OmniglotFamily
from tests.core import conv_reference as ref


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    images = load(cache_dir=tmp_path_factory.mktemp("cache"))
    family = OmniglotFamily(images, n_way=3, k_shot=1, k_query=2, channels=6, dtype=torch.float64)
    gen = torch.Generator().manual_seed(2)
    phi = family.init_params(gen)
    config = RunConfig(task="sinusoid", algorithm="pretraining", inner_lr=0.4)
    twin = make_algorithm("pretraining", family, config, phi)
    return family, phi, twin, family.sample(4, gen)


def test_pretraining_on_a_classification_family_is_transfer_learning(setup):
    family, phi, twin, _ = setup
    assert isinstance(twin, TransferPretraining)
    assert twin.phi["head.weight"].shape == (len(family.classes), 6)  # every training class
    for k, v in phi.items():
        if k not in HEAD_KEYS:
            assert torch.equal(twin.phi[k].detach(), v)  # the same body phi_0 as the algorithm


def test_its_test_time_head_starts_at_zero(setup):
    _, phi, twin, batch = setup
    start = twin.start_values()
    assert start.keys() == phi.keys()
    assert start["head.weight"].shape == (3, 6) and not start["head.weight"].any()
    assert not start["head.bias"].any()
    # zero logits: every task's query loss before fine-tuning is exactly ln N
    result = twin.measure(batch)
    assert torch.allclose(result.loss_before, torch.full((4,), math.log(3), dtype=torch.float64))
    thetas = twin.adapt(batch.support, steps=1, lr=0.4)
    assert thetas["head.weight"].abs().amax(dim=(1, 2)).gt(0).all()  # fine-tuning moved it
    table = twin.loss_after_steps(batch, 3, 0.4)
    assert table.shape == (4, 4) and abs(table[0, 0] - math.log(3)) < 1e-12


def test_its_gradient_is_the_all_classes_cross_entropy_of_the_meta_batchs_images(setup):
    _, _, twin, batch = setup
    images, labels = global_labelled(batch)
    assert images.shape == (4 * 3 * (1 + 2), 1, 28, 28)
    classes = batch.info["classes"]
    # task 0's support image of label n is of class classes[0, n]
    assert labels[:3].tolist() == classes[0].tolist()
    leaves = {k: v.detach().clone().requires_grad_(True) for k, v in twin.phi.items()}
    loss = F.cross_entropy(ref.forward(leaves, images), labels)
    expected = dict(zip(leaves, torch.autograd.grad(loss, list(leaves.values())), strict=True))
    got = twin.gradient(batch).values
    assert max(float((got[k] - expected[k]).abs().max()) for k in got) < 1e-10

"""BatchNorm's written-out second derivative (core/batch_norm.py) against PyTorch's own rule
and against finite differences, in float64."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from maml_gui.core.batch_norm import batch_norm_train

EPS = 1e-5


def _inputs(shape, seed=0):
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=gen, dtype=torch.float64) * 2 + 0.5
    weight = torch.randn(shape[1], generator=gen, dtype=torch.float64)
    bias = torch.randn(shape[1], generator=gen, dtype=torch.float64)
    return [t.requires_grad_(True) for t in (x, weight, bias)]


@pytest.mark.parametrize("shape", [(3, 4, 5, 5), (2, 3, 4), (5, 2)])
def test_first_and_second_derivatives_pass_finite_differences(shape):
    x, weight, bias = _inputs(shape)

    def fn(x, weight, bias):
        return batch_norm_train(x, weight, bias, EPS)

    assert torch.autograd.gradcheck(fn, (x, weight, bias))
    assert torch.autograd.gradgradcheck(fn, (x, weight, bias))


def _meta_like_gradient(norm, x, weight, bias, probe, head):
    """What MAML asks of BatchNorm: the gradient of a loss of the gradient (create_graph),
    here with every cotangent of the backward in play."""
    y = norm(x, weight, bias)
    inner = (y * head).sum() + (y**2 * 0.1).sum()
    gx, gw, gb = torch.autograd.grad(inner, (x, weight, bias), create_graph=True)
    outer = (gx * probe).sum() + (gw**2).sum() + (gb * gw).sum() + (gx**2).sum() * 0.3
    return torch.autograd.grad(outer, (x, weight, bias))


def test_the_meta_gradient_equals_pytorchs_rule():
    x, weight, bias = _inputs((4, 6, 7, 7), seed=3)
    gen = torch.Generator().manual_seed(5)
    probe = torch.randn(x.shape, generator=gen, dtype=torch.float64)
    head = torch.randn(x.shape, generator=gen, dtype=torch.float64)

    def native(x, weight, bias):
        return F.batch_norm(x, None, None, weight, bias, training=True, eps=EPS)

    def ours(x, weight, bias):
        return batch_norm_train(x, weight, bias, EPS)

    expected = _meta_like_gradient(native, x, weight, bias, probe, head)
    got = _meta_like_gradient(ours, x, weight, bias, probe, head)
    for e, g in zip(expected, got, strict=True):
        assert float((e - g).abs().max()) < 1e-10 * max(1.0, float(e.abs().max()))


def test_the_forward_and_first_derivative_are_pytorchs():
    x, weight, bias = _inputs((4, 3, 6, 6), seed=7)
    ours = batch_norm_train(x, weight, bias, EPS)
    native = F.batch_norm(x, None, None, weight, bias, training=True, eps=EPS)
    assert torch.equal(ours, native)
    cotangent = torch.randn_like(x)
    for a, b in zip(
        torch.autograd.grad(ours, (x, weight, bias), cotangent),
        torch.autograd.grad(native, (x, weight, bias), cotangent),
        strict=True,
    ):
        assert torch.equal(a, b)

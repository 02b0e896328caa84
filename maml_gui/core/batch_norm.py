"""BatchNorm with batch statistics, with its second derivative written out.

MAML's meta-gradient differentiates the inner loop's gradient, so for Conv4 it needs the
derivative of BatchNorm's backward. PyTorch's rule for that (``batchnorm_double_backward``)
is a composite of some 26 full-size elementwise operations per layer; on the first block's
28 x 28 activations they took 30% of a second-order meta-step (profiled, meta-batch 32). The
formulas below need about a third as many passes over the activations. The forward and the
first backward are PyTorch's native kernels, so first-order paths are unchanged.

Per channel, over its N values: x̂ = (x - mean) r with r = 1 / sqrt(var + eps), y = w x̂ + b.
The backward, given gy: gb = Σ gy, gw = Σ gy x̂, gx = w r P(gy) with
P(v) = v - mean(v) - x̂ mean(v x̂). Its derivative, given cotangents (ggx, ggw, ggb) of
(gx, gw, gb), with m1 = mean(gy), m2 = mean(gy x̂), n1 = mean(ggx), M = mean(ggx x̂) and
a = mean(ggx gy) - n1 m1 (using d x̂_j / d x_i = r (δ_ij - 1/N - x̂_i x̂_j / N) and
d r / d x_i = -r² x̂_i / N):

    g_gy = w r ggx + (ggw - w r M) x̂ + ggb - w r n1      (P is self-adjoint)
    g_w  = N r (a - m2 M)
    g_x  = c1 P(gy) + c2 P(ggx) + w r² (m2 M - a) x̂,  c1 = r (ggw - w r M), c2 = -w r² m2

Checked against PyTorch's own rule by gradgradcheck in float64 (tests/core/test_batch_norm.py)
and, through Conv4, against a per-task loop (tests/core/test_conv4.py).
"""

from __future__ import annotations

import torch
from torch.autograd.function import once_differentiable


def batch_norm_train(
    x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float
) -> torch.Tensor:
    """F.batch_norm(x, None, None, weight, bias, training=True, eps=eps), channels in dim 1,
    twice differentiable (not three times)."""
    return _BatchNorm.apply(x, weight, bias, eps)[0]


# Both functions use the setup_context form so that torch.func transforms (vmap) accept them.


class _BatchNorm(torch.autograd.Function):
    generate_vmap_rule = True

    @staticmethod
    def forward(x, weight, bias, eps):
        # y, and x's channel means and 1 / sqrt(var + eps), which the backward needs
        return torch.ops.aten.native_batch_norm(x, weight, bias, None, None, True, 0.0, eps)

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, weight, _, eps = inputs
        _, mean, invstd = output
        ctx.mark_non_differentiable(mean, invstd)
        ctx.save_for_backward(x, weight, mean, invstd)
        ctx.eps = eps

    @staticmethod
    def backward(ctx, grad_y, _grad_mean, _grad_invstd):
        x, weight, mean, invstd = ctx.saved_tensors
        grad_x, grad_weight, grad_bias = _BatchNormBackward.apply(
            grad_y, x, weight, mean, invstd, ctx.eps
        )
        return grad_x, grad_weight, grad_bias, None


class _BatchNormBackward(torch.autograd.Function):
    """(gy, x, w) -> (gx, gw, gb); ``mean`` and ``invstd`` are x's, saved by the forward (their
    dependence on x is in the formulas, so they take no gradient of their own)."""

    generate_vmap_rule = True

    @staticmethod
    def forward(grad_y, x, weight, mean, invstd, eps):
        return torch.ops.aten.native_batch_norm_backward(
            grad_y, x, weight, None, None, mean, invstd, True, eps, [True, True, True]
        )

    @staticmethod
    def setup_context(ctx, inputs, output):
        grad_y, x, weight, mean, invstd, _ = inputs
        ctx.save_for_backward(grad_y, x, weight, mean, invstd)

    @staticmethod
    @once_differentiable
    def backward(ctx, ggx, ggw, ggb):
        grad_y, x, weight, mean, invstd = ctx.saved_tensors
        shape = (1, -1) + (1,) * (x.dim() - 2)
        dims = [0, *range(2, x.dim())]
        count = x.numel() // x.shape[1]

        def channel(v: torch.Tensor | None) -> torch.Tensor | float:
            return 0.0 if v is None else v.view(shape)

        def mean_of(v: torch.Tensor) -> torch.Tensor:
            return v.mean(dims, keepdim=True)

        r, w = invstd.view(shape), weight.view(shape)
        x_hat = (x - mean.view(shape)) * r
        m1, m2 = mean_of(grad_y), mean_of(grad_y * x_hat)
        wr = w * r
        if ggx is None:
            n1 = big_m = a = 0.0
        else:
            n1, big_m = mean_of(ggx), mean_of(ggx * x_hat)
            a = mean_of(ggx * grad_y) - n1 * m1
        ggw, ggb = channel(ggw), channel(ggb)

        # g_gy = w r ggx + (ggw - w r M) x̂ + ggb - w r n1
        g_grad_y = (ggw - wr * big_m) * x_hat + (ggb - wr * n1)
        if ggx is not None:
            g_grad_y = g_grad_y + wr * ggx

        c1 = r * (ggw - wr * big_m)
        c2 = -wr * r * m2
        # g_x = c1 P(gy) + c2 P(ggx) + w r² (m2 M - a) x̂, collected by term
        x_hat_coefficient = wr * r * (m2 * big_m - a) - c1 * m2 - c2 * big_m
        g_x = c1 * grad_y + (x_hat_coefficient * x_hat - (c1 * m1 + c2 * n1))
        if ggx is not None:
            g_x = g_x + c2 * ggx
            g_weight = (count * r * (a - m2 * big_m)).reshape(-1)
        else:
            g_weight = torch.zeros_like(weight)
        return g_grad_y, g_x, g_weight, None, None, None

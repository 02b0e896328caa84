"""The MLP used by the network families, written so one forward pass serves two cases.

Every layer is ``x @ W.mT + b`` with broadcasting, so the same function evaluates one
parameter set (W: (out, in)) or a whole batch of parameter sets (W: (P, out, in)) in one
matmul per layer: that is what makes landscapes on a 101 x 101 grid cheap.
"""

from __future__ import annotations

import itertools
import math

import torch
import torch.nn.functional as F

# the same alias as tasks.base.Params (importing it from there would be circular)
Params = dict[str, torch.Tensor]

#: the last layer: what ANIL adapts in its inner loop
HEAD_KEYS = ("head.weight", "head.bias")


def layer_names(n_layers: int) -> list[str]:
    return [f"layer{i}" for i in range(n_layers - 1)] + ["head"]


def mlp_size(sizes: tuple[int, ...]) -> int:
    """Number of parameters of an MLP with these layer widths (weights and biases)."""
    return sum(a * b + b for a, b in itertools.pairwise(sizes))


def init_mlp(sizes: tuple[int, ...], generator: torch.Generator, dtype: torch.dtype) -> Params:
    """PyTorch's default Linear initialisation (U[-1/sqrt(fan_in), 1/sqrt(fan_in)]), seeded."""
    params: Params = {}
    for name, fan_in, fan_out in zip(
        layer_names(len(sizes) - 1), sizes[:-1], sizes[1:], strict=True
    ):
        bound = 1.0 / math.sqrt(fan_in)
        weight = (torch.rand((fan_out, fan_in), generator=generator, dtype=dtype) * 2 - 1) * bound
        bias = (torch.rand((fan_out,), generator=generator, dtype=dtype) * 2 - 1) * bound
        params[f"{name}.weight"] = weight
        params[f"{name}.bias"] = bias
    return params


def mlp_forward(params: Params, x: torch.Tensor) -> torch.Tensor:
    """ReLU MLP. ``params`` may carry a leading batch dimension P (tasks or grid points); then
    ``x`` is (N, in) shared by all P, or (P, N, in). Returns (..., N, out)."""
    names = _names(params)
    h = x
    for i, name in enumerate(names):
        weight, bias = params[f"{name}.weight"], params[f"{name}.bias"]
        if weight.dim() == 3:
            if h.dim() == 2:
                h = h.expand(weight.shape[0], *h.shape)
            # baddbmm: the bias add fused into the batched matmul, ~2x faster than @ then +
            h = torch.baddbmm(bias.unsqueeze(1), h, weight.mT)
        else:
            h = F.linear(h, weight, bias)
        if i < len(names) - 1:
            h = torch.relu(h)
    return h


def mlp_forward_plane(
    origin: Params, d1: Params, d2: Params, a: torch.Tensor, b: torch.Tensor, x: torch.Tensor
) -> torch.Tensor:
    """The MLP at parameters origin + a_p d1 + b_p d2 for every p, without building them.

    Weights are linear in (a, b): h W_p^T = h W0^T + a_p h D1^T + b_p h D2^T = [h, a_p h, b_p h]
    [W0, D1, D2]^T, one matmul per layer with no per-point weight copies (measured 1.3x faster
    than three matmuls, whose extra elementwise passes dominate at this width). Returns
    (P, N, out).
    """
    names = _names(origin)
    n_points = a.shape[0]
    scale_a = a.view(n_points, 1, 1)
    scale_b = b.view(n_points, 1, 1)
    coefficients = torch.stack([torch.ones_like(a), a, b], dim=1)  # (P, 3)
    h = x.expand(n_points, *x.shape)
    for i, name in enumerate(names):
        key_w, key_b = f"{name}.weight", f"{name}.bias"
        stacked_w = torch.cat([origin[key_w], d1[key_w], d2[key_w]], dim=1).mT  # (3 in, out)
        stacked_b = torch.stack([origin[key_b], d1[key_b], d2[key_b]])  # (3, out)
        stacked_h = torch.cat([h, scale_a * h, scale_b * h], dim=-1)  # (P, N, 3 in)
        h = torch.matmul(stacked_h, stacked_w).add_((coefficients @ stacked_b).unsqueeze(1))
        if i < len(names) - 1:
            h = h.relu_()
    return h


def _names(params: Params) -> list[str]:
    return sorted({k.rsplit(".", 1)[0] for k in params}, key=_layer_order)


def _layer_order(name: str) -> int:
    return 10**6 if name == "head" else int(name.removeprefix("layer"))

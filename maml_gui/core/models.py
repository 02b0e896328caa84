"""The MLP used by the network families, written so one forward pass serves two cases.

Every layer is ``x @ W.mT + b`` with broadcasting, so the same function evaluates one
parameter set (W: (out, in)) or a whole batch of parameter sets (W: (P, out, in)) in one
matmul per layer: that is what makes landscapes on a 101 x 101 grid cheap.
"""

from __future__ import annotations

import math

import torch

from maml_gui.core.tasks.base import Params

#: the last layer: what ANIL adapts in its inner loop
HEAD_KEYS = ("head.weight", "head.bias")


def layer_names(n_layers: int) -> list[str]:
    return [f"layer{i}" for i in range(n_layers - 1)] + ["head"]


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
    """ReLU MLP; ``params`` may carry a leading batch dimension, ``x`` is (..., N, in)."""
    names = sorted({k.rsplit(".", 1)[0] for k in params}, key=_layer_order)
    h = x
    for i, name in enumerate(names):
        h = h @ params[f"{name}.weight"].mT + params[f"{name}.bias"].unsqueeze(-2)
        if i < len(names) - 1:
            h = torch.relu(h)
    return h


def _layer_order(name: str) -> int:
    return 10**6 if name == "head" else int(name.removeprefix("layer"))

"""The ReLU MLP's backward pass and Hessian-vector product under squared error, by hand.

Meta-learning on a small MLP is dominated by the cost of dispatching many tiny tensor
operations, not by arithmetic. Autograd records and replays a node per operation, and a
second-order MAML step differentiates that record again (``create_graph``). Written out, one
inner step is a forward pass, a backward pass and, for the meta-gradient, one Hessian-vector
product (Pearlmutter 1994, the R-operator) per inner step: about half the operations and no
graph at all. ``tests/core/test_fast_paths.py`` holds every formula here against autograd in
float64; ``tests/benchmarks/engine_speed.py`` measures what it buys.

Shapes. A parameter set is a list of ``(weight, bias)`` per layer, each either shared by all
tasks (``(out, in)``, ``(out,)``) or one per task (``(T, out, in)``, ``(T, out)``); inputs are
``(T, N, in)``. Gradients come per task (``(T, out, in)``) or, with ``reduce``, summed over the
tasks (``(out, in)``) in one matrix product instead of a batched one and a sum.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
import torch.nn.functional as F

from maml_gui.core.models import Params, layer_names

#: (weight, bias) of every layer, input layer first; None for "no direction" in a product
Layer = tuple[torch.Tensor, torch.Tensor]
Direction = list["tuple[torch.Tensor, torch.Tensor] | None"]


def layers_of(params: Params) -> list[Layer]:
    names = layer_names(len(params) // 2)
    return [(params[f"{n}.weight"], params[f"{n}.bias"]) for n in names]


def params_of(layers: list[Layer]) -> Params:
    out: Params = {}
    for name, (weight, bias) in zip(layer_names(len(layers)), layers, strict=True):
        out[f"{name}.weight"] = weight
        out[f"{name}.bias"] = bias
    return out


def linear(h: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor:
    """h W^T + b for a shared or a per-task W: (T, N, in) -> (T, N, out)."""
    if weight.dim() == 3:
        if bias is None:
            return torch.bmm(h, weight.mT)
        # baddbmm: the bias add fused into the batched product (~2x faster than @ then +)
        return torch.baddbmm(bias.unsqueeze(1), h, weight.mT)
    return F.linear(h, weight, bias)


def _back(d: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """d W: the delta at a layer's input from the delta at its output."""
    return torch.bmm(d, weight) if weight.dim() == 3 else d @ weight


def _relu_back(d: torch.Tensor, relu_out: torch.Tensor) -> torch.Tensor:
    """d where the ReLU was active, else 0: ReLU's own backward, one kernel instead of a
    comparison and a product."""
    return torch.ops.aten.threshold_backward(d, relu_out, 0)


def _outer(d: torch.Tensor, a: torch.Tensor, reduce: bool) -> torch.Tensor:
    """Weight gradient d^T a per task (T, out, in), or summed over tasks (out, in)."""
    if reduce:
        return d.reshape(-1, d.shape[-1]).mT @ a.reshape(-1, a.shape[-1])
    return torch.bmm(d.mT, a)


def _bias_grad(d: torch.Tensor, reduce: bool) -> torch.Tensor:
    return d.sum((0, 1)) if reduce else d.sum(1)


@dataclass
class Trace:
    """What a forward pass leaves for the backward pass and the Hessian-vector product."""

    layers: list[Layer]
    #: each layer's input: x, then the ReLU outputs
    inputs: list[torch.Tensor]
    out: torch.Tensor
    #: the delta at each layer's output, filled by ``backward`` from the top down
    deltas: dict[int, torch.Tensor] = field(default_factory=dict)


def forward(layers: list[Layer], x: torch.Tensor) -> Trace:
    inputs = [x]
    h = x
    last = len(layers) - 1
    for i, (weight, bias) in enumerate(layers):
        h = linear(h, weight, bias)
        if i < last:
            h = torch.relu(h)
            inputs.append(h)
    return Trace(layers, inputs, h)


def mse_per_task(out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error of each task: (T,)."""
    return ((out - y) ** 2).mean((-1, -2))


def mse_scale(out: torch.Tensor) -> float:
    """d(mean squared error)/d out = scale * (out - y); the loss's Hessian in out is scale * I."""
    return 2.0 / (out.shape[-1] * out.shape[-2])


def backward(
    trace: Trace, d_out: torch.Tensor, lowest: int = 0, reduce: bool = False
) -> list[Layer | None]:
    """Gradients of each task's loss (delta ``d_out`` at the output) for layers ``lowest`` and
    up (None below); the deltas stay in ``trace`` for ``hvp``."""
    grads: list[Layer | None] = [None] * len(trace.layers)
    d = d_out
    for i in range(len(trace.layers) - 1, lowest - 1, -1):
        trace.deltas[i] = d
        a = trace.inputs[i]
        grads[i] = (_outer(d, a, reduce), _bias_grad(d, reduce))
        if i > lowest:
            d = _relu_back(_back(d, trace.layers[i][0]), trace.inputs[i])
    return grads


def hvp(trace: Trace, scale: float, u: Direction, reduce: bool = False) -> list[Layer]:
    """H u for each task: the Hessian of the task's loss at ``trace``'s parameters (squared
    error, Hessian ``scale`` * I in the output) times the direction ``u`` (None: zero).

    Pearlmutter's R-operator: R{.} = d/de (.)(params + e u) at e = 0, pushed forward through
    the network, then through the backward pass. ReLU's second derivative is zero, so its mask
    passes R{.} through unchanged; the deltas of the forward trace are reused (or made).
    """
    layers, inputs = trace.layers, trace.inputs
    last = len(layers) - 1
    # R-forward: r_inputs[i] = R{input of layer i} (None while it is zero)
    r_inputs: list[torch.Tensor | None] = [None]
    r: torch.Tensor | None = None
    for i, (weight, _) in enumerate(layers):
        rz = None if r is None else linear(r, weight, None)
        if u[i] is not None:
            du, db = u[i]
            term = linear(inputs[i], du, db)
            rz = term if rz is None else rz + term
        if i < last:
            r = None if rz is None else _relu_back(rz, inputs[i + 1])
            r_inputs.append(r)
        else:
            r = rz
    if r is None:
        raise ValueError("hvp needs a non-zero direction")
    # R-backward: R{delta} at each layer's output, from the top down
    rd = scale * r
    d = trace.deltas.get(last)
    if d is None:
        raise ValueError("hvp needs the deltas of a backward pass at the top layer")
    out: list[Layer] = [None] * len(layers)  # type: ignore[list-item]
    for i in range(last, -1, -1):
        weight = layers[i][0]
        ra = r_inputs[i]
        gw = _outer(rd, inputs[i], reduce)
        if ra is not None:
            gw = gw + _outer(d, ra, reduce)
        out[i] = (gw, _bias_grad(rd, reduce))
        if i == 0:
            break
        rd_below = _back(rd, weight)
        if u[i] is not None:
            rd_below = rd_below + _back(d, u[i][0])
        rd = _relu_back(rd_below, inputs[i])
        below = trace.deltas.get(i - 1)
        if below is None:
            below = _relu_back(_back(d, weight), inputs[i])
            trace.deltas[i - 1] = below
        d = below
    return out

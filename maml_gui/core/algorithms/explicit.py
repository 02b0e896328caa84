"""The fast path: every algorithm's step on an MLP family written with the explicit formulas of
``core.mlp_backprop``, with no autograd at all.

The general path (``inner.py``, ``maml.py``) differentiates any family's loss with autograd
and torch.func; this one applies where the family says its model is a ReLU MLP scored by
squared error (``family.explicit_mlp``) and the inner loop adapts whole layers from some layer
up (all of them, or ANIL's head). It computes the same numbers: ``tests/core/test_fast_paths.py``
holds it against the general path and a per-task loop in float64.

Reverse mode through k inner steps theta_{j+1} = theta_j - lr P grad l_s(theta_j) (P keeps the
adapted layers): with v = grad l_q(theta_k), each step back is v <- v - lr H_s(theta_j) P v, one
Hessian-vector product at the support set; the meta-gradient is the task mean of the last v.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

from maml_gui.core.mlp_backprop import (
    Layer,
    backward,
    forward,
    hvp,
    layers_of,
    mse_per_task,
    mse_scale,
    params_of,
)
from maml_gui.core.models import layer_names
from maml_gui.core.tasks.base import Params


def applies(family, params: Params, keys: Sequence[str]) -> bool:
    """Whether the fast path covers this family and these adapted parameters."""
    return getattr(family, "explicit_mlp", False) and lowest_adapted(params, keys) is not None


def lowest_adapted(params: Params, keys: Sequence[str]) -> int | None:
    """The index of the lowest adapted layer, if ``keys`` are exactly the layers from it up."""
    names = layer_names(len(params) // 2)
    for lowest in range(len(names)):
        top = {f"{n}.{p}" for n in names[lowest:] for p in ("weight", "bias")}
        if set(keys) == top:
            return lowest
    return None


def _step(layers: list[Layer], grads: list[Layer | None], lr: float) -> list[Layer]:
    return [
        layer if g is None else (layer[0].add(g[0], alpha=-lr), layer[1].add(g[1], alpha=-lr))
        for layer, g in zip(layers, grads, strict=True)
    ]


def _delta(trace, y: torch.Tensor) -> torch.Tensor:
    return mse_scale(trace.out) * (trace.out - y)


def _inner_loop(layers, support, steps, lr, lowest, query=None):
    """theta_k per task and the support traces of every step; with ``query``, also the
    query losses after 0..k steps."""
    x, y = support
    traces, history = [], []
    for _ in range(steps):
        if query is not None:
            history.append(mse_per_task(forward(layers, query[0]).out, query[1]))
        trace = forward(layers, x)
        layers = _step(layers, backward(trace, _delta(trace, y), lowest), lr)
        traces.append(trace)
    if query is not None:
        history.append(mse_per_task(forward(layers, query[0]).out, query[1]))
    return layers, traces, history


def _per_task(layers: list[Layer], n_tasks: int) -> Params:
    """theta_n with a task dimension on every tensor (layers the inner loop left shared are
    expanded views, as the general path returns them)."""
    params = params_of(layers)
    return {
        k: v if v.dim() == (3 if k.endswith("weight") else 2) else v.expand(n_tasks, *v.shape)
        for k, v in params.items()
    }


@torch.no_grad()
def adapt(phi: Params, support, steps: int, lr: float, keys: Sequence[str]) -> Params:
    lowest = lowest_adapted(phi, keys)
    layers, _, _ = _inner_loop(layers_of(phi), support, steps, lr, lowest)
    return _per_task(layers, support[0].shape[0])


@torch.no_grad()
def loss_trajectory(phi: Params, support, query, steps: int, lr: float, keys) -> torch.Tensor:
    """Query loss after 0..steps inner steps for every task: (tasks, steps + 1)."""
    lowest = lowest_adapted(phi, keys)
    _, _, history = _inner_loop(layers_of(phi), support, steps, lr, lowest, query)
    return torch.stack(history, dim=1)


@torch.no_grad()
def query_losses(params: Params, query) -> torch.Tensor:
    """Each task's query loss at ``params`` (shared, or one set per task): (T,)."""
    return mse_per_task(forward(layers_of(params), query[0]).out, query[1])


@torch.no_grad()
def meta_gradient(
    phi: Params, batch, steps: int, lr: float, keys: Sequence[str], first_order: bool
) -> tuple[Params, torch.Tensor, Params]:
    """MAML's (or with ``first_order`` FOMAML's) meta-gradient, the query losses after
    adaptation (T,) and theta_n."""
    lowest = lowest_adapted(phi, keys)
    thetas, traces, _ = _inner_loop(layers_of(phi), batch.support, steps, lr, lowest)
    x_q, y_q = batch.query
    n_tasks = x_q.shape[0]
    query = forward(thetas, x_q)
    after = mse_per_task(query.out, y_q)
    d_out = _delta(query, y_q)
    if first_order or steps == 0:
        total = backward(query, d_out, reduce=True)
    else:
        v = backward(query, d_out)
        for j in range(steps - 1, -1, -1):
            u = [g if i >= lowest else None for i, g in enumerate(v)]
            hv = hvp(traces[j], mse_scale(traces[j].out), u, reduce=j == 0)
            if j == 0:  # phi is shared: sum over tasks here, in plain (not batched) products
                v = [(vw.sum(0), vb.sum(0)) for vw, vb in v]
            v = [
                (vw.add(hw, alpha=-lr), vb.add(hb, alpha=-lr))
                for (vw, vb), (hw, hb) in zip(v, hv, strict=True)
            ]
        total = v
    grads = {k: g / n_tasks for k, g in params_of(total).items()}
    return grads, after, _per_task(thetas, n_tasks)


@torch.no_grad()
def joint_gradient(phi: Params, query) -> tuple[Params, torch.Tensor]:
    """Pretraining: the gradient of the mean query loss at the shared phi, and each task's
    query loss (T,)."""
    x, y = query
    trace = forward(layers_of(phi), x)
    before = mse_per_task(trace.out, y)
    grads = backward(trace, _delta(trace, y), reduce=True)
    return {k: g / x.shape[0] for k, g in params_of(grads).items()}, before

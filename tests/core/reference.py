"""Independent references for the gradient tests: a plain per-task autograd loop.

Deliberately written without torch.func and without maml_gui.core.models, so a shared bug
cannot hide: the forward pass uses torch.nn.functional.linear on ordinary tensors.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def forward(params: dict[str, torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    h = torch.relu(F.linear(x, params["layer0.weight"], params["layer0.bias"]))
    h = torch.relu(F.linear(h, params["layer1.weight"], params["layer1.bias"]))
    return F.linear(h, params["head.weight"], params["head.bias"])


def mse(params, data) -> torch.Tensor:
    x, y = data
    return ((forward(params, x) - y) ** 2).mean()


def adapt_loop(params, data, steps, lr, keys, create_graph):
    fast = dict(params)
    for _ in range(steps):
        loss = mse(fast, data)
        grads = torch.autograd.grad(loss, [fast[k] for k in keys], create_graph=create_graph)
        fast = {**fast, **{k: fast[k] - lr * g for k, g in zip(keys, grads, strict=True)}}
    return fast


def task_data(batch, i):
    return tuple(t[i] for t in batch.support), tuple(t[i] for t in batch.query)


def maml_objective(phi, batch, steps, lr, keys, create_graph=True):
    total = 0.0
    for i in range(batch.size):
        support, query = task_data(batch, i)
        theta = adapt_loop(phi, support, steps, lr, keys, create_graph)
        total = total + mse(theta, query)
    return total / batch.size


def maml_gradient(phi, batch, steps, lr, keys):
    leaves = {k: v.detach().clone().requires_grad_(True) for k, v in phi.items()}
    loss = maml_objective(leaves, batch, steps, lr, keys)
    grads = torch.autograd.grad(loss, list(leaves.values()))
    return dict(zip(leaves, grads, strict=True))


def fomaml_gradient(phi, batch, steps, lr):
    keys = list(phi)
    total = {k: torch.zeros_like(v) for k, v in phi.items()}
    for i in range(batch.size):
        support, query = task_data(batch, i)
        leaves = {k: v.detach().clone().requires_grad_(True) for k, v in phi.items()}
        theta = adapt_loop(leaves, support, steps, lr, keys, create_graph=False)
        theta = {k: v.detach().requires_grad_(True) for k, v in theta.items()}
        grads = torch.autograd.grad(mse(theta, query), [theta[k] for k in keys])
        for k, g in zip(keys, grads, strict=True):
            total[k] += g / batch.size
    return total

"""An independent Conv4 for the Omniglot gradient tests: one task at a time, ordinary tensors,
no grouped convolution and no maml_gui.core.conv4 (a shared bug cannot hide)."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def forward(params, x):
    """Logits of one task's images x (B, 1, 28, 28) under one parameter set."""
    h = x
    for i in range(4):
        h = F.conv2d(h, params[f"conv{i}.weight"], params[f"conv{i}.bias"], padding=1)
        h = F.batch_norm(
            h, None, None, params[f"bn{i}.weight"], params[f"bn{i}.bias"], training=True
        )
        h = F.max_pool2d(F.relu(h), 2)
    return F.linear(h.flatten(1), params["head.weight"], params["head.bias"])


def cross_entropy(params, data):
    x, y = data
    return F.cross_entropy(forward(params, x), y)


def adapt(params, data, steps, lr, keys, create_graph):
    fast = dict(params)
    for _ in range(steps):
        grads = torch.autograd.grad(
            cross_entropy(fast, data), [fast[k] for k in keys], create_graph=create_graph
        )
        fast = {**fast, **{k: fast[k] - lr * g for k, g in zip(keys, grads, strict=True)}}
    return fast


def task(batch, i):
    return tuple(t[i] for t in batch.support), tuple(t[i] for t in batch.query)


def maml_gradient(phi, batch, steps, lr, keys, first_order=False):
    """The MAML (or FOMAML) meta-gradient, one task at a time."""
    total = {k: torch.zeros_like(v) for k, v in phi.items()}
    for i in range(batch.size):
        support, query = task(batch, i)
        leaves = {k: v.detach().clone().requires_grad_(True) for k, v in phi.items()}
        theta = adapt(leaves, support, steps, lr, keys, create_graph=not first_order)
        if first_order:
            theta = {k: v.detach().requires_grad_(True) for k, v in theta.items()}
            grads = torch.autograd.grad(cross_entropy(theta, query), list(theta.values()))
        else:
            grads = torch.autograd.grad(cross_entropy(theta, query), list(leaves.values()))
        for k, g in zip(phi, grads, strict=True):
            total[k] += g / batch.size
    return total

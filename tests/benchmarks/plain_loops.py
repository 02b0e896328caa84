"""The benchmarks' plain baselines: each algorithm written the textbook way, one task at a time.

Imported by engine_speed.py and train_speed.py (both run as scripts from this folder). Each
loop is what a student would write from the papers: F.linear, a Python loop over the tasks,
torch.autograd.grad (with create_graph for the second-order ones) and torch.optim.Adam. On
the sinusoid benchmark (1-40-40-1 MLP, K = 10 support and 10 query points per task).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

HEAD = ("head.weight", "head.bias")


def forward(params, x):
    h = torch.relu(F.linear(x, params["layer0.weight"], params["layer0.bias"]))
    h = torch.relu(F.linear(h, params["layer1.weight"], params["layer1.bias"]))
    return F.linear(h, params["head.weight"], params["head.bias"])


def mse(params, x, y):
    return ((forward(params, x) - y) ** 2).mean()


def _task(batch, i):
    return batch.support[0][i], batch.support[1][i], batch.query[0][i], batch.query[1][i]


def _adapted(params, xs, ys, steps, lr, keys, create_graph):
    fast = dict(params)
    for _ in range(steps):
        grads = torch.autograd.grad(
            mse(fast, xs, ys), [fast[k] for k in keys], create_graph=create_graph
        )
        fast = {**fast, **{k: fast[k] - lr * g for k, g in zip(keys, grads, strict=True)}}
    return fast


class PlainLearner:
    """phi and its Adam; ``step(batch)`` is one meta-iteration of ``algorithm``."""

    def __init__(self, algorithm: str, phi, config) -> None:
        self.algorithm = algorithm
        self.config = config
        self.phi = {k: v.detach().clone().requires_grad_(True) for k, v in phi.items()}
        self.optimizer = torch.optim.Adam(self.phi.values(), lr=config.meta_lr)

    def step(self, batch) -> None:
        getattr(self, f"_{self.algorithm}")(batch)

    def _second_order(self, batch, keys) -> None:
        self.optimizer.zero_grad()
        total = 0.0
        steps, lr = self.config.train_inner_steps, self.config.inner_lr
        for i in range(batch.size):
            xs, ys, xq, yq = _task(batch, i)
            fast = _adapted(self.phi, xs, ys, steps, lr, keys, create_graph=True)
            total = total + mse(fast, xq, yq)
        (total / batch.size).backward()
        self.optimizer.step()

    def _maml(self, batch) -> None:
        self._second_order(batch, list(self.phi))

    def _anil(self, batch) -> None:
        self._second_order(batch, list(HEAD))

    def _fomaml(self, batch) -> None:
        self.optimizer.zero_grad()
        steps, lr = self.config.train_inner_steps, self.config.inner_lr
        for i in range(batch.size):
            xs, ys, xq, yq = _task(batch, i)
            fast = _adapted(self.phi, xs, ys, steps, lr, list(self.phi), create_graph=False)
            fast = {k: v.detach().requires_grad_(True) for k, v in fast.items()}
            grads = torch.autograd.grad(mse(fast, xq, yq), list(fast.values()))
            for p, g in zip(self.phi.values(), grads, strict=True):
                p.grad = g / batch.size if p.grad is None else p.grad + g / batch.size
        self.optimizer.step()

    def _reptile(self, batch) -> None:
        steps, lr = self.config.train_inner_steps, self.config.inner_lr
        mean = {k: torch.zeros_like(v) for k, v in self.phi.items()}
        for i in range(batch.size):
            xs, ys, _, _ = _task(batch, i)
            fast = _adapted(self.phi, xs, ys, steps, lr, list(self.phi), create_graph=False)
            for k, v in fast.items():
                mean[k] += v.detach() / batch.size
        with torch.no_grad():
            for k, p in self.phi.items():
                p += self.config.reptile_epsilon * (mean[k] - p)

    def _pretraining(self, batch) -> None:
        self.optimizer.zero_grad()
        total = 0.0
        for i in range(batch.size):
            _, _, xq, yq = _task(batch, i)
            total = total + mse(self.phi, xq, yq)
        (total / batch.size).backward()
        self.optimizer.step()

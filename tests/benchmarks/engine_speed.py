"""Engine speed against plain baselines measured in the same run (ratios, not absolute times).

    python tests/benchmarks/engine_speed.py [--seconds 3] [--threads 1]

1. Meta-iterations per second on Finn et al.'s sinusoid benchmark (1-40-40-1 MLP, meta-batch
   25, K = 10 support + 10 query, 1 inner SGD step, Adam) for MAML, FOMAML, ANIL and Reptile,
   against a plain per-task loop with torch.autograd.grad(create_graph=True) written here.
2. The 101 x 101 loss landscape of the same net on one task's 10 points: the engine's chunked
   batched evaluation against a Python loop over grid points, for the plain loss and for the
   loss after one inner step.
Not collected by pytest: the machine is shared and noisy, so speed is printed, not asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

from maml_gui.core.algorithms import make_algorithm
from maml_gui.core.config import default_config
from maml_gui.core.landscape import plane_losses, plane_through, unflatten
from maml_gui.core.snapshot import flatten
from maml_gui.core.tasks import SinusoidFamily


def rate(step, seconds: float, warmup: int = 3) -> float:
    """Median of 5 rate measurements (iterations per second) of ``step``."""
    for _ in range(warmup):
        step()
    rates = []
    for _ in range(5):
        count, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / 5:
            step()
            count += 1
        rates.append(count / elapsed)
    return statistics.median(rates)


# -- the plain baseline: one task at a time, autograd with create_graph ----------------------
def plain_forward(params, x):
    h = torch.relu(F.linear(x, params["layer0.weight"], params["layer0.bias"]))
    h = torch.relu(F.linear(h, params["layer1.weight"], params["layer1.bias"]))
    return F.linear(h, params["head.weight"], params["head.bias"])


def plain_maml_step(phi, optimizer, batch, lr):
    optimizer.zero_grad()
    total = 0.0
    for i in range(batch.size):
        xs, ys = batch.support[0][i], batch.support[1][i]
        xq, yq = batch.query[0][i], batch.query[1][i]
        loss = ((plain_forward(phi, xs) - ys) ** 2).mean()
        grads = torch.autograd.grad(loss, list(phi.values()), create_graph=True)
        fast = {k: v - lr * g for (k, v), g in zip(phi.items(), grads, strict=True)}
        total = total + ((plain_forward(fast, xq) - yq) ** 2).mean()
    (total / batch.size).backward()
    optimizer.step()


def bench_meta_steps(seconds: float) -> None:
    config = default_config("sinusoid", "maml")
    family = SinusoidFamily(10, 10)
    gen = torch.Generator().manual_seed(0)
    phi0 = family.init_params(gen)
    batches = [family.sample(25, gen) for _ in range(16)]
    counter = iter(range(10**9))

    def next_batch():
        return batches[next(counter) % len(batches)]

    leaves = {k: v.clone().requires_grad_(True) for k, v in phi0.items()}
    plain_opt = torch.optim.Adam(leaves.values(), lr=1e-3)
    baseline = rate(lambda: plain_maml_step(leaves, plain_opt, next_batch(), 0.01), seconds)
    print(f"plain per-task autograd loop (MAML): {baseline:7.1f} meta-iterations/s   1.00x")
    for name in ("maml", "fomaml", "anil", "reptile"):
        algorithm = make_algorithm(name, family, config.replace(algorithm=name), phi0)
        speed = rate(lambda a=algorithm: a.meta_step(next_batch()), seconds)
        print(
            f"{name:>8} (engine, batched):             {speed:7.1f} meta-iterations/s "
            f"{speed / baseline:6.2f}x"
        )


def bench_landscape(seconds: float) -> None:
    family = SinusoidFamily(10, 10)
    gen = torch.Generator().manual_seed(0)
    phi = family.init_params(gen)
    batch = family.sample(3, gen)
    vecs = [flatten(phi)] + [
        flatten(phi)
        + 0.1 * np.random.default_rng(i).normal(size=flatten(phi).shape).astype(np.float32)
        for i in (1, 2)
    ]
    plane = plane_through(*vecs)
    axis = np.linspace(-1, 1, 101)
    data = tuple(t[0] for t in batch.query)
    lr = 0.01
    origin, d1, d2 = (torch.as_tensor(v) for v in (plane.origin, plane.d1, plane.d2))

    def naive(with_step: bool):
        out = np.empty((101, 101))
        for i, b in enumerate(axis):
            for j, a in enumerate(axis):
                params = unflatten(origin + float(a) * d1 + float(b) * d2, phi)
                if with_step:
                    params = {k: v.requires_grad_(True) for k, v in params.items()}
                    loss = family.loss(params, data)
                    grads = torch.autograd.grad(loss, list(params.values()))
                    params = {
                        k: (v - lr * g).detach()
                        for (k, v), g in zip(params.items(), grads, strict=True)
                    }
                with torch.no_grad():
                    out[i, j] = float(family.loss(params, data))
        return out

    def engine(with_step: bool):
        return plane_losses(
            family, phi, plane, axis, axis, ((data, data),), lr, with_adapted=with_step
        )

    plain_naive = naive(False)
    plain_engine, _ = engine(False)
    assert np.allclose(plain_naive, plain_engine[0], rtol=1e-4, atol=1e-5)
    stepped_naive = naive(True)
    _, stepped_engine = engine(True)
    assert np.allclose(stepped_naive, stepped_engine[0], rtol=1e-4, atol=1e-5)
    module = torch.nn.Sequential(
        torch.nn.Linear(1, 40),
        torch.nn.ReLU(),
        torch.nn.Linear(40, 40),
        torch.nn.ReLU(),
        torch.nn.Linear(40, 1),
    )
    names = [n for n, _ in module.named_parameters()]

    def module_loop(with_step: bool):
        # The textbook loop: an nn.Module evaluated with functional_call at every grid point.
        out = np.empty((101, 101))
        for i, b in enumerate(axis):
            for j, a in enumerate(axis):
                flat = unflatten(origin + float(a) * d1 + float(b) * d2, phi)
                params = dict(zip(names, flat.values(), strict=True))
                if with_step:
                    params = {k: v.requires_grad_(True) for k, v in params.items()}
                    pred = torch.func.functional_call(module, params, (data[0],))
                    grads = torch.autograd.grad(
                        ((pred - data[1]) ** 2).mean(), list(params.values())
                    )
                    params = {
                        k: (v - lr * g).detach()
                        for (k, v), g in zip(params.items(), grads, strict=True)
                    }
                with torch.no_grad():
                    pred = torch.func.functional_call(module, params, (data[0],))
                    out[i, j] = float(((pred - data[1]) ** 2).mean())
        return out

    assert np.allclose(module_loop(False), plain_engine[0], rtol=1e-4, atol=1e-5)
    for label, with_step in (("plain loss", False), ("after one inner step", True)):
        slow = 1.0 / rate(lambda w=with_step: naive(w), max(seconds, 2.0), warmup=0)
        textbook = 1.0 / rate(lambda w=with_step: module_loop(w), max(seconds, 2.0), warmup=0)
        fast = 1.0 / rate(lambda w=with_step: engine(w), seconds, warmup=1)
        print(
            f"101x101 landscape, {label}: engine {fast * 1e3:6.1f} ms; Python loop over grid "
            f"points with F.linear {slow * 1e3:7.1f} ms ({slow / fast:5.1f}x), with an "
            f"nn.Module + functional_call {textbook * 1e3:7.1f} ms ({textbook / fast:5.1f}x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    parser.add_argument("--only", choices=("meta", "landscape"), default=None)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s)")
    if args.only in (None, "meta"):
        bench_meta_steps(args.seconds)
    if args.only in (None, "landscape"):
        bench_landscape(args.seconds)


if __name__ == "__main__":
    main()

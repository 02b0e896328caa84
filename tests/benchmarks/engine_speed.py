"""Engine speed against plain baselines measured in the same run (ratios, not absolute times).

    python tests/benchmarks/engine_speed.py [--seconds 3] [--threads 1]

1. The meta-step alone, in meta-iterations per second, on Finn et al.'s sinusoid benchmark
   (1-40-40-1 MLP, meta-batch 25, K = 10 support + 10 query, Adam, each algorithm's default
   inner steps) for MAML, FOMAML, ANIL and Reptile: the engine's explicit formulas and its
   general autograd path, against the same algorithm as a plain per-task loop (plain_loops.py,
   torch.autograd.grad with create_graph for the second-order ones). Whole runs, with the
   pretraining twin and the process start-up, are train_speed.py's.
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
from plain_loops import PlainLearner

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


def bench_meta_steps(seconds: float) -> None:
    """The meta-step alone (gradient, finite check, update; no measurement): the engine's
    explicit formulas and its general autograd path against the plain per-task loop of the
    same algorithm, measured in turn in this run."""
    family = SinusoidFamily(10, 10)
    gen = torch.Generator().manual_seed(0)
    phi0 = family.init_params(gen)
    batches = [family.sample(25, gen) for _ in range(16)]
    counter = iter(range(10**9))

    def next_batch():
        return batches[next(counter) % len(batches)]

    print(
        "meta-step alone, sinusoid (meta-batch 25, K = 10), meta-iterations/s and x the plain "
        "per-task loop:"
    )
    print(f"{'':>10} {'plain loop':>11} {'general path':>19} {'explicit formulas':>20}")
    for name in ("maml", "fomaml", "anil", "reptile"):
        config = default_config("sinusoid", name)
        plain = PlainLearner(name, phi0, config)
        baseline = rate(lambda p=plain: p.step(next_batch()), seconds)
        speeds = []
        for explicit in (False, True):
            algorithm = make_algorithm(name, family, config, phi0, explicit=explicit)
            assert algorithm.explicit == explicit
            speeds.append(rate(lambda a=algorithm: a.update(next_batch()), seconds))
        general, fast = speeds
        print(
            f"{name:>10} {baseline:11.1f} {general:10.1f} ({general / baseline:5.1f}x) "
            f"{fast:10.1f} ({fast / baseline:5.1f}x)"
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

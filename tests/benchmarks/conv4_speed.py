"""Omniglot meta-steps at HW15's settings, against HW15's own per-task loop, in the same run.

    python tests/benchmarks/conv4_speed.py [--meta-batch 32] [--iterations 5] [--threads 1]

HW15: 5-way 1-shot, 1 query per class, Conv4 (64 channels, BatchNorm with batch statistics),
inner lr 0.4, 1 inner step, Adam 1e-3. For MAML (second order), FOMAML and ANIL:

- the plain loop, as HW15 writes it: one task at a time, F.conv2d with that task's weights,
  torch.autograd.grad (create_graph for the second-order ones), the meta-batch's mean loss
  backward, Adam;
- the engine: the same algorithm batched over tasks (conv4.py: grouped convolution for
  per-task filters, a plain one for ANIL's shared body), eight tasks a pass
  (``tasks_per_pass``), gradient, finite check and update (``MetaAlgorithm.update``).

The two take turns, step by step, and each one's median step time is compared: the machine
is shared, and a neighbour's burst then slows both alike.

And the machine's practical ceiling: one plain forward + backward of the same net, shared
weights, over all the meta-batch's images (at once, eight tasks' or one task's at a time,
whichever is fastest). A second-order step needs at least about two such passes' work
(support forward and backward, its Hessian-vector product, the query's forward and
backward), a first-order one about one: the printed shares are that work over each step's
time, for the loop and the engine. Prints meta-iterations/s and ratios; not collected by
pytest.
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch
import torch.nn.functional as F

from maml_gui.core.algorithms import make_algorithm
from maml_gui.core.config import default_config
from maml_gui.core.conv4 import HEAD_KEYS
from maml_gui.core.omniglot.images import load
from maml_gui.core.tasks.omniglot import OmniglotFamily

INNER_LR = 0.4
#: full forward + backward passes over the meta-batch's images a step needs at least
PASSES = {"maml": 2.0, "fomaml": 1.0, "anil": 1.0}


def functional_conv4(params, x):
    h = x
    for i in range(4):
        h = F.conv2d(h, params[f"conv{i}.weight"], params[f"conv{i}.bias"], padding=1)
        h = F.batch_norm(h, None, None, params[f"bn{i}.weight"], params[f"bn{i}.bias"], True)
        h = F.max_pool2d(F.relu(h), 2)
    return F.linear(h.flatten(1), params["head.weight"], params["head.bias"])


def plain_step(name, phi, optimizer, batch) -> None:
    """HW15's loop: one task at a time."""
    keys = list(HEAD_KEYS) if name == "anil" else list(phi)
    second_order = name != "fomaml"
    optimizer.zero_grad()
    total = 0.0
    for i in range(batch.size):
        xs, ys = batch.support[0][i], batch.support[1][i]
        xq, yq = batch.query[0][i], batch.query[1][i]
        loss = F.cross_entropy(functional_conv4(phi, xs), ys)
        grads = torch.autograd.grad(loss, [phi[k] for k in keys], create_graph=second_order)
        fast = {**phi, **{k: phi[k] - INNER_LR * g for k, g in zip(keys, grads, strict=True)}}
        if not second_order:
            fast = {k: v.detach().requires_grad_(True) for k, v in fast.items()}
            task_grads = torch.autograd.grad(
                F.cross_entropy(functional_conv4(fast, xq), yq), list(fast.values())
            )
            for p, g in zip(phi.values(), task_grads, strict=True):
                p.grad = g / batch.size if p.grad is None else p.grad + g / batch.size
            continue
        total = total + F.cross_entropy(functional_conv4(fast, xq), yq)
    if second_order:
        (total / batch.size).backward()
    optimizer.step()


def interleaved_medians(steps, iterations: int) -> list[float]:
    """Each step's median time, the steps taking turns so that a noisy neighbour on the
    shared machine slows them alike."""
    for step in steps:
        step()  # warm-up: first allocations, the first Adam step
    times = [[] for _ in steps]
    for _ in range(iterations):
        for step, spent in zip(steps, times, strict=True):
            start = time.perf_counter()
            step()
            spent.append(time.perf_counter() - start)
    return [statistics.median(spent) for spent in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meta-batch", type=int, default=32)
    parser.add_argument("--iterations", type=int, default=5, help="timed steps of each")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    family = OmniglotFamily(load(), n_way=5, k_shot=1, k_query=1)
    gen = torch.Generator().manual_seed(0)
    phi0 = family.init_params(gen)
    batches = [family.sample(args.meta_batch, gen) for _ in range(4)]
    turn = iter(range(10**9))

    def batch():
        return batches[next(turn) % len(batches)]

    images = torch.cat([batches[0].support[0], batches[0].query[0]], 1).flatten(0, 1)
    labels = torch.cat([batches[0].support[1], batches[0].query[1]], 1).flatten()
    ceiling_phi = {k: v.clone().requires_grad_(True) for k, v in phi0.items()}

    def plain_pass(group: int) -> None:
        for start in range(0, len(images), group):
            part = slice(start, start + group)
            loss = F.cross_entropy(functional_conv4(ceiling_phi, images[part]), labels[part])
            torch.autograd.grad(loss, list(ceiling_phi.values()))

    # all images at once, in groups of the engine's tasks per pass, and one task's at a
    # time (the smaller keep the first block's activations in cache): the fastest is the
    # ceiling
    per_task = len(images) // args.meta_batch
    groups = [len(images), per_task * family.tasks_per_pass, per_task]
    group_times = interleaved_medians([lambda g=g: plain_pass(g) for g in groups], 5)
    ceiling = min(group_times)
    print(
        f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), meta-batch "
        f"{args.meta_batch}, 5-way 1-shot, 1 query; one plain forward + backward over the "
        f"{len(images)} images, "
        + ", ".join(
            f"{g} at a time {t * 1e3:.0f} ms" for g, t in zip(groups, group_times, strict=True)
        )
        + f": the ceiling is {ceiling * 1e3:.0f} ms"
    )
    print(f"{'':>8} {'HW15 loop':>22} {'engine':>22}   (share of the ceiling)")
    for name in ("maml", "fomaml", "anil"):
        config = default_config("sinusoid", name).replace(inner_lr=INNER_LR)
        phi = {k: v.clone().requires_grad_(True) for k, v in phi0.items()}
        optimizer = torch.optim.Adam(phi.values(), lr=1e-3)
        learner = make_algorithm(name, family, config, phi0)
        loop, engine = interleaved_medians(
            [
                lambda p=phi, o=optimizer, n=name: plain_step(n, p, o, batch()),
                lambda a=learner: a.update(batch()),
            ],
            args.iterations,
        )
        work = PASSES[name] * ceiling
        print(
            f"{name:>8} {1 / loop:9.2f} it/s ({work / loop:4.0%}) "
            f"{1 / engine:9.2f} it/s ({work / engine:4.0%})   engine/loop {loop / engine:4.2f}x",
            flush=True,
        )


if __name__ == "__main__":
    main()

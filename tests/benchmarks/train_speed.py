"""Whole-run training speed: `maml-gui train` as a user runs it, against a plain loop.

    python tests/benchmarks/train_speed.py [--short 300] [--long 2300] [--repeats 2]

For MAML, FOMAML, ANIL and Reptile on the sinusoid (each algorithm's defaults, seed 0):

- `maml-gui train` in its own process, timed from outside, for --short and --long
  meta-iterations. The slope (long - short) / (t_long - t_short) cancels the start-up (torch's
  import, the first Adam step) and the gap evaluations, which are ~50 per run whatever its
  length. What remains is what a meta-iteration costs: the algorithm *and* its pretraining
  twin, sampling, histories, checks.
- The same work written plainly (plain_loops.py): the algorithm and a pretraining twin, each
  one task at a time with autograd, on freshly sampled meta-batches, in this process, one
  torch thread.

Prints both rates and their ratio, then (engine_speed.py's table) the meta-step alone against
each algorithm's plain loop: both in one run, measured in the same run as their baselines
(the machine is shared and noisy), printed, never asserted. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch
from engine_speed import bench_meta_steps
from plain_loops import PlainLearner

from maml_gui.core.config import default_config
from maml_gui.core.tasks import make_family

ALGORITHMS = ("maml", "fomaml", "anil", "reptile")


def cli_seconds(algorithm: str, iterations: int, out: Path) -> float:
    """Wall time of one whole `maml-gui train` process."""
    command = [
        sys.executable, "-m", "maml_gui", "train", "--task", "sinusoid",
        "--algorithm", algorithm, "--iterations", str(iterations), "--seed", "0",
        "--out", str(out), "--force", "--quiet",
    ]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def cli_rate(algorithm: str, short: int, long: int, repeats: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "run"
        t_short = statistics.median(cli_seconds(algorithm, short, out) for _ in range(repeats))
        t_long = statistics.median(cli_seconds(algorithm, long, out) for _ in range(repeats))
    return (long - short) / (t_long - t_short)


def plain_rate(algorithm: str, seconds: float) -> float:
    """The algorithm and its pretraining twin, plainly, on the CLI's task stream."""
    config = default_config("sinusoid", algorithm)
    family = make_family(config)
    phi = family.init_params(torch.Generator().manual_seed(config.seed))
    learner = PlainLearner(algorithm, phi, config)
    twin = PlainLearner("pretraining", phi, config)
    tasks = torch.Generator().manual_seed(config.seed + 1)

    def step() -> None:
        batch = family.sample(config.meta_batch_size, tasks)
        learner.step(batch)
        twin.step(batch)

    for _ in range(5):
        step()
    start, count = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        step()
        count += 1
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=int, default=300)
    parser.add_argument("--long", type=int, default=2300)
    parser.add_argument("--repeats", type=int, default=2, help="runs of each length (median)")
    parser.add_argument("--seconds", type=float, default=5.0, help="time of each plain loop")
    parser.add_argument("--algorithms", default=",".join(ALGORITHMS))
    args = parser.parse_args()
    torch.set_num_threads(1)
    print(
        f"sinusoid, with the pretraining twin; `maml-gui train` slope between {args.short} and "
        f"{args.long} iterations, median of {args.repeats}; meta-iterations/s"
    )
    print(f"{'':>10} {'plain loop':>11} {'maml-gui train':>15} {'ratio':>7}")
    for algorithm in args.algorithms.split(","):
        plain = plain_rate(algorithm, args.seconds)
        whole = cli_rate(algorithm, args.short, args.long, args.repeats)
        print(f"{algorithm:>10} {plain:11.1f} {whole:15.1f} {whole / plain:6.1f}x", flush=True)
    print()
    bench_meta_steps(args.seconds)


if __name__ == "__main__":
    main()

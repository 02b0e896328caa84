"""How long the landscape view's slice of a Conv4 takes, pass by pass (the view asks for a
coarse plain-loss grid first and refines it: gui/panels/landscape/planes.py).

    python tests/benchmarks/conv4_landscape.py [--threads 1]

Prints seconds per pass at HW15's settings (64 channels, 5-way 1-shot), one torch thread by
default, as the app's training process runs it. The issue asks for a 21 x 21 plane of the
plain query loss within 5 s on this machine.
"""

from __future__ import annotations

import argparse
import time

import torch

from maml_gui.core.config import default_config
from maml_gui.core.training import Trainer, network_landscape

PASSES = ((21, False), (41, False), (21, True), (41, True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--plane", default="phi-thetas", choices=("phi-thetas", "pca", "random"))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    trainer = Trainer(default_config("omniglot", "maml"))
    for _ in range(2):  # a path to project and a phi that is not the initial one
        trainer.next_step(observe=False)
    network_landscape(trainer, args.plane, 5, adapted=False)  # warm up (data, kernels)
    print(f"Conv4 ({trainer.family.traits.dimension:,} parameters), plane {args.plane}")
    for resolution, adapted in PASSES:
        start = time.perf_counter()
        network_landscape(trainer, args.plane, resolution, adapted=adapted)
        seconds = time.perf_counter() - start
        what = "plain and after one inner step" if adapted else "plain query loss"
        print(f"  {resolution} x {resolution}, {what}: {seconds:.1f} s")


if __name__ == "__main__":
    main()

"""phi's path through meta-training, for the algorithm and its pretraining twin.

Toy families are drawn in their exact coordinates. For networks the paths are projected onto
the two principal directions of both trajectories together (they start at the same point),
and the current theta_n are projected into the same plane.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from maml_gui.core.snapshot import flatten


@dataclass(frozen=True)
class Trajectory:
    steps: np.ndarray  # (N,) meta-iterations at which phi was recorded (decimated)
    main: np.ndarray  # (N, d) the algorithm's phi, d = 1, 2 (toys) or 2 (PCA projection)
    twin: np.ndarray  # (N, d) the pretraining twin's phi
    main_thetas: np.ndarray  # (T, d) theta_n adapted from the current phi
    twin_thetas: np.ndarray  # (T, d) theta_n adapted from the twin's current phi
    exact: bool  # True: real parameter coordinates; False: a PCA projection
    explained: tuple[float, float] = (1.0, 1.0)  # variance fraction of each PCA axis


@dataclass(frozen=True)
class LossHistory:
    """The trainer's decimated loss history (columns: see training.LOSS_COLUMNS)."""

    steps: np.ndarray
    rows: np.ndarray


def trajectory(trainer) -> Trajectory:
    """The current trajectory of both learners, with this batch's adapted theta_n."""
    config = trainer.config
    batch = trainer.last_batch or trainer.family.sample(
        config.meta_batch_size, _fresh_generator(config.seed)
    )
    main_thetas = flatten(
        trainer.main.adapt(batch.support, config.train_inner_steps, config.inner_lr), batched=True
    )
    twin_thetas = flatten(
        trainer.twin.adapt(batch.support, config.train_inner_steps, config.inner_lr), batched=True
    )
    steps = trainer.main_path.steps
    main, twin = trainer.main_path.rows, trainer.twin_path.rows
    if trainer.family.is_toy:
        return Trajectory(steps, main, twin, main_thetas, twin_thetas, exact=True)
    both = np.concatenate([main, twin])
    centre = both.mean(axis=0)
    if both.shape[0] < 3:
        zeros = np.zeros((main.shape[0], 2))
        return Trajectory(
            steps,
            zeros,
            zeros.copy(),
            np.zeros((len(main_thetas), 2)),
            np.zeros((len(twin_thetas), 2)),
            exact=False,
            explained=(0.0, 0.0),
        )
    _, sing, vt = np.linalg.svd(both - centre, full_matrices=False)
    basis = vt[:2].T
    total = float((sing**2).sum()) or 1.0
    explained = (float(sing[0] ** 2 / total), float(sing[1] ** 2 / total))
    return Trajectory(
        steps,
        (main - centre) @ basis,
        (twin - centre) @ basis,
        (main_thetas - centre) @ basis,
        (twin_thetas - centre) @ basis,
        exact=False,
        explained=explained,
    )


def loss_history(trainer) -> LossHistory:
    return LossHistory(trainer.losses.steps, trainer.losses.rows)


def _fresh_generator(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed + 1)

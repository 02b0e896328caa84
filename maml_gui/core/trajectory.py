"""phi's path through meta-training, for the algorithm and its pretraining twin.

Toy families are drawn in their exact coordinates. For networks the paths are projected onto
the two principal directions of both trajectories together (they start at the same point),
and the current theta_n are projected into the same plane. A large net's paths are sketches
(core.path_sketch): the principal directions are those of the sketch, and the projection
handed to the views maps parameter vectors through the sketch.
"""

from __future__ import annotations

import numpy as np

from maml_gui.core.records import LossHistory, Trajectory
from maml_gui.core.snapshot import flatten

#: rows of a path used to find its principal directions (see ``principal_axes``)
PCA_MAX_ROWS = 256


def trajectory(trainer) -> Trajectory:
    """The current trajectory of both learners, with this batch's adapted theta_n."""
    config = trainer.config
    batch = trainer.display_batch()
    main_thetas = flatten(
        trainer.main.adapt(batch.support, config.train_inner_steps, config.inner_lr), batched=True
    )
    twin_thetas = flatten(
        trainer.twin.adapt(batch.support, config.train_inner_steps, config.inner_lr), batched=True
    )
    sketch = trainer.sketch
    if sketch is not None:  # a large net's paths are projections (core.path_sketch)
        main_thetas, twin_thetas = sketch.project(main_thetas), sketch.project(twin_thetas)
    steps = trainer.main_path.steps
    main, twin = trainer.main_path.rows, trainer.twin_path.rows
    if trainer.family.is_toy:
        return Trajectory(steps, main, twin, main_thetas, twin_thetas, exact=True)
    both = np.concatenate([main, twin])
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
    centre = both.mean(axis=0)
    basis, explained = principal_axes(both - centre)
    # what a view projects each snapshot's phi with: in parameter space
    full_centre, full_basis = sketch.full_projection(centre, basis) if sketch else (centre, basis)
    return Trajectory(
        steps,
        (main - centre) @ basis,
        (twin - centre) @ basis,
        (main_thetas - centre) @ basis,
        (twin_thetas - centre) @ basis,
        exact=False,
        explained=explained,
        centre=full_centre,
        basis=full_basis,
    )


def principal_axes(
    centred: np.ndarray, max_rows: int = PCA_MAX_ROWS
) -> tuple[np.ndarray, tuple[float, float]]:
    """The top two principal directions of the rows of ``centred`` (already centred), as a
    (D, 2) orthonormal basis, and the fraction of the total variance along each.

    A full SVD of a path (up to 1024 x 1761) took 0.2-4.8 s in the worker. The top two
    directions come from the N x N Gram matrix instead (eigh of <= ``max_rows`` squared),
    with long paths subsampled evenly in time to ``max_rows`` rows for the directions only;
    the variance fractions are measured on all rows. Equal to the SVD's right singular
    vectors up to sign when no rows are dropped.
    """
    n = centred.shape[0]
    rows = centred
    if n > max_rows:
        rows = centred[np.unique(np.linspace(0, n - 1, max_rows).round().astype(int))]
    values, vectors = np.linalg.eigh(rows @ rows.T)  # ascending
    directions = rows.T @ vectors[:, ::-1][:, :2]  # (D, <=2), norms sqrt(eigenvalues)
    basis = np.zeros((centred.shape[1], 2))
    for k in range(2):
        d = directions[:, k] if k < directions.shape[1] else np.zeros(centred.shape[1])
        d = d - basis[:, :k] @ (basis[:, :k].T @ d)  # exact orthogonality in float
        norm = np.linalg.norm(d)
        if not norm > 1e-12 * max(1.0, np.sqrt(max(values[-1], 0.0))):
            d, norm = _unit_orthogonal_to(basis[:, :k]), 1.0  # a path without that much motion
        basis[:, k] = d / norm
        # a fixed sign, so the picture does not flip between refreshes
        if basis[np.argmax(np.abs(basis[:, k])), k] < 0:
            basis[:, k] *= -1
    total = float(np.einsum("ij,ij->", centred, centred))
    if total <= 0:
        return basis, (0.0, 0.0)
    along = np.einsum("ij,ij->j", centred @ basis, centred @ basis)
    return basis, (float(along[0] / total), float(along[1] / total))


def _unit_orthogonal_to(basis: np.ndarray) -> np.ndarray:
    """A unit vector orthogonal to the (orthonormal) columns of ``basis``."""
    dim = basis.shape[0]
    for i in range(dim):
        e = np.zeros(dim)
        e[i] = 1.0
        e = e - basis @ (basis.T @ e)
        if np.linalg.norm(e) > 0.5:
            return e / np.linalg.norm(e)
    raise ValueError("no direction left")  # only if dim <= number of columns


def loss_history(trainer) -> LossHistory:
    return LossHistory(trainer.losses.steps, trainer.losses.rows)

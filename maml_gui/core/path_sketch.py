"""phi's path for a large net, in bounded memory: a fixed sparse random projection of every
recorded point, plus a few exact checkpoints.

A Conv4 has 112,000 parameters: 512 exact points of two paths would take 920 MB (a path
thinned to fit 64 MB kept 32 points). Instead each point is stored as ``WIDTH`` numbers,
``x @ R``, with R a very sparse random projection (Li, Hastie and Church 2006): each column
has about sqrt(D) entries of +-v, the rest zero, scaled so that E[(x @ R) . (y @ R)] = x . y.
Inner products, hence the path's Gram matrix and its principal directions, are kept up to a
relative error of order 1/sqrt(WIDTH) for the path's few dominant directions. R is rebuilt
from (D, WIDTH, SEED), never stored: a run file holds only the projected rows.

What needs points in parameter space (the landscape's PCA plane, replaying the run for an
animation) uses the exact checkpoints, a separate history of ``CHECKPOINTS`` full rows.
"""

from __future__ import annotations

import numpy as np

#: numbers kept per point of a sketched path: 2 paths x 512 points x 256 x 8 bytes = 2 MB
WIDTH = 256
#: exact full-size points kept per learner (Conv4: 8 x 0.9 MB each)
CHECKPOINTS = 8
#: fixed, so a run's sketch is the same projection in every process and every session
SEED = 20_170_309


class PathSketch:
    """The projection x -> x @ R of flattened parameter vectors of size ``dimension``."""

    def __init__(self, dimension: int, width: int = WIDTH, seed: int = SEED) -> None:
        self.dimension, self.width = int(dimension), int(width)
        rng = np.random.default_rng(seed)
        per_column = max(1, round(np.sqrt(self.dimension)))
        # (width, per_column) coordinates of each column's non-zeros, and their signs
        self._index = np.stack(
            [rng.choice(self.dimension, per_column, replace=False) for _ in range(self.width)]
        )
        self._sign = rng.choice(np.array([-1.0, 1.0]), size=self._index.shape)
        self._scale = np.sqrt(self.dimension / (per_column * self.width))

    def project(self, vectors: np.ndarray) -> np.ndarray:
        """(..., D) -> (..., width)."""
        vectors = np.asarray(vectors, dtype=np.float64)
        if vectors.shape[-1] != self.dimension:
            raise ValueError(f"vectors of size {vectors.shape[-1]}, sketch of {self.dimension}")
        picked = vectors[..., self._index]  # (..., width, per_column)
        return np.einsum("...wk,wk->...w", picked, self._sign) * self._scale

    def lift(self, directions: np.ndarray) -> np.ndarray:
        """R @ directions: (width, k) -> (D, k), so that x @ lift(B) == project(x) @ B."""
        directions = np.asarray(directions, dtype=np.float64)
        out = np.zeros((self.dimension, directions.shape[1]))
        weights = self._sign[..., None] * directions[:, None, :] * self._scale  # (w, pc, k)
        np.add.at(out, self._index.ravel(), weights.reshape(-1, directions.shape[1]))
        return out

    def full_projection(
        self, centre: np.ndarray, basis: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A (centre, basis) in parameter space with (x - centre) @ basis equal to the
        sketch's (project(x) - centre) @ basis for every x: views project phi and theta_n
        of each snapshot with it, without the sketch."""
        full_basis = self.lift(basis)  # (D, k)
        target = np.asarray(centre) @ np.asarray(basis)  # (k,)
        gram = full_basis.T @ full_basis
        full_centre = full_basis @ np.linalg.lstsq(gram, target, rcond=None)[0]
        return full_centre, full_basis

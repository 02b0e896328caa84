"""The top-2 PCA of phi's path (Gram matrix, subsampled) against a full SVD."""

import numpy as np

from maml_gui.core.config import default_config
from maml_gui.core.landscape import pca_plane
from maml_gui.core.training import Trainer
from maml_gui.core.trajectory import principal_axes, trajectory


def _path(rows: int, dim: int, seed: int = 0) -> np.ndarray:
    """A drifting random walk, like phi during meta-training."""
    rng = np.random.default_rng(seed)
    drift = rng.normal(size=dim) * 0.05
    return np.cumsum(
        rng.normal(size=(rows, dim)) * 0.01 + drift * np.linspace(1, 0, rows)[:, None], 0
    )


def _assert_same_up_to_sign(a: np.ndarray, b: np.ndarray, atol: float) -> None:
    sign = np.sign(a @ b)
    np.testing.assert_allclose(a, sign * b, atol=atol)


def test_principal_axes_equal_the_svd_up_to_sign():
    path = _path(60, 40)
    centred = path - path.mean(axis=0)
    basis, explained = principal_axes(centred)
    _, sing, vt = np.linalg.svd(centred, full_matrices=False)
    for k in range(2):
        _assert_same_up_to_sign(basis[:, k], vt[k], atol=1e-8)
    np.testing.assert_allclose(explained, sing[:2] ** 2 / (sing**2).sum(), rtol=1e-10)
    np.testing.assert_allclose(basis.T @ basis, np.eye(2), atol=1e-12)


def test_pca_plane_equals_the_svd_up_to_sign():
    path = _path(50, 30, seed=1)
    plane = pca_plane(path, path[-1])
    _, _, vt = np.linalg.svd(path - path.mean(axis=0), full_matrices=False)
    _assert_same_up_to_sign(plane.d1, vt[0], atol=1e-8)
    _assert_same_up_to_sign(plane.d2, vt[1], atol=1e-8)
    np.testing.assert_array_equal(plane.origin, path[-1])


def test_subsampled_long_path_keeps_the_main_directions():
    path = _path(1024, 300, seed=2)
    centred = path - path.mean(axis=0)
    basis, explained = principal_axes(centred, max_rows=256)
    _, sing, vt = np.linalg.svd(centred, full_matrices=False)
    assert abs(basis[:, 0] @ vt[0]) > 0.999
    assert abs(basis[:, 1] @ vt[1]) > 0.99
    np.testing.assert_allclose(explained, sing[:2] ** 2 / (sing**2).sum(), rtol=1e-2)


def test_degenerate_paths_give_an_orthonormal_basis_without_nan():
    line = np.outer(np.arange(10.0), np.ones(5))  # all motion along one direction
    basis, explained = principal_axes(line - line.mean(axis=0))
    np.testing.assert_allclose(basis.T @ basis, np.eye(2), atol=1e-12)
    assert explained[0] > 0.999 and explained[1] < 1e-12
    still = np.zeros((4, 5))
    basis, explained = principal_axes(still)
    np.testing.assert_allclose(basis.T @ basis, np.eye(2), atol=1e-12)
    assert explained == (0.0, 0.0)


def test_sinusoid_trajectory_projects_on_the_path_pca():
    trainer = Trainer(default_config("sinusoid").replace(iterations=6, meta_batch_size=4))
    for _ in trainer.steps():
        pass
    traj = trajectory(trainer)
    both = np.concatenate([trainer.main_path.rows, trainer.twin_path.rows])
    centred = both - both.mean(axis=0)
    _, sing, vt = np.linalg.svd(centred, full_matrices=False)
    expected = (trainer.main_path.rows - both.mean(axis=0)) @ vt[:2].T
    np.testing.assert_allclose(np.abs(traj.main), np.abs(expected), atol=1e-6)
    np.testing.assert_allclose(traj.explained, sing[:2] ** 2 / (sing**2).sum(), rtol=1e-6)

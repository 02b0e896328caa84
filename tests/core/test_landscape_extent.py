"""The network slices frame what they are for: the PCA plane holds both paths of phi whole,
from their shared start; the random plane is wide enough to show curvature, not a ramp; and
each marker says how far off the plane it lies."""

from __future__ import annotations

import numpy as np
import pytest

from maml_gui.core.config import default_config
from maml_gui.core.records import Plane
from maml_gui.core.training import Trainer, network_landscape
from tests.core.one_thread import train_to_end

RESOLUTION = 21


@pytest.fixture(scope="module")
def trainer():
    config = default_config("sinusoid", "maml").replace(iterations=150, meta_batch_size=5)
    return train_to_end(Trainer(config))


def _inside(land, points):
    points = np.atleast_2d(points)
    return (
        (land.a[0] <= points[:, 0]).all()
        and (points[:, 0] <= land.a[-1]).all()
        and (land.b[0] <= points[:, 1]).all()
        and (points[:, 1] <= land.b[-1]).all()
    )


def test_the_pca_plane_contains_both_paths_from_their_start(trainer):
    land = network_landscape(trainer, "pca", RESOLUTION)
    for key in ("main_path", "twin_path"):
        path = land.markers[key]
        assert len(path) == len(trainer.main_path) > 100
        assert _inside(land, path[:1]), f"{key} starts outside the slice"
        assert _inside(land, path), f"{key} leaves the slice"
    # the start is the shared phi_0
    np.testing.assert_allclose(land.markers["main_path"][0], land.markers["twin_path"][0])


def test_the_random_plane_shows_curvature(trainer):
    land = network_landscape(trainer, "random", RESOLUTION)
    assert _inside(land, np.vstack([land.markers["phi"], land.markers["twin_phi"]]))
    ga, gb = np.meshgrid(land.a, land.b)
    design = np.column_stack([ga.ravel(), gb.ravel(), np.ones(ga.size)])
    for grid in land.plain:
        z = np.log10(grid).ravel()
        fit = design @ np.linalg.lstsq(design, z, rcond=None)[0]
        # most of the slice's variation is not a tilted plane
        assert np.var(z - fit) > 0.3 * np.var(z)


def test_markers_say_how_far_off_the_plane_they_lie(trainer):
    land = network_landscape(trainer, "phi-thetas", RESOLUTION)
    np.testing.assert_allclose(land.markers["thetas_off"], 0, atol=1e-6)  # in the plane
    assert land.markers["twin_phi_off"] > 1e-3  # the twin is only projected
    rng = np.random.default_rng(0)
    d1, d2 = rng.normal(size=(2, 6))
    plane = Plane("test", rng.normal(size=6), 3 * d1, d2)
    normal = np.linalg.svd(np.stack([d1, d2]), full_matrices=True)[2][-1]
    point = plane.origin + 0.3 * plane.d1 - 0.2 * plane.d2 + 0.5 * normal
    assert plane.off_plane(point) == pytest.approx(0.5 / np.linalg.norm(plane.d1))
    np.testing.assert_allclose(plane.project(point), [0.3, -0.2])

"""A large net's path in bounded memory: the sketch keeps the geometry PCA needs, the views'
projection through it is exact, and the exact checkpoints serve what needs real points."""

from __future__ import annotations

import numpy as np
import pytest

from maml_gui.cli import main as cli
from maml_gui.core.checkpoint import load_run, save_run
from maml_gui.core.config import default_config
from maml_gui.core.path_sketch import CHECKPOINTS, PathSketch
from maml_gui.core.replay import frame_indices, replay_at
from maml_gui.core.snapshot import flatten
from maml_gui.core.training import Trainer, network_landscape
from maml_gui.core.trajectory import principal_axes, trajectory
from tests.core.one_thread import train_to_end

#: Conv4 at width 48 has 64,000 parameters: a large model, small enough for a test
WIDE = {"hidden": 48, "meta_batch_size": 2, "n_way": 3, "eval_tasks": 3, "test_inner_steps": 1}


@pytest.fixture(autouse=True)
def cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


def test_the_sketch_keeps_inner_products_and_its_lift_is_exact():
    rng = np.random.default_rng(0)
    dimension = 50_000
    sketch = PathSketch(dimension)
    x = rng.normal(size=(40, dimension))
    gram, sketched = x @ x.T, sketch.project(x) @ sketch.project(x).T
    # squared norms within a few 1/sqrt(width) of their truth
    np.testing.assert_allclose(np.diag(sketched), np.diag(gram), rtol=0.35)
    basis = rng.normal(size=(sketch.width, 2))
    np.testing.assert_allclose(x @ sketch.lift(basis), sketch.project(x) @ basis, rtol=1e-10)
    centre = rng.normal(size=sketch.width)
    full_centre, full_basis = sketch.full_projection(centre, basis)
    np.testing.assert_allclose(
        (x - full_centre) @ full_basis, (sketch.project(x) - centre) @ basis, atol=1e-8
    )
    assert np.array_equal(PathSketch(dimension).project(x[0]), sketch.project(x[0]))  # fixed


def test_a_drifting_paths_principal_directions_survive_the_sketch():
    """A path is a few directions of motion plus noise: PCA of its sketch finds the same
    plane (the projected path matches the exact one up to sign)."""
    rng = np.random.default_rng(1)
    dimension, steps = 60_000, 200
    t = np.linspace(0, 1, steps)[:, None]
    drift = rng.normal(size=(2, dimension))
    path = (
        t * drift[0] + np.sin(3 * t) * 0.5 * drift[1] + 0.01 * rng.normal(size=(steps, dimension))
    )
    exact_basis, exact_explained = principal_axes(path - path.mean(0))
    sketch = PathSketch(dimension)
    rows = sketch.project(path)
    basis, explained = principal_axes(rows - rows.mean(0))
    exact = (path - path.mean(0)) @ exact_basis
    approx = (rows - rows.mean(0)) @ basis
    for k in range(2):
        assert abs(np.corrcoef(exact[:, k], approx[:, k])[0, 1]) > 0.99
    np.testing.assert_allclose(explained, exact_explained, atol=0.05)


def test_a_large_nets_run_keeps_a_sketched_path_and_exact_checkpoints(tmp_path):
    config = default_config("omniglot", "fomaml").replace(iterations=40, **WIDE)
    trainer = train_to_end(Trainer(config))
    dimension = trainer.family.traits.dimension
    assert trainer.sketch is not None and trainer.main_path.width == trainer.sketch.width
    assert len(trainer.main_path) == 41  # every step: the sketch is small
    checkpoints = trainer.main_checkpoints
    assert checkpoints.width == dimension and 4 <= len(checkpoints) <= CHECKPOINTS
    np.testing.assert_array_equal(
        trainer.main_path.rows[-1], trainer.sketch.project(checkpoints.rows[-1])
    )
    # the views' projection places the current phi where the path's last point is drawn
    traj = trajectory(trainer)
    phi = flatten(trainer.main.start_values())
    np.testing.assert_allclose(traj.project(phi), traj.main[-1], atol=1e-8)
    assert traj.main_thetas.shape == (2, 2)
    # the landscape's PCA plane lies in parameter space, through the exact checkpoints
    land = network_landscape(trainer, "pca", 3, adapted=False)
    assert land.plane.d1.shape == (dimension,) and len(land.markers["main_path"]) == len(
        checkpoints
    )
    # an animation replays the exact checkpoints
    index = frame_indices(trainer, 3)[-1]
    replay = replay_at(trainer, index)
    np.testing.assert_array_equal(flatten(replay.main.start_values()), checkpoints.rows[index])
    # saved and opened: the sketch and the checkpoints come back as they were
    loaded = load_run(save_run(trainer, tmp_path / "run.npz"))
    np.testing.assert_array_equal(loaded.main_path.rows, trainer.main_path.rows)
    np.testing.assert_array_equal(loaded.twin_checkpoints.rows, trainer.twin_checkpoints.rows)
    # the file holds the checkpoints and both learners' phi and Adam moments in full, the
    # paths as sketches: far less than 2 x 41 full rows
    rows_in_file = (tmp_path / "run.npz").stat().st_size / (dimension * 8)
    assert rows_in_file < 2 * CHECKPOINTS + 2 * 3 + 1


def test_an_example_is_compact_and_opens_with_what_the_views_need(tmp_path):
    config = default_config("omniglot", "maml").replace(iterations=12, **WIDE)
    trainer = train_to_end(Trainer(config))
    full = save_run(trainer, tmp_path / "full.npz")
    assert cli(["example", str(full), "--out", str(tmp_path / "example.npz")]) == 0
    assert cli(["example", str(full), "--out", str(tmp_path / "example.npz")]) == 2  # exists
    example = tmp_path / "example.npz"
    assert example.stat().st_size < 0.5 * full.stat().st_size
    opened = load_run(example)
    for mine, theirs in ((opened.main, trainer.main), (opened.twin, trainer.twin)):
        np.testing.assert_array_equal(flatten(mine.start_values()), flatten(theirs.start_values()))
    np.testing.assert_array_equal(opened.main_path.rows, trainer.main_path.rows)
    np.testing.assert_array_equal(opened.gap_history.rows, trainer.gap_history.rows)
    # exact checkpoints: the shared start and the current phi, enough for the PCA plane
    assert opened.main_checkpoints.steps.tolist() == [0, 12]
    np.testing.assert_array_equal(opened.main_checkpoints.rows[0], trainer.main_checkpoints.rows[0])
    network_landscape(opened, "pca", 3, adapted=False)
    # it trains on (Adam afresh) and saves as an ordinary run
    opened.set_config(opened.config.replace(iterations=13))
    opened.next_step(observe=False)
    assert opened.step == 13 and load_run(save_run(opened, tmp_path / "on.npz")).step == 13


def test_a_large_nets_run_saved_with_exact_paths_opens_sketched(tmp_path, monkeypatch):
    """Runs saved before large nets' paths were sketched held every point in full."""
    import maml_gui.core.training as training

    config = default_config("omniglot", "anil").replace(iterations=10, **WIDE)
    monkeypatch.setattr(training, "LARGE_MODEL_PARAMETERS", 10**9)  # the former format
    old = train_to_end(Trainer(config))
    assert old.sketch is None and len(old.main_path) == 11
    saved = save_run(old, tmp_path / "old.npz")
    monkeypatch.undo()
    opened = load_run(saved)
    sketch = opened.sketch
    np.testing.assert_allclose(opened.main_path.rows, sketch.project(old.main_path.rows))
    assert opened.twin_checkpoints.steps.tolist() == old.twin_path.steps[-CHECKPOINTS:].tolist()
    np.testing.assert_array_equal(opened.twin_checkpoints.rows, old.twin_path.rows[-CHECKPOINTS:])
    opened.set_config(opened.config.replace(iterations=11))
    opened.next_step(observe=False)  # and it trains on
    assert len(opened.main_path) == 12

"""What the classification views will show, computed in the engine: feature reuse (linear
CKA per layer) and both learners on Lake et al.'s 20 one-shot runs."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from maml_gui.core.algorithms import make_algorithm
from maml_gui.core.classification.feature_reuse import LAYERS, feature_reuse, linear_cka
from maml_gui.core.classification.one_shot import score_runs
from maml_gui.core.config import default_config
from maml_gui.core.omniglot.lake_runs import load_runs
from maml_gui.core.training import Trainer


@pytest.fixture(scope="module")
def trainer(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg")))
        config = default_config("omniglot", "maml").replace(
            hidden=8, meta_batch_size=2, eval_tasks=4, iterations=3
        )
        trainer = Trainer(config)
        for _ in range(3):
            trainer.next_step(observe=False)
        return trainer


def _hsic_cka(x: np.ndarray, y: np.ndarray) -> float:
    """Kornblith et al.'s definition through centring matrices, written independently."""
    n = x.shape[0]
    h = np.eye(n) - np.ones((n, n)) / n
    k, m = h @ x @ x.T @ h, h @ y @ y.T @ h
    return float(np.trace(k @ m) / np.sqrt(np.trace(k @ k) * np.trace(m @ m)))


def test_linear_cka_is_kornblith_et_als_and_invariant_to_rotation_and_scale():
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(12, 30)), rng.normal(size=(12, 7))
    got = float(linear_cka(torch.as_tensor(x), torch.as_tensor(y)))
    assert abs(got - _hsic_cka(x, y)) < 1e-12
    rotation, _ = np.linalg.qr(rng.normal(size=(30, 30)))
    same = linear_cka(torch.as_tensor(x), torch.as_tensor(3.5 * x @ rotation + 2.0))
    assert abs(float(same) - 1) < 1e-12


def test_anils_body_is_reused_exactly_and_maml_changes_its_head_most(trainer):
    tasks = trainer.eval_tasks()
    anil = make_algorithm(
        "anil", trainer.family, trainer.config.replace(algorithm="anil"), trainer.main.values()
    )
    reuse = feature_reuse(anil, tasks, 3, 0.4)
    assert reuse.shape == (len(LAYERS),)
    np.testing.assert_allclose(reuse[:-1], 1.0, atol=1e-6)  # the body does not move
    assert reuse[-1] < 1 - 1e-3  # the head does
    maml = feature_reuse(trainer.main, tasks, 3, 0.4)
    assert (maml <= 1 + 1e-6).all() and maml[-1] < maml[0]


def test_both_learners_are_scored_on_the_twenty_runs(trainer):
    runs = load_runs()[:3]
    for learner in (trainer.main, trainer.twin):
        scores = score_runs(learner, runs, (0, 2), 0.4)
        assert scores.errors.shape == (2, 3)
        # a zero 20-way head says "class 0" to everything: 19 of 20 wrong
        np.testing.assert_allclose(scores.errors[0], 19 / 20)
        assert ((scores.errors >= 0) & (scores.errors <= 1)).all()


def test_a_conv4_landscape_is_each_points_own_loss(tmp_path, monkeypatch):
    """A 3 x 3 plane of plain and one-step losses against a loop over its points, float64."""
    from maml_gui.core.landscape import plane_losses, random_plane, unflatten
    from maml_gui.core.omniglot.images import load
    from maml_gui.core.tasks.omniglot import OmniglotFamily
    from tests.core import conv_reference as ref

    family = OmniglotFamily(
        load(cache_dir=tmp_path), n_way=3, k_shot=1, k_query=1, channels=4, dtype=torch.float64
    )
    gen = torch.Generator().manual_seed(0)
    phi = family.init_params(gen)
    batch = family.sample(1, gen)
    plane = random_plane(phi, seed=3)
    d1 = unflatten(torch.as_tensor(plane.d1), phi)
    for name, value in phi.items():  # filter-normalised: each conv filter as long as phi's
        if value.dim() > 1:
            np.testing.assert_allclose(
                d1[name].flatten(1).norm(dim=1), value.flatten(1).norm(dim=1), rtol=1e-9
            )
        else:
            assert not d1[name].any()  # biases and BatchNorm's scale and shift stay
    axis = np.array([-0.5, 0.0, 0.5])
    task = (tuple(t[0] for t in batch.support), tuple(t[0] for t in batch.query))
    plain, adapted = plane_losses(family, phi, plane, axis, axis, (task,), 0.4, chunk=4)
    for i, b in enumerate(axis):
        for j, a in enumerate(axis):
            point = plane.origin + a * plane.d1 + b * plane.d2
            params = unflatten(torch.as_tensor(point), phi)
            assert abs(plain[0, i, j] - float(ref.cross_entropy(params, task[1]))) < 1e-10
            leaves = {k: v.clone().requires_grad_(True) for k, v in params.items()}
            stepped = ref.adapt(leaves, task[0], 1, 0.4, list(leaves), create_graph=False)
            one_step = float(ref.cross_entropy(stepped, task[1]).detach())
            assert abs(adapted[0, i, j] - one_step) < 1e-10
    only_plain, none = plane_losses(
        family, phi, plane, axis, axis, (task,), 0.4, with_adapted=False
    )
    assert none is None and np.allclose(only_plain, plain, atol=1e-12)


def test_the_task_view_shows_one_held_out_task_and_both_learners_predictions(trainer):
    from maml_gui.core.classification.task_view import task_predictions

    tasks = trainer.eval_tasks()
    view = task_predictions(trainer.main, trainer.twin, tasks, 1, (0, 1, 3), 0.4)
    assert view.support.shape == (5, 28, 28) and view.query.shape == (5, 28, 28)
    assert view.support_labels.tolist() == [0, 1, 2, 3, 4]
    assert np.array_equal(view.query, tasks.query[0][1, :, 0].numpy())
    for probabilities in (view.main, view.twin):
        assert probabilities.shape == (3, 5, 5)
        np.testing.assert_allclose(probabilities.sum(-1), 1.0, atol=1e-9)
    np.testing.assert_allclose(view.twin[0], 0.2)  # pretraining's zero head: uniform
    assert view.wrong("twin")[0].tolist() == [False, True, True, True, True]  # picks class 0
    # the predictions are the learner's own: after 3 steps, its loss on this task's query
    table = trainer.main.loss_after_steps(tasks.select([1]), 3, 0.4)
    nll = -np.log(view.main[2][np.arange(5), view.query_labels]).mean()
    assert abs(nll - table[0, 3]) < 1e-4


def test_the_classification_payloads_apply_to_classifiers_only(trainer):
    import pickle
    import subprocess
    import sys

    from maml_gui.core.payloads import applies, compute_payload
    from maml_gui.core.records import (
        FeatureReuse,
        OneShotRuns,
        PayloadKind,
        PayloadRequest,
        TaskPredictions,
    )

    kinds = {
        PayloadKind.TASK_PREDICTIONS: TaskPredictions,
        PayloadKind.FEATURE_REUSE: FeatureReuse,
        PayloadKind.ONE_SHOT_RUNS: OneShotRuns,
    }
    sinusoid = Trainer(default_config("sinusoid", "maml"))
    payloads = {}
    for kind, record in kinds.items():
        assert applies(kind, trainer) and not applies(kind, sinusoid)
        params = {
            PayloadKind.FEATURE_REUSE: (("tasks", 3),),
            PayloadKind.ONE_SHOT_RUNS: (("steps", (0, 1)),),
        }
        payloads[kind] = compute_payload(trainer, PayloadRequest(kind, params.get(kind, ())))
        assert isinstance(payloads[kind], record)
    reuse = payloads[PayloadKind.FEATURE_REUSE]
    np.testing.assert_allclose(reuse.head_only[:-1], 1.0, atol=1e-6)
    assert reuse.tasks == 3 and reuse.algorithm.shape == (5,)
    assert np.isnan(reuse.pretraining[-1])  # a zero head's logits do not vary: undefined
    assert np.isfinite(reuse.pretraining[:-1]).all()
    runs = payloads[PayloadKind.ONE_SHOT_RUNS]
    assert runs.algorithm.shape == runs.pretraining.shape == (2, 20)
    # they cross to the app as plain numpy records: unpickled where torch is never imported
    blob = pickle.dumps(list(payloads.values()))
    code = (
        "import pickle, sys; pickle.loads(sys.stdin.buffer.read()); "
        "assert 'torch' not in sys.modules, 'torch was imported'"
    )
    subprocess.run([sys.executable, "-c", code], input=blob, check=True)

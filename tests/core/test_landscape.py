"""Landscapes against direct evaluation; the planes contain what they claim to contain."""

import numpy as np
import torch

from maml_gui.core.config import default_config
from maml_gui.core.evaluation import held_out_tasks
from maml_gui.core.landscape import plane_through, toy_landscape
from maml_gui.core.snapshot import flatten
from maml_gui.core.training import Trainer, network_landscape


def test_toy1d_zero_step_maml_objective_is_the_pretraining_objective():
    trainer = Trainer(default_config("toy1d", "maml"))
    land = toy_landscape(trainer.family, 0.8, m_max=5)
    np.testing.assert_array_equal(land.maml[0], land.pretraining)
    assert land.maml.shape == (6, 601)
    assert not np.allclose(land.maml[1], land.pretraining)


def test_toy_objectives_match_a_pointwise_loop():
    for task in ("toy1d", "toy2d"):
        trainer = Trainer(default_config(task, "maml"))
        family = trainer.family
        land = toy_landscape(family, 0.5, m_max=2, resolution=21)
        tasks = family.all_tasks()
        axis = land.axes[0]
        grid = [(i,) for i in range(21)] if family.dim == 1 else [(3, 17), (10, 10), (20, 0)]
        for index in grid:
            # toy2d grids are indexed [y, x]
            point = [axis[i] for i in (index if family.dim == 1 else index[::-1])]
            w0 = torch.tensor(point, dtype=torch.float64)
            losses = []
            for n in range(tasks.size):
                data = tuple(t[n] for t in tasks.query)
                w = w0.clone().requires_grad_(True)
                for _ in range(2):
                    (g,) = torch.autograd.grad(family.loss({"w": w}, data), w)
                    w = (w - 0.5 * g).detach().requires_grad_(True)
                losses.append(float(family.loss({"w": w.detach()}, data)))
            assert abs(np.mean(losses) - land.maml[2][index]) < 1e-12


def test_network_plane_contains_phi_and_both_thetas_and_matches_direct_losses():
    trainer = Trainer(default_config("sinusoid", "maml").replace(meta_batch_size=4))
    for _ in range(20):
        trainer.next_step()
    land = network_landscape(trainer, "phi-thetas", resolution=21)
    np.testing.assert_allclose(land.markers["phi"], [0, 0], atol=1e-6)
    plane = land.plane
    phi_vec = flatten(trainer.main.values())
    for coords in land.markers["thetas"]:
        rebuilt = plane.origin + coords[0] * plane.d1 + coords[1] * plane.d2
        assert np.linalg.norm(rebuilt - phi_vec) > 0
    # the plane is orthonormal and exactly reconstructs theta_a and theta_b
    assert abs(plane.d1 @ plane.d2) < 1e-6
    pair = held_out_tasks(trainer.family, trainer.config, 2)  # the plane's tasks a and b
    thetas = flatten(trainer.main.adapt(pair.support, 1, trainer.config.inner_lr), batched=True)
    for theta, coords in zip(thetas, land.markers["thetas"], strict=True):
        rebuilt = plane.origin + coords[0] * plane.d1 + coords[1] * plane.d2
        np.testing.assert_allclose(rebuilt, theta, atol=1e-5)
    # grid values equal direct evaluation at a grid point
    i, j = 7, 13
    point = plane.origin + land.a[j] * plane.d1 + land.b[i] * plane.d2
    like = trainer.main.values()
    from maml_gui.core.landscape import unflatten

    params = unflatten(torch.as_tensor(point, dtype=torch.float32), like)
    query = tuple(t[0] for t in pair.query)
    direct = float(trainer.family.loss(params, query))
    assert abs(direct - land.plain[0, i, j]) < 1e-4 * max(1.0, direct)
    support = tuple(t[0] for t in pair.support)
    params = {k: v.clone().requires_grad_(True) for k, v in params.items()}
    # MAML's quantity: one step on the support set, scored on the query set
    grads = torch.autograd.grad(trainer.family.loss(params, support), list(params.values()))
    stepped = {
        k: (v - trainer.config.inner_lr * g).detach()
        for (k, v), g in zip(params.items(), grads, strict=True)
    }
    direct_after = float(trainer.family.loss(stepped, query))
    assert abs(direct_after - land.adapted[0, i, j]) < 1e-4 * max(1.0, direct_after)


def test_pca_and_random_planes():
    trainer = Trainer(default_config("sinusoid", "maml").replace(meta_batch_size=4))
    for _ in range(10):
        trainer.next_step()
    for kind in ("pca", "random"):
        land = network_landscape(trainer, kind, resolution=11)
        assert land.plain.shape == (2, 11, 11)
        assert np.isfinite(land.adapted).all()
        assert land.markers["main_path"].shape == (11, 2)


def test_plane_through_is_exact():
    rng = np.random.default_rng(0)
    phi, a, b = rng.normal(size=(3, 50))
    plane = plane_through(phi, a, b)
    for point in (phi, a, b):
        c = plane.project(point)
        np.testing.assert_allclose(plane.origin + c[0] * plane.d1 + c[1] * plane.d2, point)

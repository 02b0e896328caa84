"""Loss landscapes, always batched over grid points (never a Python loop over the grid).

- Toy families: every task's exact loss on a grid, the pretraining objective
  (1/N) sum_n l_n(w) and the MAML objective (1/N) sum_n l_n(theta_n^m(w)) for m = 0..m_max
  inner steps (m = 0 *is* the pretraining objective).
- Networks: 2-D slices phi + a d1 + b d2 through parameter space. The planes: through phi and
  two adapted theta_a, theta_b (orthonormalised, so all three lie exactly in the picture); the
  PCA plane of phi's trajectory; and filter-normalised random directions (Li et al. 2018,
  "Visualizing the Loss Landscape of Neural Nets"). Both the plain loss and the loss after one
  inner SGD step from every grid point are computed, in chunks: the parameters are linear in
  (a, b), so a chunk of grid points is one batched matmul per layer, and one backward pass of
  the summed chunk loss gives every point's own gradient (the points do not interact).
"""

from __future__ import annotations

import math

import numpy as np
import torch

from maml_gui.core.records import Plane, ToyLandscape
from maml_gui.core.tasks.base import Params, TaskBatch
from maml_gui.core.tasks.toy import ToyFamily
from maml_gui.core.trajectory import principal_axes

#: the most a 2-D grid is widened to fill a view (width / height, or height / width): the
#: landscape dock at 1280x720 is about 5:1
MAX_ASPECT = 8.0


def toy_axes(
    bounds: tuple[float, float], res: int, aspect: float, dtype: torch.dtype
) -> tuple[torch.Tensor, torch.Tensor]:
    """A 2-D grid's x and y axes: the square ``bounds`` (where the tasks live), widened along
    one axis to ``aspect`` = width / height so that a view with a locked aspect is filled
    (the losses are exact everywhere). The grid keeps about res**2 points, its spacing growing
    by sqrt(aspect): its isocurves are traced on the GUI thread, a few per frame."""
    aspect = min(max(aspect, 1 / MAX_ASPECT), MAX_ASPECT)
    centre, half = (bounds[0] + bounds[1]) / 2, (bounds[1] - bounds[0]) / 2
    half_x, half_y = half * max(aspect, 1.0), half * max(1 / aspect, 1.0)
    # equal spacing along both axes (contours equally smooth), res**2 points in all
    nx, ny = round(res * math.sqrt(aspect)), round(res / math.sqrt(aspect))
    x = torch.linspace(centre - half_x, centre + half_x, nx, dtype=dtype)
    y = torch.linspace(centre - half_y, centre + half_y, ny, dtype=dtype)
    return x, y


def toy_landscape(
    family: ToyFamily,
    inner_lr: float,
    m_max: int = 5,
    resolution: int | None = None,
    bounds: tuple[float, float] = (-3.0, 3.0),
    aspect: float = 1.0,
) -> ToyLandscape:
    """Exact curves (1-D) or grids (2-D) of the task losses and both objectives; a 2-D grid
    covers ``bounds`` squared, widened to the view's ``aspect`` (see toy_axes)."""
    res = resolution or (601 if family.dim == 1 else 121)
    if family.dim == 1:
        axis = torch.linspace(bounds[0], bounds[1], res, dtype=family.dtype)
        points = axis[:, None]
        shape: tuple[int, ...] = (res,)
        axes_t: tuple[torch.Tensor, ...] = (axis,)
    else:
        x, y = toy_axes(bounds, res, aspect, family.dtype)
        gy, gx = torch.meshgrid(y, x, indexing="ij")  # rows are y, columns are x
        points = torch.stack([gx.reshape(-1), gy.reshape(-1)], dim=1)
        shape = (len(y), len(x))
        axes_t = (x, y)
    tasks = family.all_tasks()
    per_task = family.grid_loss(points, tasks)  # (T, P)
    maml = [per_task.mean(0)]
    moved = points[None].expand(tasks.size, -1, -1).clone()
    for _ in range(m_max):
        moved = moved - inner_lr * _toy_grid_gradient(family, moved, tasks)
        maml.append(_toy_loss_at(family, moved, tasks).mean(0))
    axes = tuple(a.numpy().copy() for a in axes_t)
    return ToyLandscape(
        axes=axes,
        task_losses=per_task.reshape(tasks.size, *shape).numpy().copy(),
        pretraining=maml[0].reshape(shape).numpy().copy(),
        maml=torch.stack(maml).reshape(m_max + 1, *shape).numpy().copy(),
        task_minima=family.task_minima(),
        inner_lr=inner_lr,
        bounds=(float(bounds[0]), float(bounds[1])),
    )


def _toy_loss_at(family: ToyFamily, points: torch.Tensor, tasks: TaskBatch) -> torch.Tensor:
    """Task n's loss at points[n] (each task evaluated at its own moved points): (T, P)."""
    return torch.func.vmap(
        lambda p, c, t, d: family.loss({"w": p}, (c, t, d)),
        in_dims=(1, None, None, None),
        out_dims=1,
    )(points, *tasks.query)


def _toy_grid_gradient(family: ToyFamily, points: torch.Tensor, tasks: TaskBatch) -> torch.Tensor:
    # Each grid point of each task is an independent scalar function of its own coordinates:
    # one backward pass of the sum yields all of their gradients.
    p = points.detach().requires_grad_(True)
    with torch.enable_grad():
        total = _toy_loss_at(family, p, tasks).sum()
        (g,) = torch.autograd.grad(total, p)
    return g


# -- network planes -------------------------------------------------------------------------


def plane_through(phi: np.ndarray, theta_a: np.ndarray, theta_b: np.ndarray) -> Plane:
    """The plane containing phi, theta_a and theta_b exactly; d1, d2 orthonormal."""
    d1 = theta_a - phi
    n1 = np.linalg.norm(d1)
    if n1 == 0:
        raise ValueError("theta_a equals phi: no plane through them")
    d1 = d1 / n1
    d2 = theta_b - phi
    d2 = d2 - (d2 @ d1) * d1
    n2 = np.linalg.norm(d2)
    if n2 < 1e-12 * max(1.0, n1):
        d2 = _any_orthogonal(d1)
    else:
        d2 = d2 / n2
    return Plane("phi-thetas", phi.copy(), d1, d2)


def pca_plane(path: np.ndarray, origin: np.ndarray) -> Plane:
    """The two principal directions of a trajectory of flattened parameters (rows)."""
    if path.shape[0] < 3:
        raise ValueError("the trajectory needs at least 3 recorded points for a PCA plane")
    # Top-2 PCA from the Gram matrix of a subsampled path: a full SVD took seconds.
    basis, _ = principal_axes(path - path.mean(axis=0))
    return Plane("pca", origin.copy(), basis[:, 0].copy(), basis[:, 1].copy())


def random_plane(phi: Params, seed: int) -> Plane:
    """Filter-normalised random directions: each filter of each weight (a dense layer's row,
    a conv layer's output channel) is scaled to the norm of the same filter of phi; biases and
    BatchNorm's scale and shift get zero."""
    gen = torch.Generator().manual_seed(seed)
    directions = []
    for _ in range(2):
        parts = []
        for value in phi.values():
            d = torch.randn(value.shape, generator=gen, dtype=value.dtype)
            if value.dim() <= 1:
                d = torch.zeros_like(value)
            else:
                # a filter is everything one output unit reads: a dense layer's row, a conv
                # layer's (C_in, k, k) block (Li et al. normalise conv filters so)
                shape = (-1,) + (1,) * (value.dim() - 1)
                norm_phi = value.flatten(1).norm(dim=1).reshape(shape)
                norm_d = d.flatten(1).norm(dim=1).reshape(shape)
                d = d * (norm_phi / (norm_d + 1e-10))
            parts.append(d.reshape(-1))
        directions.append(torch.cat(parts).numpy().copy())
    origin = torch.cat([v.reshape(-1) for v in phi.values()]).numpy().copy()
    return Plane("random", origin, directions[0], directions[1])


def _any_orthogonal(d1: np.ndarray) -> np.ndarray:
    e = np.zeros_like(d1)
    e[int(np.argmin(np.abs(d1)))] = 1.0
    e = e - (e @ d1) * d1
    return e / np.linalg.norm(e)


def unflatten(vector: torch.Tensor, like: Params) -> Params:
    """(..., D) -> parameters shaped like ``like`` with the same leading dimensions."""
    out, offset = {}, 0
    lead = vector.shape[:-1]
    for name, value in like.items():
        n = value.numel()
        out[name] = vector[..., offset : offset + n].reshape(*lead, *value.shape)
        offset += n
    return out


def plane_losses(
    family,
    like: Params,
    plane: Plane,
    a: np.ndarray,
    b: np.ndarray,
    tasks: tuple[tuple[tuple[torch.Tensor, ...], tuple[torch.Tensor, ...]], ...],
    inner_lr: float,
    adapted_only_keys: tuple[str, ...] | None = None,
    chunk: int = 512,
    with_adapted: bool = True,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Query loss of each task at every grid point of ``plane``, and the query loss after one
    inner SGD step on the task's support set from every grid point (MAML's quantity).

    ``tasks`` holds (support, query) per task.

    ``family`` provides ``loss_batched`` (parameters with a leading point dimension, data
    shared by all points) and may provide ``plane_loss`` (the loss at origin + a d1 + b d2
    for many (a, b) without building each parameter set). ``chunk`` points are built at once;
    a family may ask for fewer (``landscape_chunk``: a Conv4 is 113,000 numbers a point).
    Returns two (T, len(b), len(a)) arrays; the second is None when ``with_adapted`` is
    False.
    """
    dtype = next(iter(like.values())).dtype
    chunk = min(chunk, getattr(family, "landscape_chunk", chunk))
    vectors = [torch.as_tensor(v, dtype=dtype) for v in (plane.origin, plane.d1, plane.d2)]
    origin, d1, d2 = (unflatten(v, like) for v in vectors)
    per_param = {k: torch.stack([d1[k].reshape(-1), d2[k].reshape(-1)]) for k in like}
    ga, gb = np.meshgrid(a, b)  # rows index b
    coords = torch.as_tensor(np.stack([ga.ravel(), gb.ravel()], axis=1), dtype=dtype)
    keys = adapted_only_keys or tuple(like)
    plain = torch.empty(len(tasks), coords.shape[0], dtype=dtype)
    adapted = torch.empty_like(plain)
    for start in range(0, coords.shape[0], chunk):
        c = coords[start : start + chunk]
        rows = slice(start, start + chunk)
        if not with_adapted and hasattr(family, "plane_loss"):
            for t, data in enumerate(tasks):
                with torch.no_grad():
                    plain[t, rows] = family.plane_loss(origin, d1, d2, c[:, 0], c[:, 1], data[1])
            continue
        # Each parameter of this chunk built contiguous in one addmm (views into one wide
        # (P, D) block made every later matmul copy; measured 1.4x slower).
        params = {
            k: torch.addmm(origin[k].reshape(-1), c, per_param[k]).view(-1, *v.shape)
            for k, v in like.items()
        }
        for t, (support, query) in enumerate(tasks):
            if not with_adapted:  # a family without plane_loss: its batched loss
                with torch.no_grad():
                    plain[t, rows] = family.loss_batched(params, query)
                continue
            leaves = {k: v.detach().requires_grad_(k in keys) for k, v in params.items()}
            with torch.enable_grad():
                # Grid points do not interact: the gradient of the summed loss with respect
                # to the stacked parameters is every point's own gradient.
                losses = family.loss_batched(leaves, support)
                grads = torch.autograd.grad(losses.sum(), [leaves[k] for k in keys])
            stepped = {k: v.detach() for k, v in leaves.items()}
            for k, g in zip(keys, grads, strict=True):
                stepped[k] = stepped[k] - inner_lr * g
            with torch.no_grad():
                plain[t, rows] = family.loss_batched(params, query)
                adapted[t, rows] = family.loss_batched(stepped, query)
    shape = (len(tasks), len(b), len(a))
    plain_grid = plain.reshape(shape).numpy().copy()
    return plain_grid, (adapted.reshape(shape).numpy().copy() if with_adapted else None)


def grid_around(
    coords: np.ndarray, resolution: int = 61, margin: float = 0.35
) -> tuple[np.ndarray, np.ndarray]:
    """Square-ish grid axes covering the given 2-D marker coordinates with a margin."""
    low = coords.min(axis=0)
    high = coords.max(axis=0)
    span = np.maximum(high - low, 1e-3)
    span = np.maximum(span, 0.25 * span.max())
    low = low - margin * span
    high = high + margin * span
    return (np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution))

"""Meta-gradients at any point of a toy's parameter plane: what the landscape's "explore"
marker shows, and what ``maml-gui export --view landscape --at PHI`` writes.

At a point phi (not the training phi: any point the user drags to), for the family's tasks,
with inner rate alpha and m inner steps:

- theta_n^m: m SGD steps on task n's support loss from phi, and their paths;
- the MAML objective L(phi) = (1/N) sum_n l_n(theta_n^m(phi)) (m = 0: pretraining's);
- four meta-gradients g, each such that the algorithm's update is phi <- phi - beta * g:

  MAML     dL/dphi, exactly, through the m steps (second order, autograd);
  FOMAML   (1/N) sum_n grad l_n(theta_n^m): the same with every Jacobian
           d theta_n^m / d phi = prod_j (I - alpha H_n(theta_n^j)) taken as I;
  Reptile  (phi - mean_n theta_n^m) / (m alpha): Reptile's update direction in gradient units
           (for m = 1 it is the pretraining gradient; undefined for m = 0);
  iMAML    Rajeswaran et al. (2019): theta_n* = argmin_theta l_n(theta) + lambda/2 |theta - phi|^2
           (found from phi), and g_n = (I + H_n(theta_n*) / lambda)^-1 grad l_n(theta_n*),
           the inverse applied by conjugate gradients on Hessian-vector products, as the paper
           does; averaged over tasks.

- the curvature term MAML - FOMAML (what FOMAML drops) and the angle between the two.

The toys have one or two parameters, so every solve here runs to convergence: the arrows are
exact, not estimates (tests/core/test_explore.py checks MAML against finite differences of L,
FOMAML against its formula, iMAML against the implicit formula solved directly).
"""

from __future__ import annotations

import math

import numpy as np
import torch

from maml_gui.core.records import MetaGradients
from maml_gui.core.tasks.toy import ToyFamily

#: the m slider's range (the issue: 0..20)
MAX_EXPLORE_STEPS = 20
#: iMAML's lambda: smaller makes the inner problems barely regularised (and the solve
#: ill-conditioned), larger pins theta_n* to phi
LAMBDA_RANGE = (0.01, 1000.0)
#: where phi may be put: far outside the toys' picture (|w| <= 3) the losses are still exact,
#: but a typo of 1e30 would only overflow
PHI_LIMIT = 100.0
#: the inner solves stop when every task's gradient norm is below this (float64)
SOLVE_TOLERANCE = 1e-12
MAX_NEWTON_STEPS = 200


def meta_gradients(
    family: ToyFamily,
    phi,
    inner_lr: float,
    steps: int,
    lam: float = 1.0,
) -> MetaGradients:
    """The explore marker's numbers at ``phi`` (see the module's docstring)."""
    phi_t = _checked_phi(family, phi)
    steps = _checked_steps(steps)
    lam = _checked_lambda(lam)
    if not (math.isfinite(inner_lr) and inner_lr > 0):
        raise ValueError(f"the inner learning rate must be positive, not {inner_lr}")
    tasks = family.all_tasks()
    support, query = tasks.support, tasks.query
    n = tasks.size

    # MAML: theta_n^m as a function of phi, differentiated through every step
    leaf = phi_t.clone().requires_grad_(True)
    with torch.enable_grad():
        theta = leaf.expand(n, -1)
        path = [theta.detach()]
        for _ in range(steps):
            theta = theta - inner_lr * _gradient(family, theta, support, create_graph=True)
            path.append(theta.detach())
        adapted_losses = _losses(family, theta, query)
        objective = adapted_losses.mean()
        (maml,) = torch.autograd.grad(objective, leaf)
    thetas = theta.detach()
    fomaml = _gradient(family, thetas, query).mean(0)
    if steps > 0:
        reptile = (phi_t - thetas.mean(0)) / (steps * inner_lr)
    else:
        reptile = torch.full_like(phi_t, math.nan)
    stars = _regularised_minima(family, phi_t, support, lam)
    imaml = _implicit_gradients(family, stars, query, support, lam).mean(0)
    return MetaGradients(
        phi=_np(phi_t),
        inner_steps=steps,
        inner_lr=float(inner_lr),
        lam=lam,
        thetas=_np(thetas),
        paths=_np(torch.stack(path, dim=1)),
        task_losses=_np(adapted_losses.detach()),
        objective=float(objective.detach()),
        pretraining_objective=float(_losses(family, phi_t.expand(n, -1), query).mean()),
        maml=_np(maml),
        fomaml=_np(fomaml),
        reptile=_np(reptile),
        imaml=_np(imaml),
        imaml_thetas=_np(stars),
    )


# -- inputs -----------------------------------------------------------------------------------
def _checked_phi(family: ToyFamily, phi) -> torch.Tensor:
    count = "one number" if family.dim == 1 else f"{family.dim} numbers"
    try:
        values = np.asarray(phi, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise ValueError(f"phi must be {count}, not {phi!r}") from None
    if values.size != family.dim:
        raise ValueError(f"phi must be {count} for {family.name}, not {values.size}")
    if not np.isfinite(values).all() or np.abs(values).max() > PHI_LIMIT:
        raise ValueError(f"phi must be finite numbers from {-PHI_LIMIT:g} to {PHI_LIMIT:g}")
    return torch.as_tensor(values, dtype=family.dtype)


def _checked_steps(steps) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer):
        raise ValueError(f"the inner steps m must be a whole number, not {steps!r}")
    if not 0 <= steps <= MAX_EXPLORE_STEPS:
        raise ValueError(f"the inner steps m must be from 0 to {MAX_EXPLORE_STEPS}, not {steps}")
    return int(steps)


def _checked_lambda(lam) -> float:
    low, high = LAMBDA_RANGE
    try:
        lam = float(lam)
    except (TypeError, ValueError):
        raise ValueError(f"iMAML's lambda must be a number, not {lam!r}") from None
    if not low <= lam <= high:  # also refuses NaN
        raise ValueError(f"iMAML's lambda must be from {low:g} to {high:g}, not {lam:g}")
    return lam


# -- derivatives, every task at once ---------------------------------------------------------
def _losses(family: ToyFamily, theta: torch.Tensor, data) -> torch.Tensor:
    """Task n's loss at theta[n]: (N,)."""
    return family.loss_batched({"w": theta}, data)


def _gradient(family: ToyFamily, theta: torch.Tensor, data, create_graph: bool = False):
    """Task n's gradient at theta[n]: (N, d). The tasks do not interact, so the gradient of
    the summed losses holds each task's own."""
    with torch.enable_grad():
        if not create_graph:
            theta = theta.detach().requires_grad_(True)
        (grad,) = torch.autograd.grad(
            _losses(family, theta, data).sum(), theta, create_graph=create_graph
        )
    return grad


def _hessians(family: ToyFamily, theta: torch.Tensor, data) -> torch.Tensor:
    """Task n's Hessian at theta[n]: (N, d, d), one backward pass per parameter."""
    theta = theta.detach().requires_grad_(True)
    with torch.enable_grad():
        grad = _gradient(family, theta, data, create_graph=True)
        rows = [
            torch.autograd.grad(grad[:, j].sum(), theta, retain_graph=True)[0]
            for j in range(theta.shape[1])
        ]
    return torch.stack(rows, dim=1)


def _hessian_vector(family: ToyFamily, theta: torch.Tensor, data, v: torch.Tensor):
    """H_n(theta[n]) v[n] for every task: (N, d)."""
    theta = theta.detach().requires_grad_(True)
    with torch.enable_grad():
        grad = _gradient(family, theta, data, create_graph=True)
        (hv,) = torch.autograd.grad((grad * v).sum(), theta)
    return hv


# -- iMAML --------------------------------------------------------------------------------------
def _regularised_minima(family: ToyFamily, phi: torch.Tensor, data, lam: float) -> torch.Tensor:
    """theta_n* = a local minimiser of G_n(theta) = l_n(theta) + lam/2 |theta - phi|^2 reached
    from phi: Newton's method where G_n is convex, a gradient step scaled by its largest
    curvature where it is not, each with a backtracking line search (so G_n never rises)."""
    n, d = family.n_tasks, phi.shape[0]
    eye = torch.eye(d, dtype=phi.dtype)

    def objective(theta: torch.Tensor) -> torch.Tensor:
        return _losses(family, theta, data) + 0.5 * lam * ((theta - phi) ** 2).sum(-1)

    theta = phi.expand(n, -1).clone()
    for _ in range(MAX_NEWTON_STEPS):
        grad = _gradient(family, theta, data) + lam * (theta - phi)
        if grad.norm(dim=1).max() < SOLVE_TOLERANCE:
            return theta
        hessian = _hessians(family, theta, data) + lam * eye
        eigenvalues = torch.linalg.eigvalsh(hessian)
        convex = eigenvalues[:, 0] > 1e-10
        newton = -torch.linalg.solve(
            torch.where(convex[:, None, None], hessian, eye), grad[..., None]
        )[..., 0]
        scale = eigenvalues.abs().max(dim=1).values.clamp_min(lam)
        step = torch.where(convex[:, None], newton, -grad / scale[:, None])
        # Close to a minimum the objective's change is below its rounding, and a line search
        # would refuse the (quadratically converging) Newton step: take it whole there.
        whole = convex & (grad.norm(dim=1) < 1e-6)
        theta = _backtrack(objective, theta, grad, step, whole)
    residual = float(grad.norm(dim=1).max())
    raise ValueError(f"iMAML's inner problems did not converge (gradient norm {residual:.2e})")


def _backtrack(objective, theta, grad, step, whole) -> torch.Tensor:
    """theta + t * step with the largest t in 1, 1/2, 1/4, ... that lowers each task's
    objective enough (Armijo); tasks marked ``whole`` take t = 1."""
    start = objective(theta)
    slope = (grad * step).sum(-1)
    t = torch.ones_like(start)
    for _ in range(60):
        trial = theta + t[:, None] * step
        done = whole | (objective(trial) <= start + 1e-4 * t * slope)
        if bool(done.all()):
            break
        t = torch.where(done, t, t / 2)
    return theta + t[:, None] * step


def _implicit_gradients(family: ToyFamily, stars, query, support, lam: float) -> torch.Tensor:
    """(I + H_n / lam)^-1 grad l_n(theta_n*) per task, by conjugate gradients on Hessian-vector
    products (iMAML's Algorithm 2, the Hessian never formed). The matrix is symmetric and, at
    a minimum of the regularised problem, positive definite; in d dimensions conjugate
    gradients are exact after d steps, a few more absorb rounding."""
    b = _gradient(family, stars, query)

    def apply(v: torch.Tensor) -> torch.Tensor:
        return v + _hessian_vector(family, stars, support, v) / lam

    x = torch.zeros_like(b)
    r = b.clone()
    p = r.clone()
    rr = (r * r).sum(-1)
    for _ in range(4 * b.shape[1] + 4):
        if rr.max() <= SOLVE_TOLERANCE**2:
            break
        ap = apply(p)
        curvature = (p * ap).sum(-1)
        alpha = torch.where(rr > 0, rr / curvature.where(curvature != 0, 1.0), 0.0)
        x = x + alpha[:, None] * p
        r = r - alpha[:, None] * ap
        rr_new = (r * r).sum(-1)
        beta = torch.where(rr > 0, rr_new / rr.where(rr > 0, 1.0), 0.0)
        p = r + beta[:, None] * p
        rr = rr_new
    return x


def _np(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().numpy().copy()

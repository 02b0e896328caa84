"""Sinusoid regression, exactly as in Finn et al. (2017), "Model-Agnostic Meta-Learning".

y = A sin(x - p), A ~ U[0.1, 5], p ~ U[0, pi], x ~ U[-5, 5]; K support and K' query points;
the model is an MLP 1-40-40-1 with ReLU, scored by mean squared error.
"""

from __future__ import annotations

import math

import torch

from maml_gui.core.models import HEAD_KEYS, init_mlp, mlp_forward, mlp_forward_plane, mlp_size
from maml_gui.core.records import PLANE_KINDS, FamilyTraits, LandscapeKind
from maml_gui.core.tasks.base import Params, TaskBatch, uniform

AMPLITUDE_RANGE = (0.1, 5.0)
PHASE_RANGE = (0.0, math.pi)
X_RANGE = (-5.0, 5.0)


class SinusoidFamily:
    name = "sinusoid"
    head_keys = HEAD_KEYS
    is_toy = False
    #: a ReLU MLP scored by squared error: the algorithms' explicit formulas apply
    #: (algorithms/explicit.py); a subclass with another loss must set this False
    explicit_mlp = True

    def __init__(
        self, k_shot: int, k_query: int, hidden: int = 40, dtype: torch.dtype = torch.float32
    ):
        self.k_shot = k_shot
        self.k_query = k_query
        self.hidden = hidden
        self.dtype = dtype
        self.traits = FamilyTraits(
            name=self.name,
            label="Sinusoid regression",
            dimension=mlp_size((1, hidden, hidden, 1)),
            loss_name="query MSE",
            loss_unit="MSE",
            is_toy=False,
            has_head=True,
            landscape=LandscapeKind.PLANES,
            planes=PLANE_KINDS,
            has_function_space=True,
        )

    def init_params(self, generator: torch.Generator) -> Params:
        return init_mlp((1, self.hidden, self.hidden, 1), generator, self.dtype)

    def sample(self, n_tasks: int, generator: torch.Generator) -> TaskBatch:
        dtype = self.dtype
        amplitude = uniform(generator, (n_tasks,), *AMPLITUDE_RANGE, dtype)
        phase = uniform(generator, (n_tasks,), *PHASE_RANGE, dtype)
        x_s = uniform(generator, (n_tasks, self.k_shot, 1), *X_RANGE, dtype)
        x_q = uniform(generator, (n_tasks, self.k_query, 1), *X_RANGE, dtype)
        return self.make_batch(amplitude, phase, x_s, x_q)

    def make_batch(
        self,
        amplitude: torch.Tensor,
        phase: torch.Tensor,
        x_support: torch.Tensor,
        x_query: torch.Tensor,
    ) -> TaskBatch:
        """Tasks with given amplitudes and phases observed at given inputs."""
        a = amplitude[:, None, None]
        p = phase[:, None, None]
        y_s = a * torch.sin(x_support - p)
        y_q = a * torch.sin(x_query - p)
        info = {"amplitude": amplitude.numpy().copy(), "phase": phase.numpy().copy()}
        return TaskBatch(support=(x_support, y_s), query=(x_query, y_q), info=info)

    def loss(self, params: Params, data: tuple[torch.Tensor, ...]) -> torch.Tensor:
        x, y = data
        return ((mlp_forward(params, x) - y) ** 2).mean()

    def loss_batched(self, params: Params, data: tuple[torch.Tensor, ...]) -> torch.Tensor:
        """MSE for parameters with a leading batch dimension P (tasks or grid points): (P,).

        ``data`` is either shared by all P (x: (N, 1)) or per task (x: (P, N, 1)).
        """
        x, y = data
        return ((mlp_forward(params, x) - y) ** 2).mean(dim=(-1, -2))

    def plane_loss(
        self,
        origin: Params,
        d1: Params,
        d2: Params,
        a: torch.Tensor,
        b: torch.Tensor,
        data: tuple[torch.Tensor, ...],
    ) -> torch.Tensor:
        """MSE at origin + a_p d1 + b_p d2 for every grid point p: (P,)."""
        x, y = data
        return ((mlp_forward_plane(origin, d1, d2, a, b, x) - y) ** 2).mean(dim=(-1, -2))

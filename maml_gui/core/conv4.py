"""Conv4, the few-shot classification network of Vinyals et al. (2016) and Finn et al. (2017),
as in HW15: 4 x [3x3 conv 64, BatchNorm, ReLU, 2x2 max-pool], then Linear(64, N) on 28 x 28.

One forward pass serves one parameter set or one per task. Tasks are folded into channels and
each layer is a *grouped* convolution (groups = tasks): task t's images meet only task t's
filters. BatchNorm uses each batch's own statistics (the MAML convention: ``training=True``,
no running averages), and in the folded layout a channel is one task's channel, so its
statistics are that task's alone. Not ``torch.func.vmap``: its batch-norm backward rule gave
a second-order MAML gradient wrong by 1-4% in float64 (environment.md); this form is exact
against a per-task loop (tests/core/test_conv4.py). BatchNorm's second derivative, which
MAML's meta-gradient needs, is core/batch_norm.py's (measured 1.13-1.16x faster meta-steps
than PyTorch's own rule).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import torch
import torch.nn.functional as F

from maml_gui.core.batch_norm import batch_norm_train

Params = dict[str, torch.Tensor]

#: whether activations are laid out channels-last (see ``first_order_layout``)
_channels_last: ContextVar[bool] = ContextVar("conv4_channels_last", default=False)

BLOCKS = 4
IMAGE_SIZE = 28
HEAD_KEYS = ("head.weight", "head.bias")
BN_EPS = 1e-5


@contextmanager
def first_order_layout() -> Iterator[None]:
    """Within it, Conv4 lays its activations out channels-last. Passes that are
    differentiated once (FOMAML, Reptile, adaptation for the views) measured 1.19x faster
    that way, interleaved with the default layout; second-order ones 0.6-0.9x
    (environment.md), so the algorithms choose (``MetaAlgorithm.first_order_passes``)."""
    token = _channels_last.set(True)
    try:
        yield
    finally:
        _channels_last.reset(token)


def init_conv4(
    n_way: int, generator: torch.Generator, dtype: torch.dtype, channels: int = 64
) -> Params:
    """PyTorch's default initialisation of Conv2d and Linear (U[+-1/sqrt(fan_in)]), seeded;
    BatchNorm's scale 1 and shift 0."""
    params: Params = {}
    c_in = 1
    for i in range(BLOCKS):
        fan_in = c_in * 9
        params[f"conv{i}.weight"] = _uniform(generator, (channels, c_in, 3, 3), fan_in, dtype)
        params[f"conv{i}.bias"] = _uniform(generator, (channels,), fan_in, dtype)
        params[f"bn{i}.weight"] = torch.ones(channels, dtype=dtype)
        params[f"bn{i}.bias"] = torch.zeros(channels, dtype=dtype)
        c_in = channels
    params["head.weight"] = _uniform(generator, (n_way, channels), channels, dtype)
    params["head.bias"] = _uniform(generator, (n_way,), channels, dtype)
    return params


def with_zero_head(params: Params, n_way: int) -> Params:
    """The same body with a fresh N-way head of zeros (where transfer learning, and any
    learner asked for another number of ways, starts a task)."""
    weight = params["head.weight"]
    return {
        **params,
        "head.weight": weight.new_zeros(n_way, weight.shape[1]),
        "head.bias": weight.new_zeros(n_way),
    }


def _uniform(generator, shape, fan_in, dtype) -> torch.Tensor:
    bound = 1.0 / math.sqrt(fan_in)
    return (torch.rand(shape, generator=generator, dtype=dtype) * 2 - 1) * bound


def conv4_features(
    params: Params, x: torch.Tensor, blocks: list[torch.Tensor] | None = None
) -> torch.Tensor:
    """The 64 features of every image: x (T, B, 1, 28, 28) -> (T, B, C).

    ``params`` are shared (conv weight (C, C_in, 3, 3)) or per task (a leading T on every
    tensor). ``blocks``, if given, receives each block's output flattened per image,
    (T, B, C * H * W), for the feature-reuse measure.
    """
    tasks, batch = x.shape[0], x.shape[1]
    # (T, B, 1, H, W) -> (B, T * 1, H, W): channel t * C_in + c is task t's channel c
    h = x.transpose(0, 1).reshape(batch, tasks * x.shape[2], *x.shape[3:])
    if _channels_last.get():
        h = h.contiguous(memory_format=torch.channels_last)
    for i in range(BLOCKS):
        h = _conv(h, params[f"conv{i}.weight"], params[f"conv{i}.bias"], tasks)
        h = batch_norm_train(
            h,
            _per_task(params[f"bn{i}.weight"], tasks).reshape(-1),
            _per_task(params[f"bn{i}.bias"], tasks).reshape(-1),
            BN_EPS,
        )
        h = F.max_pool2d(torch.relu(h), 2)
        if blocks is not None:  # (B, T * C, H, W) -> (T, B, C * H * W)
            blocks.append(h.reshape(batch, tasks, -1).transpose(0, 1))
    # (B, T * C, 1, 1) -> (T, B, C)
    return h.reshape(batch, tasks, -1).transpose(0, 1)


def conv4_forward(
    params: Params, x: torch.Tensor, blocks: list[torch.Tensor] | None = None
) -> torch.Tensor:
    """Logits (T, B, N) of every task's images x (T, B, 1, 28, 28) (``blocks``: see
    conv4_features)."""
    features = conv4_features(params, x, blocks)
    weight, bias = params["head.weight"], params["head.bias"]
    if weight.dim() == 3:
        return torch.baddbmm(bias.unsqueeze(1), features, weight.mT)
    return F.linear(features, weight, bias)


def _conv(h: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, tasks: int) -> torch.Tensor:
    """One layer's 3x3 convolution of the folded images h (B, T * C_in, H, W).

    Per-task filters (T, C, C_in, 3, 3) make it a grouped convolution. Shared filters (an
    ANIL body, a landscape's frozen layers) need none: the folded layout is, in memory, the
    images (B * T, C_in, H, W), so one plain convolution over all of them is the same
    numbers without copies, and its backward makes one filter gradient, not one per task.
    Channels-last, that reshape would copy: shared filters are repeated for the grouped form.
    """
    if weight.dim() == 4 and not _channels_last.get():
        batch, _, height, width = h.shape
        out = F.conv2d(h.reshape(batch * tasks, -1, height, width), weight, bias, padding=1)
        return out.reshape(batch, -1, height, width)
    weight = _per_task(weight, tasks)
    return F.conv2d(
        h,
        weight.reshape(-1, *weight.shape[2:]),
        _per_task(bias, tasks).reshape(-1),
        padding=1,
        groups=tasks,
    )


def _per_task(value: torch.Tensor, tasks: int) -> torch.Tensor:
    """A parameter with a leading task dimension (a shared one is repeated for each task)."""
    shared = value.dim() in (1, 4)  # a bias or scale (C,), or a filter bank (C, C_in, 3, 3)
    return value.unsqueeze(0).expand(tasks, *value.shape) if shared else value

"""Replaying a run from its recorded history, for animations.

The trainer keeps (decimated) paths of both phis. A replayed trainer is a copy whose phis are
set to one recorded point and whose histories end there, so every view can be recomputed as
it was at that point of training: frames come from the run's data, not from screen captures.
"""

from __future__ import annotations

import numpy as np
import torch

from maml_gui.core.history import DecimatingHistory
from maml_gui.core.landscape import unflatten
from maml_gui.core.training import Trainer


def frame_indices(trainer: Trainer, n_frames: int) -> list[int]:
    """Up to ``n_frames`` indices into the recorded path, evenly spread, always the last."""
    count = len(trainer.main_path)
    if count == 0:
        return []
    picks = np.linspace(0, count - 1, min(n_frames, count)).round().astype(int)
    return sorted(set(picks.tolist()))


def _truncated(history: DecimatingHistory, last_step: int) -> DecimatingHistory:
    state = history.state()
    keep = state["steps"] <= last_step
    return DecimatingHistory.from_state(
        {"steps": state["steps"][keep], "rows": state["rows"][keep], "meta": state["meta"]}
    )


def replay_at(trainer: Trainer, index: int) -> Trainer:
    """A new Trainer showing ``trainer`` as it was at recorded path point ``index``."""
    steps = trainer.main_path.steps
    if not 0 <= index < len(steps):
        raise IndexError(f"path point {index} out of range 0..{len(steps) - 1}")
    step = int(steps[index])
    replay = Trainer(trainer.config)
    for learner, path in ((replay.main, trainer.main_path), (replay.twin, trainer.twin_path)):
        values = unflatten(torch.as_tensor(path.rows[index]), learner.values())
        with torch.no_grad():
            for name, param in learner.phi.items():
                param.copy_(values[name].to(param.dtype))
    replay.step = step
    for name in ("losses", "main_path", "twin_path", "gap_history"):
        setattr(replay, name, _truncated(getattr(trainer, name), step))
    replay.last_batch = trainer.last_batch
    return replay

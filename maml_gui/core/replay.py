"""Replaying a run from its recorded history, for animations.

The trainer keeps (decimated) paths of both phis (a large net: exact checkpoints beside its
sketched paths, core.path_sketch). A replayed trainer is a copy whose phis are
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
    """Up to ``n_frames`` distinct indices into the recorded path, always the last.

    Spaced geometrically in training steps, not evenly: the toy runs converge within about 100
    of their thousands of iterations, and evenly spread frames gave that whole visible change
    one or two frames and the rest to a picture that no longer moves. Geometric spacing gives
    each decade of steps the same share. Where the early targets fall on the same recorded
    point they are pushed on to the next ones, so no frame repeats and none is lost.

    The first frame is the first recorded point at which every history the views plot as a
    curve (losses, held-out evaluations, the path) has two entries: before it they showed an
    empty plot or a lone point, and at step 0 both learners sit on their shared start.
    """
    steps = np.asarray(trainer.exact_paths()[0].steps, dtype=float)
    count = len(steps)
    if count == 0 or n_frames < 1:
        return []
    first = _first_with_curves(trainer, steps)
    wanted = min(n_frames, count - first)
    low, high = max(steps[first], 1.0), max(steps[-1], 1.0)
    targets = np.geomspace(low, high, wanted) if wanted > 1 else np.array([high])
    nearest = np.clip(np.searchsorted(steps, targets), first, count - 1)
    below = np.maximum(nearest - 1, first)
    closer = np.abs(steps[below] - targets) < np.abs(steps[nearest] - targets)
    picks: list[int] = []
    for pick in np.where(closer, below, nearest).tolist():
        # each recorded point once: a repeat moves on to the next point (further on, the
        # targets grow by more than one point a frame, so this only reshuffles the start)
        picks.append(min(max(pick, picks[-1] + 1) if picks else pick, count - 1))
    picks[-1] = count - 1
    return sorted(set(picks))


def _first_with_curves(trainer: Trainer, steps: np.ndarray) -> int:
    """The first path index (>= 1) at which each history has two entries; the last if none."""
    needed = steps[min(1, len(steps) - 1)]
    for history in (trainer.losses, trainer.gap_history):
        if len(history) >= 2:
            needed = max(needed, float(history.steps[1]))
    return min(int(np.searchsorted(steps, needed)), len(steps) - 1)


def _truncated(history: DecimatingHistory, last_step: int) -> DecimatingHistory:
    state = history.state()
    keep = state["steps"] <= last_step
    kept = {"steps": state["steps"][keep], "rows": state["rows"][keep], "meta": state["meta"]}
    # the history was checked as it was recorded: NaN there is a value not measured
    return DecimatingHistory.from_state(kept, unmeasured_from=0)


def replay_at(trainer: Trainer, index: int) -> Trainer:
    """A new Trainer showing ``trainer`` as it was at recorded point ``index`` of its exact
    paths (a large net's exact checkpoints: its paths are sketches)."""
    exact = trainer.exact_paths()
    steps = exact[0].steps
    if not 0 <= index < len(steps):
        raise IndexError(f"path point {index} out of range 0..{len(steps) - 1}")
    step = int(steps[index])
    replay = Trainer(trainer.config, family=trainer.family)
    for learner, path in zip((replay.main, replay.twin), exact, strict=True):
        learner.restore_start(unflatten(torch.as_tensor(path.rows[index]), learner.start_values()))
    replay.step = step
    for name in ("losses", "gap_history", *trainer.path_histories()):
        setattr(replay, name, _truncated(getattr(trainer, name), step))
    # The views show the fixed display batch, as a run saved at this step and opened does:
    # the live run's latest batch came later than the replayed step. The held-out tasks
    # depend only on the config, so the run's are shared.
    replay.last_batch = None
    replay.share_held_out_tasks(trainer)
    return replay


def recorded_index(trainer: Trainer, step: int) -> int:
    """The index of the last recorded point (see ``replay_at``) at or before ``step``; the
    first point for a step before it."""
    steps = np.asarray(trainer.exact_paths()[0].steps)
    return max(int(np.searchsorted(steps, step, side="right")) - 1, 0)


def recorded_steps(trainer: Trainer) -> np.ndarray:
    """The steps one can replay the run at."""
    return np.asarray(trainer.exact_paths()[0].steps, dtype=np.int64).copy()

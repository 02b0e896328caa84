"""What an animation draws at each recorded point of a run, computed without drawing anything.

Replaying the history needs autograd, so this runs where the Trainer lives: the CLI's process
or the app's training process. The frames then travel to whoever draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from maml_gui.core.replay import frame_indices, replay_at
from maml_gui.core.snapshot import Snapshot
from maml_gui.core.training import Trainer
from maml_gui.core.workload import PayloadRequest, RunInfo, compute_payload, run_info


@dataclass(frozen=True)
class Frame:
    """Everything a view needs to draw the run at one point: computed, then drawn."""

    info: RunInfo
    snapshot: Snapshot
    payloads: tuple[Any, ...]


def compute_frame(trainer: Trainer, requests: list[PayloadRequest]) -> Frame:
    payloads = tuple(compute_payload(trainer, r.kind, dict(r.params)) for r in requests)
    return Frame(run_info(trainer), trainer.current_snapshot(), payloads)


def compute_frames(trainer: Trainer, requests: list[PayloadRequest], n_frames: int) -> list[Frame]:
    """Frames at ``n_frames`` points of the recorded history."""
    indices = frame_indices(trainer, n_frames)
    return [compute_frame(replay_at(trainer, i), requests) for i in indices]


def frames_or_error(trainer: Trainer, requests: list, n_frames: int) -> list[Frame] | Exception:
    """For the app's training process. An error is returned, not raised: raising in a worker
    call would pause the run, and a failed export must not touch training."""
    try:
        return compute_frames(trainer, requests, n_frames)
    except Exception as exc:
        return exc

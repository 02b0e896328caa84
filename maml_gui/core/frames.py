"""What an animation draws at each recorded point of a run, computed without drawing anything.

Replaying the history needs autograd, so this runs where the Trainer lives: the CLI's process
or the app's training process. The frames (``records.Frame``) then travel to whoever draws them.
"""

from __future__ import annotations

from maml_gui.core.payloads import compute_payload, run_info
from maml_gui.core.records import Frame, PayloadRequest
from maml_gui.core.replay import frame_indices, replay_at
from maml_gui.core.training import Trainer


def compute_frame(trainer: Trainer, requests: list[PayloadRequest]) -> Frame:
    payloads = tuple(compute_payload(trainer, r) for r in requests)
    return Frame(run_info(trainer), trainer.current_snapshot(), payloads)


def compute_frames(trainer: Trainer, requests: list[PayloadRequest], n_frames: int) -> list[Frame]:
    """Frames at ``n_frames`` points of the recorded history."""
    indices = frame_indices(trainer, n_frames)
    return [compute_frame(replay_at(trainer, i), requests) for i in indices]

"""What an animation draws at each recorded point of a run, computed without drawing anything.

Replaying the history needs autograd, so this runs where the Trainer lives: the CLI's process
or the app's training process. The frames (``records.Frame``) then travel to whoever draws them.
"""

from __future__ import annotations

import logging

from maml_gui.core.payloads import applies, compute_payload, run_info
from maml_gui.core.records import Frame, PayloadRequest, TimelineFrame
from maml_gui.core.replay import frame_indices, recorded_index, recorded_steps, replay_at
from maml_gui.core.training import Trainer

log = logging.getLogger(__name__)


def compute_frame(trainer: Trainer, requests: list[PayloadRequest]) -> Frame:
    payloads = tuple(compute_payload(trainer, r) for r in requests)
    return Frame(run_info(trainer), trainer.current_snapshot(), payloads)


def compute_frames(trainer: Trainer, requests: list[PayloadRequest], n_frames: int) -> list[Frame]:
    """Frames at ``n_frames`` points of the recorded history."""
    indices = frame_indices(trainer, n_frames)
    return [compute_frame(replay_at(trainer, i), requests) for i in indices]


def timeline_frame(trainer: Trainer, step: int, requests: list[PayloadRequest]) -> TimelineFrame:
    """The run at the last recorded point at or before ``step``, for the timeline. The live
    run is not changed. A payload that cannot be computed there is reported, not raised: the
    other views still show the step."""
    replay = replay_at(trainer, recorded_index(trainer, step))
    payloads, failed = [], []
    for request in requests:
        if not applies(request.kind, replay):
            continue
        try:
            payloads.append((request, compute_payload(replay, request)))
        except Exception as exc:  # one view's payload; the frame goes on
            log.warning("timeline at step %d: %s failed", replay.step, request.kind, exc_info=True)
            failed.append((request, str(exc)))
    return TimelineFrame(
        replay.step,
        recorded_steps(trainer),
        replay.current_snapshot(),
        tuple(payloads),
        tuple(failed),
    )

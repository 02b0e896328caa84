"""Render a view of a saved run without a window: ``maml-gui export`` and the app's animation
export both go through here, with the same panels and the same export code as the menu.

Everything that needs autograd (payloads, replayed states) is computed before any drawing
(``maml_gui.core.frames``): in the CLI's main thread, or in the app's training process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from maml_gui.core.frames import Frame, compute_frame, compute_frames
from maml_gui.core.payloads import run_info

VIEW_KEYS = ("landscape", "trajectory", "gap", "function_space", "metrics")
STILL_FORMATS = ("png", "svg", "pdf", "csv")
ANIMATION_FORMATS = ("gif", "mp4")


def draw_frame(panel, frame: Frame, reset: bool) -> None:
    if reset:
        panel.reset(frame.info)
    panel.on_snapshot(frame.snapshot)
    for payload in frame.payloads:
        panel.on_payload(payload)
    panel.redraw()
    finish = getattr(panel, "finish_pending", None)
    if callable(finish):
        finish()


def slide_height(width: int, aspect: str) -> int:
    return round(width * (9 / 16 if aspect == "16:9" else 3 / 4))


def frame_images(
    panel,
    frames: Sequence[Frame],
    width: int,
    aspect: str = "16:9",
    prepare: Callable[[Any], None] | None = None,
) -> Iterator[Any]:
    """Draw ``frames`` one after the other on ``panel`` in the slide theme; yield a QImage of
    ``width`` pixels for each. Drawing only: the frames were computed beforehand.

    ``prepare(panel)`` runs once after the first frame's reset (the app copies the on-screen
    panel's controls onto its off-screen twin there). The generator keeps the slide layout
    while it is suspended, so the app can draw one frame per turn of its event loop; closing
    it restores the panel.
    """
    from maml_gui.gui.export import render_image, slide_view

    height = slide_height(width, aspect)
    with slide_view(panel, aspect) as target:
        for i, frame in enumerate(frames):
            if i == 0:
                panel.reset(frame.info)
                if prepare is not None:
                    prepare(panel)
            draw_frame(panel, frame, reset=False)
            yield render_image(target, width, height)


def _panel(view: str):
    from maml_gui.gui.panels import all_panels

    if view not in VIEW_KEYS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEW_KEYS)}")
    return next(p for p in all_panels() if getattr(p, "key", None) == view)


def _ensure_app():
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from maml_gui.gui.app import create_app

    return create_app()


def export_from_run(
    run: str,
    view: str,
    fmt: str,
    out: str,
    *,
    width: int = 1920,
    aspect: str = "16:9",
    frames: int = 40,
    fps: float = 8.0,
) -> Path:
    """Load ``run``, draw ``view`` in the slide theme and write ``out`` as ``fmt``.

    Still formats: png, svg, pdf, csv. Animations (gif, mp4) replay the recorded history.
    Raises ValueError subclasses (CheckpointError, ExportError) with a one-line message.
    """
    import torch

    from maml_gui.core.checkpoint import load_run
    from maml_gui.gui.animation import export_animation
    from maml_gui.gui.export import ExportError, export_view

    fmt = fmt.lower()
    if fmt not in STILL_FORMATS + ANIMATION_FORMATS:
        raise ExportError(
            f"unknown format {fmt!r}; use one of {', '.join(STILL_FORMATS + ANIMATION_FORMATS)}"
        )
    if view not in VIEW_KEYS:
        raise ExportError(f"unknown view {view!r}; choose one of {', '.join(VIEW_KEYS)}")
    torch.set_num_threads(1)
    trainer = load_run(run)
    app = _ensure_app()
    panel = _panel(view)
    # A widget that was never shown does not lay itself out; show it off-screen (the
    # offscreen platform, or a window the user never sees while the CLI runs).
    panel.resize(1280, 720)
    panel.show()
    app.processEvents()
    panel.reset(run_info(trainer))
    requests = panel.requests()
    if fmt in STILL_FORMATS:
        draw_frame(panel, compute_frame(trainer, requests), reset=True)
        options = {"width_px": width} if fmt == "png" else {}
        return export_view(panel, out, fmt, slide=True, aspect=aspect, **options)
    if frames < 1:
        raise ExportError(f"an animation needs at least one frame, not {frames}")
    computed = compute_frames(trainer, requests, frames)
    if not computed:
        raise ExportError("this run has no recorded history to animate")
    images = frame_images(panel, computed, width, aspect)
    try:
        return export_animation(lambda _i: next(images), len(computed), out, fmt, fps)
    finally:
        images.close()

"""Draw computed frames (``records.Frame``) of a run onto a panel, and render them as images.

Drawing only: everything that needs autograd (payloads, replayed states) was computed
beforehand, in the CLI's main thread or in the app's training process, so this module
needs the numpy-only records and never the engine. ``maml-gui export`` and the app's
animation export both draw through here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from PySide6.QtGui import QImage

from maml_gui.core.records import Frame
from maml_gui.gui.export.formats import slide_height
from maml_gui.gui.export.images import render_image
from maml_gui.gui.export.views import slide_view


def draw_frame(panel, frame: Frame, reset: bool) -> None:
    """Show ``frame`` on ``panel`` as if it had arrived live, with any progressive drawing
    (contours) completed, so the panel is ready to be rendered."""
    if reset:
        panel.reset(frame.info)
    panel.on_snapshot(frame.snapshot)
    for payload in frame.payloads:
        panel.on_payload(payload)
    panel.redraw()
    finish = getattr(panel, "finish_pending", None)
    if callable(finish):
        finish()


def frame_images(
    panel,
    frames: Sequence[Frame],
    width: int,
    aspect: str = "16:9",
    prepare: Callable[[Any], None] | None = None,
) -> Iterator[QImage]:
    """Draw ``frames`` one after the other on ``panel`` in the slide theme; yield a QImage of
    ``width`` pixels for each.

    ``prepare(panel)`` runs once after the first frame's reset (the app copies the on-screen
    panel's controls onto its off-screen twin there). The generator keeps the slide layout
    while it is suspended, so the app can draw one frame per turn of its event loop; closing
    it restores the panel.
    """
    height = slide_height(width, aspect)
    with slide_view(panel, aspect) as target:
        for i, frame in enumerate(frames):
            if i == 0:
                panel.reset(frame.info)
                if prepare is not None:
                    prepare(panel)
            draw_frame(panel, frame, reset=False)
            yield render_image(target, width, height)

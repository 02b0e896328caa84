"""Animated GIF / MP4 of a view over the course of training.

Frames come from a ``render_frame(i)`` callback (the caller draws the view as it was at the
i-th recorded history entry), never from a screen capture, so the animation does not depend on
the window being visible, on its size, or on what else is on screen.

Encoding uses imageio rather than a hand-written encoder: GIF needs LZW compression and a
palette per frame, MP4 needs H.264 in an MP4 container; Pillow (GIF) and the ffmpeg binary
that imageio-ffmpeg ships in its wheel (MP4) are maintained, tested encoders that slide
software and browsers accept, and no system ffmpeg is needed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import imageio.v2 as imageio_v2
import imageio.v3 as iio
import numpy as np
from PySide6.QtGui import QImage

from maml_gui.gui.export.formats import ANIMATION_FORMATS, ExportError, atomic_path, format_of

#: what ``render_frame`` may return: an image, or an (h, w, 3|4) uint8 array
FrameImage = QImage | np.ndarray


def qimage_to_array(image: QImage) -> np.ndarray:
    """An (h, w, 3) uint8 RGB copy of a QImage (alpha flattened onto white: neither GIF nor
    H.264 MP4 keeps a useful alpha channel)."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    width, height = rgba.width(), rgba.height()
    # bytesPerLine may include padding; copy so the array does not outlive the QImage buffer
    data = np.frombuffer(rgba.constBits(), np.uint8, count=rgba.sizeInBytes())
    pixels = data.reshape(height, rgba.bytesPerLine())[:, : width * 4].reshape(height, width, 4)
    alpha = pixels[..., 3:4].astype(np.float32) / 255.0
    rgb = pixels[..., :3].astype(np.float32) * alpha + 255.0 * (1.0 - alpha)
    return np.rint(rgb).astype(np.uint8)


def _as_rgb(frame: FrameImage) -> np.ndarray:
    if isinstance(frame, QImage):
        return qimage_to_array(frame)
    array = np.asarray(frame)
    if array.ndim == 2:
        array = np.repeat(array[..., None], 3, axis=2)
    if array.ndim != 3 or array.shape[2] not in (3, 4):
        raise ExportError(f"A frame must be an (h, w, 3|4) image; got shape {array.shape}.")
    if array.dtype != np.uint8:
        raise ExportError(f"A frame array must be uint8; got {array.dtype}.")
    return np.ascontiguousarray(array[..., :3])


def _even(frame: np.ndarray) -> np.ndarray:
    """H.264 in yuv420p needs even sizes; pad one edge pixel rather than let imageio resize
    (which would also warn, and the test suite turns warnings into errors)."""
    pad_h, pad_w = frame.shape[0] % 2, frame.shape[1] % 2
    if pad_h or pad_w:
        frame = np.pad(frame, ((0, pad_h), (0, pad_w), (0, 0)), mode="edge")
    return frame


def export_animation(
    render_frame: Callable[[int], FrameImage],
    n_frames: int,
    path: str | os.PathLike,
    fmt: str | None = None,
    fps: float = 10.0,
    progress: Callable[[int, int], bool | None] | None = None,
) -> Path:
    """Write frames ``render_frame(0) .. render_frame(n_frames - 1)`` as a GIF or MP4.

    ``fmt`` is one of ``formats.ANIMATION_FORMATS`` (from the extension if None). Every frame
    must have the size of the first. ``progress(i, n)`` is called after each frame; returning
    False cancels (an ExportError is raised and nothing is left at ``path``). Like every
    export, the file is written under a temporary name and moved into place only when complete.
    """
    path = Path(path)
    fmt = format_of(path, fmt, ANIMATION_FORMATS, "animation format")
    if n_frames < 1:
        raise ExportError("An animation needs at least one frame.")
    if fps <= 0:
        raise ExportError(f"Frames per second must be positive; got {fps}.")
    writer = _write_gif if fmt == "gif" else _write_mp4
    if not path.suffix:
        path = path.with_suffix(f".{fmt}")  # and report the name actually written
    with atomic_path(path) as tmp:
        try:
            writer(tmp, _frames(render_frame, n_frames, progress), fps)
        except ExportError:
            raise  # cancelled, or a bad frame: already a message (and a ValueError)
        except (RuntimeError, ValueError) as error:  # encoder failures (ffmpeg exit, etc.)
            raise ExportError(f"Cannot encode {path.name}: {error}") from error
    return path


def _frames(render_frame, n_frames: int, progress):
    shape = None
    for i in range(n_frames):
        frame = _as_rgb(render_frame(i))
        if shape is None:
            shape = frame.shape
        elif frame.shape != shape:
            raise ExportError(f"Frame {i} is {frame.shape[:2]}, the first was {shape[:2]}.")
        yield frame
        if progress is not None and progress(i + 1, n_frames) is False:
            raise ExportError("Animation export cancelled.")


def _write_gif(tmp: Path, frames, fps: float) -> None:
    # Pillow needs all frames to build the file; frames are small palette images anyway.
    # It merges consecutive identical frames (adding their durations), so a paused stretch
    # of training costs nothing but the frame count read back may be lower.
    stack = np.stack(list(frames))
    iio.imwrite(tmp, stack, plugin="pillow", extension=".gif", duration=1000 / fps, loop=0)


def _write_mp4(tmp: Path, frames, fps: float) -> None:
    # Streamed to ffmpeg frame by frame, so long histories do not need to fit in memory.
    # macro_block_size=1 with even sizes: no resizing of the figure.
    with imageio_v2.get_writer(
        tmp,
        format="FFMPEG",
        mode="I",
        fps=fps,
        codec="libx264",
        pixelformat="yuv420p",
        macro_block_size=1,
        ffmpeg_log_level="error",
    ) as writer:
        for frame in frames:
            writer.append_data(_even(frame))

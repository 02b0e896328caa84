"""Animated GIF / MP4 of a view over the course of training.

Frames come from a ``render_frame(i)`` callback (the caller draws the view as it was at the
i-th recorded history entry), never from a screen capture, so the animation does not depend on
the window being visible, on its size, or on what else is on screen.

Encoding uses maintained encoders rather than hand-written ones: Pillow for GIF (LZW and
palettes), and for MP4 (H.264 in an MP4 container) the ffmpeg binary that imageio-ffmpeg ships
in its wheel, through imageio, so no system ffmpeg is needed.

A GIF has at most 256 colours. Left to itself Pillow picks them per frame from that frame's
pixels; a landscape's heat map has thousands of shades, so pretraining's vermillion was traded
for a near colour (lime, brown) that changed from frame to frame. Every GIF here has one
palette for all its frames, holding the theme's series colours exactly; the heat map and
antialiasing share the rest (``gif_palette``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import imageio.v2 as imageio_v2
import numpy as np
from PIL import Image
from PySide6.QtGui import QColor, QImage

from maml_gui.gui import theme
from maml_gui.gui.export.formats import ANIMATION_FORMATS, ExportError, atomic_path, format_of
from maml_gui.gui.i18n import translate

#: what ``render_frame`` may return: an image, or an (h, w, 3|4) uint8 array
FrameImage = QImage | np.ndarray

#: colours a GIF keeps exactly: the two learners, the objective, the tasks, text and paper
SERIES_COLORS = (
    theme.ALGORITHM_COLOR,
    theme.PRETRAINING_COLOR,
    theme.OBJECTIVE_COLOR,
    *theme.TASK_COLORS,
    theme.SCREEN["foreground"],
    theme.SLIDE["foreground"],
    theme.SCREEN["background"],
    theme.SLIDE["background"],
    "#FFFFFF",
    "#000000",
)
GIF_COLORS = 256
#: pixels sampled (over all frames) to choose the palette's other colours
PALETTE_SAMPLE = 1 << 20


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
    keep_colors: Sequence[str] = SERIES_COLORS,
) -> Path:
    """Write frames ``render_frame(0) .. render_frame(n_frames - 1)`` as a GIF or MP4.

    ``fmt`` is one of ``formats.ANIMATION_FORMATS`` (from the extension if None). Every frame
    must have the size of the first. ``progress(i, n)`` is called after each frame; returning
    False cancels (an ExportError is raised and nothing is left at ``path``). Like every
    export, the file is written under a temporary name and moved into place only when complete.
    A GIF shows ``keep_colors`` (``#RRGGBB``) exactly in every frame.
    """
    path = Path(path)
    fmt = format_of(path, fmt, ANIMATION_FORMATS, "animation format")
    if n_frames < 1:
        raise ExportError(translate("Export", "An animation needs at least one frame."))
    if fps <= 0:
        positive = translate("Export", "Frames per second must be positive; got {fps}.")
        raise ExportError(positive.format(fps=fps))
    writer = partial(_write_gif, keep=keep_colors) if fmt == "gif" else _write_mp4
    if not path.suffix:
        path = path.with_suffix(f".{fmt}")  # and report the name actually written
    with atomic_path(path) as tmp:
        try:
            writer(tmp, _frames(render_frame, n_frames, progress), fps)
        except ExportError:
            raise  # cancelled, or a bad frame: already a message (and a ValueError)
        except (RuntimeError, ValueError) as error:  # encoder failures (ffmpeg exit, etc.)
            cannot = translate("Export", "Cannot encode {file}: {error}")
            raise ExportError(cannot.format(file=path.name, error=error)) from error
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
            raise ExportError(translate("Export", "Animation export cancelled."))


def _rgb(color: str) -> tuple[int, int, int]:
    c = QColor(color)
    return c.red(), c.green(), c.blue()


def _keys(rgb: np.ndarray) -> np.ndarray:
    """One integer per (..., 3) uint8 colour, for fast membership tests."""
    rgb = rgb.astype(np.uint32)
    return (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]


def gif_palette(frames: Sequence[np.ndarray], keep: Sequence[str]) -> list[tuple[int, int, int]]:
    """One palette for every frame: ``keep`` exactly, then the colours that best represent the
    other pixels of all frames (Pillow's median cut over a sample of them)."""
    reserved = list(dict.fromkeys(_rgb(c) for c in keep))
    if len(reserved) >= GIF_COLORS:
        raise ExportError(f"A GIF has {GIF_COLORS} colours; {len(reserved)} were reserved.")
    stride = max(1, sum(f.shape[0] * f.shape[1] for f in frames) // PALETTE_SAMPLE)
    pixels = np.concatenate([f.reshape(-1, 3)[::stride] for f in frames])
    others = pixels[~np.isin(_keys(pixels), _keys(np.asarray(reserved, np.uint8)))]
    if not len(others):
        return reserved
    sample = Image.fromarray(np.ascontiguousarray(others[None]), "RGB")
    quantized = sample.quantize(GIF_COLORS - len(reserved), method=Image.Quantize.MEDIANCUT)
    flat = quantized.getpalette() or []
    used = np.unique(np.asarray(quantized)).tolist()
    return reserved + [tuple(flat[3 * i : 3 * i + 3]) for i in used]


def _palette_image(colors: list[tuple[int, int, int]]) -> Image.Image:
    image = Image.new("P", (1, 1))
    # unused entries repeat the last colour, so nearest-colour mapping never picks them
    padded = colors + [colors[-1]] * (GIF_COLORS - len(colors))
    image.putpalette([v for rgb in padded for v in rgb])
    return image


def _write_gif(tmp: Path, frames, fps: float, keep: Sequence[str]) -> None:
    # The palette needs all frames first; Pillow needs them all to build the file anyway. It
    # merges consecutive identical frames (adding their durations), so a paused stretch of
    # training costs nothing but the frame count read back may be lower.
    stack = list(frames)
    palette = _palette_image(gif_palette(stack, keep))
    # no dithering: it would scatter other colours through the series' lines and markers
    images = [
        Image.fromarray(frame, "RGB").quantize(palette=palette, dither=Image.Dither.NONE)
        for frame in stack
    ]
    images[0].save(
        tmp,
        format="GIF",
        save_all=True,
        append_images=images[1:],
        duration=round(1000 / fps),
        loop=0,
        optimize=False,  # keeps the palette as given, the same in every frame
    )


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

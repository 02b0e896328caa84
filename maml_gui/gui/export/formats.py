"""What can be exported, and how a file is written safely: the one list of views and formats.

Every other list (the CLI's choices and help, the dialog's combo boxes, error messages) is
derived from the tuples here. Nothing in this module imports Qt, so the CLI can build its
argument parser from it without starting Qt.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from maml_gui.core.explained import ExplainedError

#: the views a saved run can be drawn as, by their panels' ``key``, in display order
#: (the quiz is left out: its content is the user's own answers in the window)
VIEW_KEYS = (
    "landscape",
    "trajectory",
    "gap",
    "function_space",
    "task_view",
    "metrics",
    "feature_reuse",
    "one_shot",
)
#: one figure (or table) of one moment of the run
STILL_FORMATS = ("png", "svg", "pdf", "csv")
#: a view over the course of training, from the recorded history
ANIMATION_FORMATS = ("gif", "mp4")
ALL_FORMATS = STILL_FORMATS + ANIMATION_FORMATS
#: formats whose background can be left transparent (CSV has none, GIF/MP4 flatten alpha)
TRANSPARENT_FORMATS = ("png", "svg", "pdf")
#: slide canvases in logical pixels: PowerPoint/Keynote slides are 13.33 x 7.5 in (16:9) and
#: 10 x 7.5 in (4:3), i.e. these sizes at 96 dpi, so a 20 pt theme font is 20 pt on the slide
#: when the SVG/PDF is placed full-slide; PNGs are rendered from the same layout, scaled.
SLIDE_SIZES = {"16:9": (1280, 720), "4:3": (960, 720)}
ASPECTS = tuple(SLIDE_SIZES)


class ExportError(ExplainedError, ValueError):
    """An export could not be written; the message is meant for the user. Raised here (the
    CLI imports this module without Qt), it keeps its template and values apart, as the
    engine's errors do, so the window can show it in its own language (export.menu)."""


def one_of(choices: Sequence[str]) -> str:
    """'png, svg, pdf or csv': how messages and help texts list the choices."""
    if len(choices) < 2:
        return ", ".join(choices)
    return f"{', '.join(choices[:-1])} or {choices[-1]}"


def require(value: str, choices: Sequence[str], what: str) -> str:
    """``value`` if it is one of ``choices``, else an ExportError naming ``what`` it was."""
    if value not in choices:
        raise ExportError(
            "Unknown {what} {value}; use one of {choices}.",
            what=what,
            value=repr(value),
            choices=", ".join(choices),
        )
    return value


def format_of(path: str | os.PathLike, fmt: str | None, choices: Sequence[str], what: str) -> str:
    """``fmt``, or the path's extension when it is None, lower-cased and checked."""
    return require((fmt or Path(path).suffix.lstrip(".")).lower(), choices, what)


def slide_height(width: int, aspect: str) -> int:
    """The height of a slide ``width`` pixels wide at ``aspect``."""
    slide_w, slide_h = SLIDE_SIZES[require(aspect, ASPECTS, "aspect")]
    return round(width * slide_h / slide_w)


def slug(title: str) -> str:
    """A file name made from a view's title: 'Loss curves' -> 'loss_curves'."""
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "view"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates files 0600; a figure should get the permissions any new file would.
_FILE_MODE = 0o666 & ~_current_umask()


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it over ``path`` only on success.

    The temporary name keeps the extension so writers that choose a format by extension
    (imageio) work on it. Any OSError becomes an ExportError and the temporary file is removed,
    so a full disk or a crash never leaves a half-written file under the name asked for.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(
            "Cannot write {file}: the folder {folder} does not exist.", file=path, folder=folder
        )
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}.", suffix=path.suffix)
        os.close(fd)
    except OSError as error:
        raise ExportError(
            "Cannot write {file}: {reason}.", file=path, reason=error.strerror or error
        ) from error
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except OSError as error:
        raise ExportError(
            "Cannot write {file}: {reason}.", file=path, reason=error.strerror or error
        ) from error
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` through :func:`atomic_path`; return the path."""
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        # fsync so a full disk is reported here, not silently after the rename
        os.fsync(handle.fileno())
    return Path(path)

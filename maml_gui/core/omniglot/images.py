"""Omniglot decoded once to 28 x 28 (HW15's size) and cached, keyed by the source's checksum.

Decoding the bundled 4,840 drawings takes a few seconds; the cache (an .npz under the user's
cache folder, read with ``allow_pickle=False``) makes a second start load in milliseconds. A
drawing that cannot be decoded is skipped and counted; the count travels with the images so
the app can say so.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from maml_gui.core.omniglot.sources import (
    OmniglotDataError,
    bundled_parts,
    checksum,
    drawings,
    find_parts,
    read_all,
)

log = logging.getLogger(__name__)

SIZE = 28
#: Omniglot's drawings are 105 x 105; anything past this is not one
MAX_SIDE = 4096
#: bump when the decoding changes: old cache files are then ignored
CACHE_VERSION = 1


@dataclass(frozen=True)
class OmniglotImages:
    """Every drawing of a source: ink in [0, 255] (0 is paper), and whose it is."""

    images: np.ndarray  # (n, 28, 28) uint8
    character: np.ndarray  # (n,) int64: index into ``characters``
    characters: tuple[str, ...]  # "Alphabet/characterNN": background ones first, by name
    background: np.ndarray  # (n_characters,) bool: from images_background
    skipped: int  # drawings that could not be decoded
    source: str  # what was read, for messages
    #: the source's checksum (the cache's key): a saved run says which data it learnt from
    checksum: str = ""

    def __post_init__(self) -> None:
        n = len(self.images)
        if self.images.shape != (n, SIZE, SIZE) or self.character.shape != (n,):
            raise OmniglotDataError("decoded Omniglot arrays do not match")
        if n and (self.character.min() < 0 or self.character.max() >= len(self.characters)):
            raise OmniglotDataError("decoded Omniglot character indices out of range")
        if self.background.shape != (len(self.characters),):
            raise OmniglotDataError("decoded Omniglot alphabets do not match")


def load(path: Path | None = None, cache_dir: Path | None = None) -> OmniglotImages:
    """The drawings at ``path`` (None: the bundled subset), from the cache when it has them."""
    parts = bundled_parts() if path is None else find_parts(Path(path))
    if not parts:
        raise OmniglotDataError("the bundled Omniglot subset is missing from the installation")
    source = "the bundled Omniglot subset" if path is None else str(path)
    key = f"v{CACHE_VERSION}-{SIZE}-{checksum(parts)}"
    cache_file = (cache_dir or default_cache_dir()) / f"omniglot-{key[:40]}.npz"
    cached = _read_cache(cache_file, key, source)
    if cached is not None:
        return replace(cached, checksum=key)
    decoded = decode(parts, source)
    _write_cache(cache_file, key, decoded)
    return replace(decoded, checksum=key)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "maml-gui"


def decode(parts: list[Path], source: str) -> OmniglotImages:
    items = drawings(parts)
    # a character is its set, alphabet and name: background characters first, then by name
    keys = sorted({(not d.background, d.alphabet, d.character) for d in items})
    index = {key: i for i, key in enumerate(keys)}
    names = [f"{alphabet}/{character}" for _, alphabet, character in keys]
    background = np.array([not evaluation for evaluation, _, _ in keys], dtype=bool)
    images, owners, skipped = [], [], 0
    for drawing, data in read_all(items):
        key = (not drawing.background, drawing.alphabet, drawing.character)
        try:
            if isinstance(data, OSError):
                raise data
            images.append(to_ink(data))
        except (OSError, UnidentifiedImageError, ValueError) as exc:
            log.warning("skipped an unreadable drawing %s: %s", drawing.member, exc)
            skipped += 1
            continue
        owners.append(index[key])
    if not images:
        raise OmniglotDataError(
            "none of the {count} drawings in {path} could be read", count=len(items), path=source
        )
    return OmniglotImages(
        np.stack(images), np.array(owners, dtype=np.int64), tuple(names), background, skipped,
        source,
    )  # fmt: skip


def to_ink(png: bytes) -> np.ndarray:
    """A drawing as 28 x 28 ink (255 where the pen was), area-averaged from 105 x 105.

    PNG only: Pillow would otherwise pick a decoder by the bytes (an EPS would go to
    Ghostscript). A huge declared size is refused before any pixel is decoded."""
    try:
        with Image.open(io.BytesIO(png), formats=["PNG"]) as image:
            if image.width > MAX_SIDE or image.height > MAX_SIDE:
                raise ValueError(f"a {image.width} x {image.height} image is not a drawing")
            grey = image.convert("L").resize((SIZE, SIZE), Image.Resampling.BOX)
    except Image.DecompressionBombError as exc:  # not a ValueError: would end the load
        raise ValueError(str(exc)) from exc
    return 255 - np.asarray(grey, dtype=np.uint8)


def _read_cache(file: Path, key: str, source: str) -> OmniglotImages | None:
    if not file.exists():
        return None
    try:
        # the file opened here: numpy leaks its own handle on a damaged zip
        with file.open("rb") as handle, np.load(handle, allow_pickle=False) as saved:
            if str(saved["key"]) != key:
                return None
            return OmniglotImages(
                saved["images"].astype(np.uint8, copy=False),
                saved["character"].astype(np.int64, copy=False),
                tuple(str(c) for c in saved["characters"]),
                saved["background"].astype(bool, copy=False),
                int(saved["skipped"]),
                source,
            )
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        # a damaged or truncated cache: decode again (and overwrite it)
        log.warning("ignored the Omniglot cache %s: %s", file, exc)
        return None


def _write_cache(file: Path, key: str, decoded: OmniglotImages) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        # a name of its own: two processes decoding at once must not write one file
        handle, name = tempfile.mkstemp(prefix=".omniglot-", suffix=".npz", dir=file.parent)
    except OSError as exc:  # a read-only home still trains, decoding at each start
        log.warning("could not cache the decoded Omniglot drawings in %s: %s", file, exc)
        return
    partial = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            np.savez(
                stream,
                key=np.array(key),
                images=decoded.images,
                character=decoded.character,
                characters=np.array(decoded.characters),
                background=decoded.background,
                skipped=np.array(decoded.skipped),
            )
        partial.replace(file)  # whole or not at all: a reader never sees half a file
    except OSError as exc:
        log.warning("could not cache the decoded Omniglot drawings in %s: %s", file, exc)
    finally:
        partial.unlink(missing_ok=True)  # gone already after a successful replace

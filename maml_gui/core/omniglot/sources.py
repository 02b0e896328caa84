"""Where Omniglot's drawings come from: the bundled subset, or a user's copy of the data set.

The data set's layout (Lake et al.'s repository, and its original zips) is
``images_background/<Alphabet>/<characterNN>/<drawing>.png`` and the same under
``images_evaluation``. A source is a folder or zip named ``images_background*`` or
``images_evaluation*``, or a folder holding such folders or zips; anything else is refused
with a message that says what is missing. Nothing in a source is executed: PNG bytes only.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

from maml_gui.core.explained import ExplainedError

BACKGROUND = "images_background"
EVALUATION = "images_evaluation"
LAYOUT = f"{BACKGROUND}/<alphabet>/<character>/<drawing>.png"
#: a zip entry larger than this is not a 105 x 105 drawing: skipped, not decompressed
MAX_IMAGE_BYTES = 1 << 20


class OmniglotDataError(ExplainedError, ValueError):
    """A path that is not (a copy of) the Omniglot data set; the message says why."""


@dataclass(frozen=True)
class Drawing:
    """One PNG of the data set, not yet read."""

    background: bool  # images_background (True) or images_evaluation
    alphabet: str
    character: str
    name: str
    container: Path  # the zip or the folder it is in
    member: str  # its path inside that zip or folder

    @property
    def key(self) -> tuple[bool, str, str, str]:
        """What identifies a drawing across copies (the two bundled zips share alphabets)."""
        return (self.background, self.alphabet, self.character, self.name)


def bundled_dir() -> Path:
    """The subset shipped with the app (package data: found in a checkout and after pip)."""
    return Path(str(resources.files("maml_gui") / "data" / "omniglot"))


def bundled_parts() -> list[Path]:
    folder = bundled_dir()
    return sorted(folder.glob(f"{BACKGROUND}_small*.zip"))


def find_parts(path: Path) -> list[Path]:
    """The images_background / images_evaluation folders and zips at ``path``."""
    path = Path(path)
    if not path.exists():
        raise OmniglotDataError("{path} does not exist", path=path)
    if _is_part(path):
        return [path]
    if not path.is_dir():
        raise OmniglotDataError(
            "{path} is neither a folder nor a zip named images_background* or images_evaluation*",
            path=path,
        )
    parts = sorted(p for p in path.iterdir() if _is_part(p))
    if not any(p.name.startswith(BACKGROUND) for p in parts):
        raise OmniglotDataError(
            "{path} has no images_background folder or zip (Omniglot's layout is "
            "images_background/<alphabet>/<character>/<drawing>.png, and the same under "
            "images_evaluation)",
            path=path,
        )
    return parts


def _is_part(path: Path) -> bool:
    name = path.name
    if not name.startswith((BACKGROUND, EVALUATION)):
        return False
    return path.is_dir() or (path.suffix == ".zip" and zipfile.is_zipfile(path))


def drawings(parts: list[Path]) -> list[Drawing]:
    """Every drawing in the parts, each once, in a fixed order; refuses parts without any."""
    found: dict[tuple, Drawing] = {}
    for part in parts:
        background = part.name.startswith(BACKGROUND)
        count = 0
        for member in _members(part):
            pieces = PurePosixPath(member).parts
            if len(pieces) < 3 or not pieces[-1].lower().endswith(".png"):
                continue
            if "__MACOSX" in pieces or pieces[-1].startswith("._"):  # a Mac's resource forks
                continue
            alphabet, character, name = pieces[-3:]
            drawing = Drawing(background, alphabet, character, name, part, member)
            found.setdefault(drawing.key, drawing)
            count += 1
        if not count:
            raise OmniglotDataError(
                "{path} holds no <alphabet>/<character>/<drawing>.png images (Omniglot's "
                "layout is images_background/<alphabet>/<character>/<drawing>.png)",
                path=part,
            )
    return [found[key] for key in sorted(found)]


def read_all(items: list[Drawing]) -> Iterator[tuple[Drawing, bytes | OSError]]:
    """Each drawing's bytes, or the error reading it (each zip is opened once)."""
    by_container: dict[Path, list[Drawing]] = {}
    for drawing in items:
        by_container.setdefault(drawing.container, []).append(drawing)
    for container, group in by_container.items():
        if container.is_dir():
            for drawing in group:
                file = container / drawing.member
                try:
                    if file.stat().st_size > MAX_IMAGE_BYTES:
                        raise OSError(
                            f"{drawing.member}: {file.stat().st_size} bytes, not a drawing"
                        )
                    yield drawing, file.read_bytes()
                except OSError as exc:
                    yield drawing, exc
            continue
        with zipfile.ZipFile(container) as archive:
            for drawing in group:
                try:
                    info = archive.getinfo(drawing.member)
                    if info.file_size > MAX_IMAGE_BYTES:
                        raise OSError(f"{drawing.member}: {info.file_size} bytes, not a drawing")
                    yield drawing, archive.read(info)
                except (OSError, zipfile.BadZipFile, KeyError) as exc:
                    yield drawing, OSError(str(exc))


def _read_file(file: Path) -> bytes | OSError:
    try:
        size = file.stat().st_size
        if size > MAX_IMAGE_BYTES:
            return OSError(f"{file.name}: {size} bytes, not a drawing")
        return file.read_bytes()
    except OSError as exc:
        return exc


def _members(part: Path) -> Iterator[str]:
    if part.is_dir():
        for file in sorted(part.rglob("*.png")):
            yield file.relative_to(part).as_posix()
        return
    try:
        with zipfile.ZipFile(part) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise OmniglotDataError(
            "{path} cannot be read as a zip: {reason}", path=part, reason=exc
        ) from exc
    yield from sorted(names)


def checksum(parts: list[Path]) -> str:
    """What the decoded cache is keyed by: the zips' bytes; for folders, each file's path,
    size and modification time (reading every byte of the full data set at each start would
    cost seconds)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.name.encode())
        if part.is_dir():
            for file in sorted(part.rglob("*")):
                if file.is_file():
                    stat = file.stat()
                    line = (
                        f"{file.relative_to(part).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}"
                    )
                    digest.update(line.encode())
        else:
            with part.open("rb") as stream:
                for block in iter(lambda s=stream: s.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()

"""Omniglot's data: the bundled subset, a full-data-set layout, bad folders and zips, the
decoding cache, the character splits and Lake et al.'s 20 runs."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from maml_gui.core.examples import EXAMPLES
from maml_gui.core.omniglot import images as omniglot_images
from maml_gui.core.omniglot.images import load
from maml_gui.core.omniglot.lake_runs import load_runs
from maml_gui.core.omniglot.sources import OmniglotDataError
from maml_gui.core.omniglot.splits import class_table, split_characters

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return load(cache_dir=tmp_path_factory.mktemp("cache"))


def _png(seed: int) -> bytes:
    """A 105 x 105 1-bit drawing: a random stroke on white."""
    rng = np.random.default_rng(seed)
    pixels = np.full((105, 105), 255, dtype=np.uint8)
    row = rng.integers(10, 90)
    pixels[row : row + 4, 10:95] = 0
    buffer = io.BytesIO()
    Image.fromarray(pixels).convert("1").save(buffer, format="PNG")
    return buffer.getvalue()


def _make_layout(root: Path, part: str, alphabets: int, characters: int, drawings: int = 3):
    for a in range(alphabets):
        for c in range(characters):
            folder = root / part / f"Alphabet{a}" / f"character{c + 1:02d}"
            folder.mkdir(parents=True)
            for d in range(drawings):
                (folder / f"{a}{c:02d}_{d + 1:02d}.png").write_bytes(_png(a * 100 + c * 10 + d))


def _zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*")):
            archive.write(file, file.relative_to(folder.parent).as_posix())
    return target


def test_the_bundled_subset_is_242_characters_of_20_drawings(bundled):
    assert bundled.images.shape == (4840, 28, 28) and bundled.images.dtype == np.uint8
    assert len(bundled.characters) == 242 and bundled.skipped == 0
    assert (np.bincount(bundled.character) == 20).all()
    assert bundled.background.all()  # no evaluation alphabets in the subset
    assert len({c.split("/")[0] for c in bundled.characters}) == 8
    # ink is high on a dark paper: a stroke covers a small part of each drawing
    assert 0.02 < bundled.images.mean() / 255 < 0.3


def test_a_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    first = load(cache_dir=tmp_path)
    assert list(tmp_path.glob("omniglot-*.npz"))

    def no_decoding(*args):
        raise AssertionError("decoded again instead of reading the cache")

    monkeypatch.setattr(omniglot_images, "decode", no_decoding)
    second = load(cache_dir=tmp_path)
    assert (second.images == first.images).all() and second.characters == first.characters


def test_a_damaged_cache_is_decoded_again(tmp_path):
    load(cache_dir=tmp_path)
    (cache,) = tmp_path.glob("omniglot-*.npz")
    cache.write_bytes(b"not an npz")
    assert load(cache_dir=tmp_path).images.shape == (4840, 28, 28)


def test_the_splits_are_by_character_seeded_and_disjoint(bundled):
    splits = split_characters(bundled, seed=0)
    assert [len(splits[s]) for s in ("train", "validation", "test")] == [169, 24, 49]
    together = np.concatenate(list(splits.values()))
    assert sorted(together) == list(range(242))
    again = split_characters(bundled, seed=0)
    assert all((again[s] == splits[s]).all() for s in splits)
    other = split_characters(bundled, seed=1)
    assert not (other["test"] == splits["test"]).all()
    table = class_table(bundled, splits["train"], rotations=True)
    assert len(table) == 4 * 169 and set(table.rotation) == {0, 1, 2, 3}
    assert table.min_drawings() == 20
    assert len(class_table(bundled, splits["train"], rotations=False)) == 169


@pytest.mark.parametrize("as_zips", [False, True])
def test_a_full_data_set_layout_is_read_with_its_evaluation_alphabets(tmp_path, as_zips):
    root = tmp_path / "omniglot"
    _make_layout(root, "images_background", alphabets=2, characters=5)
    _make_layout(root, "images_evaluation", alphabets=1, characters=4)
    if as_zips:
        for part in ("images_background", "images_evaluation"):
            _zip_folder(root / part, root / f"{part}.zip")
            for file in sorted((root / part).rglob("*"), reverse=True):
                file.unlink() if file.is_file() else file.rmdir()
            (root / part).rmdir()
    data = load(root, cache_dir=tmp_path / "cache")
    assert len(data.characters) == 14 and data.images.shape == (42, 28, 28)
    assert data.background.sum() == 10
    splits = split_characters(data, seed=0)
    assert set(splits["test"]) == set(np.flatnonzero(~data.background))  # Lake's protocol
    assert len(splits["train"]) == 9 and len(splits["validation"]) == 1


def test_unreadable_drawings_are_skipped_and_counted(tmp_path):
    root = tmp_path / "omniglot"
    _make_layout(root, "images_background", alphabets=1, characters=3)
    broken = root / "images_background" / "Alphabet0" / "character01" / "000_01.png"
    broken.write_bytes(b"\x89PNG but not really")
    data = load(root, cache_dir=tmp_path / "cache")
    assert data.skipped == 1 and len(data.images) == 8


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "does not exist"),
        (lambda p: (p.mkdir(), p)[1], "has no images_background folder or zip"),
        (lambda p: (p.mkdir(), (p / "images_background").mkdir(), p)[2], "holds no"),
        (lambda p: (p.write_text("text"), p)[1], "neither a folder nor a zip"),
    ],
)
def test_a_folder_without_the_layout_is_refused_saying_what_is_missing(tmp_path, make, message):
    path = make(tmp_path / "mine")
    with pytest.raises(OmniglotDataError, match=message):
        load(path, cache_dir=tmp_path / "cache")


def test_a_zip_without_the_layout_is_refused(tmp_path):
    target = tmp_path / "images_background.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("readme.txt", "no drawings here")
    with pytest.raises(OmniglotDataError, match=r"holds no <alphabet>/<character>/<drawing>\.png"):
        load(target, cache_dir=tmp_path / "cache")


def test_lakes_twenty_runs_are_parsed_with_their_answer_keys():
    runs = load_runs()
    assert [r.name for r in runs] == [f"run{i:02d}" for i in range(1, 21)]
    for run in runs:
        assert run.support.shape == run.query.shape == (20, 28, 28)
        assert sorted(run.answer) == list(range(20))  # one test drawing per character
    # run01/class_labels.txt: item01 -> class08, item04 -> class19
    assert runs[0].answer[0] == 7 and runs[0].answer[3] == 18


def test_a_broken_runs_zip_is_refused(tmp_path):
    bad = tmp_path / "all_runs.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("run01/class_labels.txt", "nonsense\n")
    with pytest.raises(OmniglotDataError, match=r"not Lake et al.'s all_runs\.zip"):
        load_runs(bad)


def test_the_bundled_data_is_package_data_of_a_plain_install(tmp_path):
    """A wheel (what a non-editable `pip install .` installs) carries the zips and the
    licence beside them, and the example runs. Built from a copy: a build leaves build/ and
    egg-info behind."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "maml_gui", source / "maml_gui", ignore=shutil.ignore_patterns("__pycache__")
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(source)],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("maml_gui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "images_background_small1.zip",
        "images_background_small2.zip",
        "all_runs.zip",
        "LICENSE",
        "README.md",
    ):
        assert f"maml_gui/data/omniglot/{name}" in names, name
    for name in EXAMPLES:  # File > Open example
        assert f"maml_gui/data/examples/{name}" in names, name


def _png_claiming(width: int, height: int) -> bytes:
    """A valid PNG signature and header declaring a huge image, with almost no data."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_hostile_drawings_are_skipped_not_obeyed(tmp_path):
    """Not PNG (an EPS named .png: Pillow would hand it to Ghostscript), a PNG declaring
    30000 x 30000 pixels, and a file too big to be a drawing: each skipped and counted."""
    root = tmp_path / "omniglot"
    _make_layout(root, "images_background", alphabets=1, characters=3)
    folder = root / "images_background" / "Alphabet0" / "character01"
    (folder / "000_01.png").write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n")
    (folder / "000_02.png").write_bytes(_png_claiming(30_000, 30_000))
    (folder / "000_03.png").write_bytes(b"\0" * (2 << 20))
    data = load(root, cache_dir=tmp_path / "cache")
    assert data.skipped == 3 and len(data.images) == 6


def test_a_truncated_cache_is_decoded_again(tmp_path):
    load(cache_dir=tmp_path)
    (cache,) = tmp_path.glob("omniglot-*.npz")
    cache.write_bytes(cache.read_bytes()[: cache.stat().st_size // 2])  # a zip cut in half
    assert load(cache_dir=tmp_path).images.shape == (4840, 28, 28)
    assert not list(tmp_path.glob(".omniglot-*"))  # no temporary file left behind

"""Update the Traditional Chinese translation from the sources, and build it.

    python tools/translations.py

Runs ``pyside6-lupdate`` over the GUI's modules (new strings enter the .ts unfinished, strings
gone from the code are dropped) and ``pyside6-lrelease`` to build the .qm shipped beside it.
Translate the new strings in Qt Linguist (``pyside6-linguist``) or in the .ts itself, then
run this again. tests/gui/test_i18n.py fails while a string is unfinished or either file is
out of date.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "maml_gui" / "i18n" / "maml_gui_zh_TW.ts"
QM = TS.with_suffix(".qm")


def sources() -> list[Path]:
    """Every module whose strings a user sees: the GUI (the engine and the CLI speak English:
    their messages go to scripts and logs)."""
    return sorted((ROOT / "maml_gui" / "gui").rglob("*.py"))


def tool(name: str) -> str:
    """A PySide6 tool installed beside this Python (the venv's bin)."""
    return str(Path(sys.executable).parent / name)


def update(ts: Path = TS) -> None:
    files = [str(p.relative_to(ROOT)) for p in sources()]
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *files, "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def release(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )


def main() -> int:
    update()
    release()
    print(f"updated {TS.relative_to(ROOT)} and built {QM.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

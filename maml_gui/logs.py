"""Logging for both processes: one rotating log file in the user's state directory.

The app's process writes the file; the training process sends its records to the app
(``core.process.child``), so one file tells the story of a session. The CLI logs to the same
file. Nothing here imports Qt or torch: both processes and the CLI use it.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

LOG_NAME = "maml-gui.log"
#: a few sessions' worth: 1 MB a file, the current one and two before it
MAX_BYTES = 1_000_000
BACKUPS = 2
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def log_folder() -> Path:
    """``$XDG_STATE_HOME/maml-gui`` (``~/.local/state/maml-gui`` by default)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "maml-gui"


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the root logger to the rotating file; returns its path, or None when the folder
    cannot be written (then warnings and worse go to stderr only, and the app still runs)."""
    root = logging.getLogger()
    root.setLevel(level)
    if any(getattr(h, "_maml_gui", False) for h in root.handlers):
        return log_folder() / LOG_NAME  # already set up (tests open many windows)
    path = log_folder() / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        print(f"maml-gui: cannot write the log file {path}: {exc}", file=sys.stderr)
        path = None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._maml_gui = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path


def log_uncaught_exceptions() -> None:
    """An exception escaping a Qt slot is printed by PySide6 and otherwise forgotten: log it
    with its traceback as well."""
    previous = sys.excepthook

    def hook(kind, value, traceback) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            logging.getLogger("maml_gui").error(
                "uncaught exception", exc_info=(kind, value, traceback)
            )
        previous(kind, value, traceback)

    sys.excepthook = hook

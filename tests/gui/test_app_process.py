"""The real app, launched as a user would (`python -m maml_gui`), ended by a signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import process_alive

STARTUP_S = 60


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def _wait_for(condition, timeout: float = STARTUP_S) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` passes (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _log_says(log: Path, text: str) -> bool:
    try:
        return text in log.read_text()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_closes_the_app_and_its_training_process(number, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env.pop("XDG_STATE_HOME", None)
    log = tmp_path / ".local" / "state" / "maml-gui" / "maml-gui.log"
    app = subprocess.Popen(
        [sys.executable, "-m", "maml_gui"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        # the app logs each state the run reports: it is training (and painting) now
        assert _wait_for(lambda: _log_says(log, "run state: running")), "it never trained"
        training = _children(app.pid)  # the resource tracker and the training process
        assert len(training) >= 2
        app.send_signal(number)
        _, stderr = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, stderr
    assert not any(process_alive(pid) for pid in training)
    messages = [line for line in stderr.splitlines() if "propagateSizeHints" not in line]
    assert messages == []  # no traceback, no leaked semaphores
    assert _log_says(log, f"signal {int(number)}: closing")
    assert _log_says(log, "closed with status 0")

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


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def _has_torch(pid: int) -> bool:
    try:
        return "libtorch" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_closes_the_app_and_its_training_process(number, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    app = subprocess.Popen(
        [sys.executable, "-m", "maml_gui"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 30
        # the app's children: multiprocessing's resource tracker and the training process
        while len(_children(app.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        training = _children(app.pid)
        assert len(training) >= 2, "the training process did not start"
        while not any(_has_torch(pid) for pid in training) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # let it train a little
        app.send_signal(number)
        _, stderr = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, stderr
    assert not any(process_alive(pid) for pid in training)
    messages = [line for line in stderr.splitlines() if "propagateSizeHints" not in line]
    assert messages == []  # no traceback, no leaked semaphores

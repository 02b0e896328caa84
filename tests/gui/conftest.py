"""GUI test setup: offscreen Qt, a test-only panel, and a window whose process always ends."""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QVBoxLayout

from maml_gui.core.config import default_config
from maml_gui.gui.discard_guard import Choice
from maml_gui.gui.panels.base import Panel, PayloadRequest, RunInfo


class RecordingPanel(Panel):
    """Stores what the window routes to it; asks for every cheap payload kind."""

    title = "Recording"

    def __init__(self) -> None:
        super().__init__()
        QVBoxLayout(self).addWidget(QLabel("test panel"))
        self.infos: list[RunInfo] = []
        self.steps: list[int] = []
        self.payloads: list[object] = []
        self.redraws = 0

    def reset(self, info: RunInfo) -> None:
        self.infos.append(info)
        self.steps.clear()
        self.payloads.clear()

    def on_snapshot(self, snapshot) -> None:
        self.steps.append(snapshot.step)

    def on_payload(self, payload) -> None:
        self.payloads.append(payload)

    def redraw(self) -> None:
        self.redraws += 1

    def requests(self) -> list[PayloadRequest]:
        return [
            PayloadRequest("loss_history"),
            PayloadRequest("gap"),
            PayloadRequest("trajectory"),
            PayloadRequest("toy_landscape", (("m_max", 2),)),
        ]

    def export_target(self):
        return self

    def payload_types(self) -> set[str]:
        return {type(p).__name__ for p in self.payloads}


@pytest.fixture
def panel() -> RecordingPanel:
    return RecordingPanel()


@pytest.fixture
def make_window(qtbot, tmp_path, panel):
    """Build a window (toy1d + MAML unless told), ready once its first run exists."""
    from maml_gui.gui.main_window import MainWindow

    windows = []

    def make(config=None, panels=None):
        """``panels``: the window's views (default: the recording test panel alone)."""
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            config or default_config("toy1d", "maml"),
            panels=[panel] if panels is None else panels,
            autostart=False,
            settings=settings,
        )
        windows.append(window)
        # "Discard?" is answered Discard unless a test says otherwise; the questions are kept
        window.questions = []
        window.discard_guard.ask = lambda _parent, what, _c: (
            window.questions.append(what) or Choice.DISCARD
        )
        window.show()
        qtbot.waitUntil(lambda: window.state == "ready", timeout=10_000)
        return window

    yield make
    for window in windows:
        pid = window.client.pid
        window.close_without_asking()  # a test's run is never worth a question
        assert pid is None or not process_alive(pid)


def process_alive(pid: int, timeout: float = 5.0) -> bool:
    """Still running after ``timeout`` (a zombie waiting to be reaped counts as ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        if state in ("Z", "X"):
            return False
        time.sleep(0.05)
    return True

"""Letting Qt finish what it posted, without waiting on the clock."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def settle_layout() -> None:
    """pyqtgraph lays a scene out over a few posted layout requests (and a view may rebuild
    itself at the next pass): let them all run."""
    for _ in range(4):
        QApplication.processEvents()

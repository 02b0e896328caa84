"""Shared test setup: no display is needed anywhere (Qt runs offscreen)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

"""The status bar's rate says something for a run of any speed."""

from __future__ import annotations

import pytest

from maml_gui.gui.status import _rate


@pytest.mark.parametrize(
    ("per_second", "text"),
    [(553.4, "553 it/s"), (12.0, "12 it/s"), (2.54, "2.5 it/s"), (0.5, "2.0 s/it")],
)
def test_the_rate_reads_well_fast_and_slow(per_second, text):
    assert _rate(per_second) == text

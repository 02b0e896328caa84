"""Major tick spacing wide enough for the tick labels at the axis's own font.

pyqtgraph picks the number of major ticks from the axis length alone (about 2.25 * sqrt(length
/ 300 px)), whatever the font. At slide size (18 pt tick labels) the labels of a narrow plot
ran into each other: "0 2000 4000 6000 8000" on a 400 px axis printed as one string. Here the
spacing is widened in round steps until the widest label (or, on a vertical axis, the
text's height) fits between two ticks with a gap.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtGui import QFont, QFontMetricsF

#: free space between two labels, in units of the font's height
GAP_EMS = 0.4
#: widening steps tried before giving up (each x2 at most): a factor of 50 at least
MAX_STEPS = 8
#: more candidate ticks than this: the spacing is far too fine to measure label by label
MAX_TICKS = 200


def next_nice(spacing: float) -> float:
    """The next round spacing above ``spacing``: 1 -> 2 -> 2.5 -> 5 -> 10 (2.5 too, so that a
    narrow axis need not jump from 2000 to 5000 and keep a single label)."""
    power = 10 ** math.floor(math.log10(spacing))
    mantissa = spacing / power
    for step in (2.0, 2.5, 5.0):
        if mantissa < step * 0.9:
            return step * power
    return 10 * power


def _needed_px(axis, low: float, high: float, spacing: float) -> float:
    """Pixels one label needs along the axis at ``spacing``: its extent plus a gap."""
    metrics = QFontMetricsF(axis.style.get("tickFont") or QFont())
    gap = GAP_EMS * metrics.height()
    if axis.orientation in ("left", "right"):
        return metrics.height() + gap
    first = math.ceil(low / spacing) * spacing
    values = np.arange(first, high + spacing * 1e-9, spacing)
    if not 0 < len(values) <= MAX_TICKS:
        return 0.0
    strings = axis.tickStrings(list(values), axis.autoSIPrefixScale, spacing)
    return max(metrics.horizontalAdvance(s) for s in strings) + gap


def readable_levels(axis, levels: list, low: float, high: float, size: float) -> list:
    """``levels`` (pyqtgraph's [(spacing, offset), ...], major first) with the major spacing
    widened until its labels do not touch; the finer levels that still divide it (the old
    major spacing among them) stay as minor ticks."""
    if not levels or size <= 0 or high <= low:
        return levels
    px_per_unit = size / (high - low)
    major = original = levels[0][0]
    for _ in range(MAX_STEPS):
        needed = _needed_px(axis, low, high, major)
        if major * px_per_unit >= needed:
            break
        major = next_nice(major)
    if major == original:
        return levels
    minors = [
        (spacing, offset)
        for spacing, offset in levels
        if spacing < major and math.isclose(round(major / spacing), major / spacing)
    ]
    return [(major, 0.0), *minors]

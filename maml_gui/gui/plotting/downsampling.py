"""Fewer points than pixels: equal-width bins in x, reduced to their mean or their extremes.

The views redraw up to 30 times a second and paint cost is what limits them; a curve of
4,096 noisy points costs tens of milliseconds as an antialiased path, its binned form a few.
"""

from __future__ import annotations

import numpy as np


def _bins(x: np.ndarray, n: int) -> np.ndarray:
    """Indices where each of ``n`` equal-width bins of the sorted ``x`` starts."""
    edges = np.linspace(x[0], x[-1], n + 1)[1:-1]
    starts = np.searchsorted(x, edges, side="left")
    return np.unique(np.concatenate([[0], starts]))


def bin_mean(x: np.ndarray, y: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ``n`` points: the mean of x and of the finite y in equal-width x bins (a bin
    with no finite y stays NaN, a gap). Short inputs are returned as they are."""
    if len(x) <= n:
        return x, y
    starts = _bins(x, n)
    finite = np.isfinite(y)
    counts = np.add.reduceat(finite.astype(float), starts)
    sums = np.add.reduceat(np.where(finite, y, 0.0), starts)
    means = np.full(len(starts), np.nan)
    np.divide(sums, counts, out=means, where=counts > 0)
    return np.add.reduceat(x, starts) / np.diff(np.append(starts, len(x))), means


def bin_peak(x: np.ndarray, y: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ``2 n`` points: the minimum and the maximum of y in each of ``n`` equal-width
    x bins (in their order of appearance), so spikes survive. Short inputs are unchanged."""
    if len(x) <= 2 * n:
        return x, y
    starts = _bins(x, n)
    ends = np.append(starts[1:], len(x)) - 1
    low = np.fmin.reduceat(y, starts)
    high = np.fmax.reduceat(y, starts)
    # x of the first and last sample of each bin: the line stays monotone in x
    xs = np.column_stack([x[starts], x[ends]]).ravel()
    # in time order: the minimum first where it came first
    bin_of = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(x))))
    index = np.arange(len(x))
    when_low = np.minimum.reduceat(np.where(y == low[bin_of], index, len(x)), starts)
    when_high = np.minimum.reduceat(np.where(y == high[bin_of], index, len(x)), starts)
    pairs = np.where(
        (when_low <= when_high)[:, None],
        np.column_stack([low, high]),
        np.column_stack([high, low]),
    )
    return xs, pairs.ravel()

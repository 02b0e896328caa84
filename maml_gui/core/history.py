"""Bounded histories: when full, keep every other record and halve the sampling rate.

A 100,000-step run must not grow memory without bound; the curves keep their shape because
old records thin out evenly while the newest stay dense enough to draw.
"""

from __future__ import annotations

import numpy as np


class DecimatingHistory:
    """Rows of ``width`` floats recorded at increasing steps, at most ``capacity`` of them."""

    def __init__(self, width: int, capacity: int = 2048) -> None:
        if capacity < 4 or capacity % 2:
            raise ValueError("capacity must be an even number >= 4")
        self.width = width
        self.capacity = capacity
        self.stride = 1
        self._steps = np.zeros(capacity, dtype=np.int64)
        self._rows = np.zeros((capacity, width), dtype=np.float64)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def record(self, step: int, row: np.ndarray) -> None:
        if step % self.stride:
            return
        if self._count == self.capacity:
            keep = slice(0, self.capacity, 2)
            half = self.capacity // 2
            self._steps[:half] = self._steps[keep]
            self._rows[:half] = self._rows[keep]
            self._count = half
            self.stride *= 2
            if step % self.stride:
                return
        self._steps[self._count] = step
        self._rows[self._count] = row
        self._count += 1

    @property
    def steps(self) -> np.ndarray:
        return self._steps[: self._count].copy()

    @property
    def rows(self) -> np.ndarray:
        return self._rows[: self._count].copy()

    def state(self) -> dict[str, np.ndarray]:
        return {
            "steps": self.steps,
            "rows": self.rows,
            "meta": np.array([self.width, self.capacity, self.stride], dtype=np.int64),
        }

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray]) -> DecimatingHistory:
        meta = np.asarray(state["meta"])
        if meta.shape != (3,) or not np.issubdtype(meta.dtype, np.integer):
            raise ValueError("history header must be three integers")
        width, capacity, stride = (int(v) for v in meta)
        # A hand-edited header must not make the next record divide by zero or allocate
        # gigabytes: the stride is a power of two, the capacity a sane even number.
        if not 4 <= capacity <= 1 << 16 or capacity % 2 or not 1 <= width <= 1 << 20:
            raise ValueError(f"history capacity {capacity} or width {width} out of range")
        if stride < 1 or stride & (stride - 1):
            raise ValueError(f"history stride {stride} is not a power of two")
        steps, rows = np.asarray(state["steps"]), np.asarray(state["rows"])
        if rows.shape != (len(steps), width) or len(steps) > capacity:
            raise ValueError("history arrays do not match their declared shape")
        if len(steps) and (np.any(np.diff(steps) <= 0) or steps[0] < 0):
            raise ValueError("history steps are not increasing")
        if not np.isfinite(rows).all():
            raise ValueError("history contains NaN or inf")
        history = cls(width, capacity)
        history.stride = stride
        history._count = len(steps)
        history._steps[: len(steps)] = steps
        history._rows[: len(steps)] = rows
        return history

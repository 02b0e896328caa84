"""Bounded histories: when full, keep every other record and take new ones more sparsely.

A 100,000-step run must not grow memory without bound; the curves keep their shape because
old records thin out evenly while the newest keep arriving. How a history takes records after
thinning depends on how they arrive (:class:`Thinning`): one per step (losses, paths), or at
irregular steps (evaluations, the GUI's snapshots).
"""

from __future__ import annotations

import enum
import math

import numpy as np

#: an arrival stride beyond this came from a hand-edited file, not from thinning
MAX_ARRIVAL_STRIDE = 1 << 62


class Thinning(enum.IntEnum):
    """How a full history halves, and which records it takes afterwards.

    The value is the code stored in a saved history's header.
    """

    #: one record per step: keep the steps divisible by a power-of-two stride, so every record
    #: a halving keeps is one the doubled stride would have accepted (exactly even spacing)
    STEP_PARITY = 0
    #: records at irregular steps: keep every other record, then take one only ``stride``
    #: steps past the last one kept. By parity, steps such as 37, 75, 113 would almost all be
    #: refused once the stride reached 64, and the newest part of the curve would stay empty.
    ARRIVAL = 1


class DecimatingHistory:
    """Rows of ``width`` floats recorded at increasing steps, at most ``capacity`` of them.

    A step not after the last one kept adds nothing (a repeated snapshot or evaluation).
    """

    def __init__(
        self, width: int, capacity: int = 2048, thinning: Thinning = Thinning.STEP_PARITY
    ) -> None:
        if capacity < 4 or capacity % 2:
            raise ValueError("capacity must be an even number >= 4")
        self.width = width
        self.capacity = capacity
        self.thinning = Thinning(thinning)
        self.stride = 1
        self._steps = np.zeros(capacity, dtype=np.int64)
        self._rows = np.zeros((capacity, width), dtype=np.float64)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def record(self, step: int, row) -> None:
        if not self.accepts(step):
            return
        if self._count == self.capacity:
            self._halve()
        self._steps[self._count] = step
        self._rows[self._count] = row
        self._count += 1

    def accepts(self, step: int) -> bool:
        """Whether ``record(step, ...)`` keeps a row (a full history halves first): a caller
        can skip measuring what would be thrown away."""
        if not self._accepts(step, self.stride):
            return False
        if self._count < self.capacity:
            return True
        return self._accepts(step, self._stride_after_halving(), self._steps[self.capacity - 2])

    def _accepts(self, step: int, stride: int, last: int | None = None) -> bool:
        if last is None:
            if not self._count:
                return self.thinning is Thinning.ARRIVAL or step % stride == 0
            last = int(self._steps[self._count - 1])
        if step <= last:
            return False
        if self.thinning is Thinning.ARRIVAL:
            return step - last >= stride
        return step % stride == 0

    def _halve(self) -> None:
        stride = self._stride_after_halving()
        half = self.capacity // 2
        self._steps[:half] = self._steps[: self.capacity : 2]
        self._rows[:half] = self._rows[: self.capacity : 2]
        self._count = half
        self.stride = stride

    def _stride_after_halving(self) -> int:
        """The stride once a full history has kept every other record."""
        if self.thinning is Thinning.STEP_PARITY:
            return self.stride * 2
        # The kept records' own mean spacing: new ones come in as densely as the old ones
        # now lie, so the history stays evenly spread over the steps, as parity keeps it.
        kept = self._steps[: self.capacity : 2]
        return max(self.stride, self._mean_spacing(kept))

    @staticmethod
    def _mean_spacing(steps: np.ndarray) -> int:
        if len(steps) < 2:
            return 1
        span = int(steps[-1] - steps[0])
        return max(1, span // (len(steps) - 1))

    def clear(self) -> None:
        self._count = 0
        self.stride = 1

    def replace(self, steps: np.ndarray, rows: np.ndarray) -> None:
        """Hold these records instead (e.g. another process's history), every k-th of them
        if there are more than ``capacity``. Later records follow the thinning rule from a
        stride of 1, or by arrival from the kept records' spacing if this had to thin them."""
        self.clear()
        steps = np.asarray(steps, dtype=np.int64)
        rows = np.asarray(rows, dtype=np.float64).reshape(len(steps), self.width)
        thinned = len(steps) > self.capacity
        if thinned:
            every = math.ceil(len(steps) / self.capacity)
            steps, rows = steps[::every], rows[::every]
        self._steps[: len(steps)] = steps
        self._rows[: len(steps)] = rows
        self._count = len(steps)
        if thinned and self.thinning is Thinning.ARRIVAL:
            self.stride = self._mean_spacing(self._steps[: self._count])

    def with_thinning(self, thinning: Thinning) -> DecimatingHistory:
        """This history, continuing under ``thinning`` (itself if it already does)."""
        if self.thinning is thinning:
            return self
        history = DecimatingHistory(self.width, self.capacity, thinning)
        history.replace(self.steps, self.rows)
        history.stride = self.stride  # a power of two: a valid stride under either rule
        return history

    @property
    def steps(self) -> np.ndarray:
        return self._steps[: self._count].copy()

    @property
    def rows(self) -> np.ndarray:
        return self._rows[: self._count].copy()

    def state(self) -> dict[str, np.ndarray]:
        # Step-parity histories keep the three-integer header runs were first saved with.
        header = [self.width, self.capacity, self.stride]
        if self.thinning is not Thinning.STEP_PARITY:
            header.append(int(self.thinning))
        return {
            "steps": self.steps,
            "rows": self.rows,
            "meta": np.array(header, dtype=np.int64),
        }

    @classmethod
    def from_state(
        cls, state: dict[str, np.ndarray], unmeasured_from: int | None = None
    ) -> DecimatingHistory:
        """``unmeasured_from``: the columns from there on may hold NaN, a value that was not
        measured (a regression's accuracy in the gap history); nothing may hold inf."""
        meta = np.asarray(state["meta"])
        if meta.shape not in ((3,), (4,)) or not np.issubdtype(meta.dtype, np.integer):
            raise ValueError("history header must be three or four integers")
        width, capacity, stride = (int(v) for v in meta[:3])
        code = int(meta[3]) if len(meta) == 4 else int(Thinning.STEP_PARITY)
        if code not in {int(t) for t in Thinning}:
            raise ValueError(f"history thinning {code} is unknown")
        thinning = Thinning(code)
        # A hand-edited header must not make the next record divide by zero or allocate
        # gigabytes: the capacity is a sane even number, a parity stride a power of two.
        if not 4 <= capacity <= 1 << 16 or capacity % 2 or not 1 <= width <= 1 << 20:
            raise ValueError(f"history capacity {capacity} or width {width} out of range")
        if thinning is Thinning.STEP_PARITY and (stride < 1 or stride & (stride - 1)):
            raise ValueError(f"history stride {stride} is not a power of two")
        if thinning is Thinning.ARRIVAL and not 1 <= stride <= MAX_ARRIVAL_STRIDE:
            raise ValueError(f"history stride {stride} out of range")
        steps, rows = np.asarray(state["steps"]), np.asarray(state["rows"])
        if rows.shape != (len(steps), width) or len(steps) > capacity:
            raise ValueError("history arrays do not match their declared shape")
        if len(steps) and (np.any(np.diff(steps) <= 0) or steps[0] < 0):
            raise ValueError("history steps are not increasing")
        measured = rows if unmeasured_from is None else rows[:, :unmeasured_from]
        if not np.isfinite(measured).all() or np.isinf(rows).any():
            raise ValueError("history contains NaN or inf")
        history = cls(width, capacity, thinning)
        history.stride = stride
        history._count = len(steps)
        history._steps[: len(steps)] = steps
        history._rows[: len(steps)] = rows
        return history

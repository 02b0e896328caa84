"""Run configuration: one frozen dataclass, validated, with a JSON round-trip."""

from __future__ import annotations

import dataclasses
import enum
import json
import math
from dataclasses import dataclass
from typing import Any


class StrEnum(str, enum.Enum):
    """An enum whose members are their own string values: equal to, hashed, printed and
    JSON-encoded as those strings (enum.StrEnum is Python 3.11+; this app supports 3.10)."""

    __str__ = str.__str__
    __format__ = str.__format__


class Task(StrEnum):
    TOY1D = "toy1d"
    TOY2D = "toy2d"
    SINUSOID = "sinusoid"
    OMNIGLOT = "omniglot"


class Algorithm(StrEnum):
    MAML = "maml"
    FOMAML = "fomaml"
    ANIL = "anil"
    REPTILE = "reptile"
    PRETRAINING = "pretraining"


TASK_FAMILIES = tuple(t.value for t in Task)
ALGORITHMS = tuple(a.value for a in Algorithm)

ALGORITHM_LABELS = {
    "maml": "MAML",
    "fomaml": "FOMAML",
    "anil": "ANIL",
    "reptile": "Reptile",
    "pretraining": "Pretraining",
}
TASK_LABELS = {
    "toy1d": "Toy 1-D",
    "toy2d": "Toy 2-D",
    "sinusoid": "Sinusoid regression",
    "omniglot": "Omniglot classification",
}


class ConfigError(ValueError):
    """A configuration value is out of range; the message names the field, value and range."""

    def __init__(
        self, field: str, value: Any, allowed: str, bounds: tuple[type, float, float] | None = None
    ) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        #: for a number out of range, (int or float, low, high): the interface words the
        #: range in its own language from these
        self.bounds = bounds
        super().__init__(f"{field} = {value!r} is not allowed: {allowed}")


# (low, high) inclusive ranges for numeric fields; None means unbounded on that side.
_INT_RANGES: dict[str, tuple[int, int]] = {
    "train_inner_steps": (1, 20),
    "test_inner_steps": (0, 50),
    "meta_batch_size": (1, 512),
    "k_shot": (1, 200),
    "k_query": (1, 500),
    "iterations": (1, 10_000_000),
    "seed": (0, 2**31 - 1),
    "eval_tasks": (1, 100_000),
    "toy_tasks": (2, 8),
    "hidden": (2, 512),
    "n_way": (2, 50),
}
_FLOAT_RANGES: dict[str, tuple[float, float]] = {
    "inner_lr": (1e-6, 10.0),
    "test_inner_lr": (1e-6, 10.0),
    "meta_lr": (1e-7, 1.0),
    "reptile_epsilon": (1e-6, 1.0),
}


@dataclass(frozen=True)
class RunConfig:
    """Everything that determines a run; same config, same numbers.

    ``inner_lr``/``train_inner_steps`` drive the inner loop during meta-training (the notes:
    one step, because only the potential matters); ``test_inner_lr``/``test_inner_steps`` drive
    adaptation at evaluation time, where more steps help.
    """

    task: str = "toy1d"
    algorithm: str = "maml"
    inner_lr: float = 0.01
    test_inner_lr: float = 0.01
    train_inner_steps: int = 1
    test_inner_steps: int = 10
    meta_lr: float = 1e-3
    reptile_epsilon: float = 0.1
    meta_batch_size: int = 25
    k_shot: int = 10
    k_query: int = 10
    iterations: int = 10_000
    seed: int = 0
    eval_tasks: int = 200
    toy_tasks: int = 2
    #: the model's width: the MLP's hidden units, Conv4's channels
    hidden: int = 40
    #: classification (omniglot): classes per task, rotations as new classes (HW15's data),
    #: and the data set's folder or zip ("" is the bundled subset)
    n_way: int = 5
    rotations: bool = True
    data: str = ""

    def __post_init__(self) -> None:
        # names become enum members (equal to their strings); an unknown one is left for
        # validate() to refuse with the allowed values
        for name, kind in (("task", Task), ("algorithm", Algorithm)):
            value = getattr(self, name)
            if isinstance(value, str) and value in kind._value2member_map_:
                object.__setattr__(self, name, kind(value))

    def validate(self) -> RunConfig:
        """Raise :class:`ConfigError` for the first invalid field; return self when valid."""
        if self.task not in TASK_FAMILIES:
            raise ConfigError("task", self.task, f"one of {', '.join(TASK_FAMILIES)}")
        if self.algorithm not in ALGORITHMS:
            raise ConfigError("algorithm", self.algorithm, f"one of {', '.join(ALGORITHMS)}")
        for name, (low, high) in _INT_RANGES.items():
            value = getattr(self, name)
            bad_type = isinstance(value, bool) or not isinstance(value, int)
            if bad_type or not low <= value <= high:
                allowed = f"an integer from {low} to {high}"
                raise ConfigError(name, value, allowed, (int, low, high))
        for name, (low, high) in _FLOAT_RANGES.items():
            value = getattr(self, name)
            bad_type = isinstance(value, bool) or not isinstance(value, (int, float))
            if bad_type or not math.isfinite(value) or not low <= value <= high:
                allowed = f"a number from {low:g} to {high:g}"
                raise ConfigError(name, value, allowed, (float, low, high))
        if not isinstance(self.rotations, bool):
            raise ConfigError("rotations", self.rotations, "true or false")
        if not isinstance(self.data, str) or len(self.data) > 4096 or "\0" in self.data:
            raise ConfigError("data", self.data, "a path (empty: the bundled Omniglot subset)")
        reason = algorithm_unavailable_reason(self.algorithm, self.task)
        if reason:
            raise ConfigError("algorithm", self.algorithm, reason)
        return self

    def replace(self, **changes: Any) -> RunConfig:
        """A validated copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes).validate()

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunConfig:
        """Build and validate a config; unknown keys are an error (a typo must not pass)."""
        if not isinstance(data, dict):
            raise ConfigError("config", type(data).__name__, "a JSON object")
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(unknown[0], data[unknown[0]], "not a RunConfig field")
        float_fields = set(_FLOAT_RANGES)
        clean = {
            k: (float(v) if k in float_fields and _is_number(v) else v) for k, v in data.items()
        }
        return cls(**clean).validate()

    @classmethod
    def from_json(cls, text: str) -> RunConfig:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError("config", "<unparsable JSON>", f"valid JSON ({exc.msg})") from exc
        return cls.from_dict(data)

    def restart_fields_changed(self, other: RunConfig) -> list[str]:
        """Fields whose change needs a reset (they alter the model, the tasks or the seed)."""
        live = {
            "inner_lr",
            "test_inner_lr",
            "test_inner_steps",
            "meta_lr",
            "iterations",
            "eval_tasks",
            "reptile_epsilon",
            "train_inner_steps",
            "meta_batch_size",
        }
        return [
            f.name
            for f in dataclasses.fields(self)
            if f.name not in live and getattr(self, f.name) != getattr(other, f.name)
        ]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def algorithm_unavailable_reason(algorithm: str, task: str) -> str | None:
    """Why ``algorithm`` cannot run on ``task``, or None when it can."""
    if algorithm == Algorithm.ANIL and task in (Task.TOY1D, Task.TOY2D):
        return (
            "ANIL adapts only the head of a network in its inner loop; the toy families have "
            "a single parameter vector with no feature extractor, so there is no head to split "
            "off (choose the sinusoid family)"
        )
    return None


#: Reptile's own defaults per family. It needs several inner steps (Nichol et al. 2018 train
#: each task for several SGD/Adam steps, outer step size 1 annealed to 0): with one step its
#: update is eps * alpha times a joint-training gradient on the support sets, plain SGD at a
#: rate of 0.001 here, so it barely left phi_0 and ended behind pretraining's Adam. Measured
#: (README, "Reptile's defaults"): sinusoid, seed 0, 10,000 iterations, query MSE after 10
#: test steps 0.21 against pretraining's 1.53 (old defaults: 2.91). The toys take smaller inner
#: steps: at 0.8 five steps bounce in the narrow trap well (curvature ~4.8, rate x curvature
#: > 2) instead of descending it.
REPTILE_DEFAULTS: dict[str, dict[str, Any]] = {
    Task.SINUSOID: {"train_inner_steps": 5, "reptile_epsilon": 1.0},
    Task.TOY1D: {"train_inner_steps": 5, "inner_lr": 0.3, "reptile_epsilon": 0.5},
    Task.TOY2D: {"train_inner_steps": 5, "inner_lr": 0.3, "reptile_epsilon": 0.5},
    # The best of three measured (seed 0, 600 meta-iterations, 200 held-out tasks, query
    # accuracy after 10 test steps at HW15's 0.4): 5 steps at 0.1 with eps 1 gave 0.713
    # +-0.028; at HW15's rate 0.4, 0.632 (0.698 after 200 iterations: it gets worse); eps 0.5,
    # 0.696. Reptile learns slowly here (Nichol et al. train 100,000 iterations): MAML
    # reaches 0.97 and the transfer baseline 0.92 in the same 600.
    Task.OMNIGLOT: {"train_inner_steps": 5, "inner_lr": 0.1, "reptile_epsilon": 1.0},
}

#: HW15's settings (Hung-yi Lee's course, MAML on Omniglot): 5-way 1-shot with 1 query per
#: class, Conv4 with 64 channels, inner rate 0.4, 1 inner step in training and 10 at test,
#: Adam 1e-3, meta-batch 32, rotations as new classes
HW15 = {
    "n_way": 5,
    "k_shot": 1,
    "k_query": 1,
    "hidden": 64,
    "inner_lr": 0.4,
    "test_inner_lr": 0.4,
    "train_inner_steps": 1,
    "test_inner_steps": 10,
    "meta_lr": 1e-3,
    "meta_batch_size": 32,
    "rotations": True,
}


def default_config(task: str = "toy1d", algorithm: str = "maml") -> RunConfig:
    """Sensible settings per family (the sinusoid ones are Finn et al. 2017) and, for
    Reptile, per algorithm (REPTILE_DEFAULTS)."""
    config = _family_defaults(task, algorithm)
    if algorithm == Algorithm.REPTILE:
        config = config.replace(**REPTILE_DEFAULTS[config.task])
    return config


def _family_defaults(task: str, algorithm: str) -> RunConfig:
    if task == Task.SINUSOID:
        return RunConfig(task=task, algorithm=algorithm).validate()
    if task == Task.OMNIGLOT:
        # a gap evaluation of 10 steps costs ~0.2 s per task here: few tasks while training
        return RunConfig(
            task=task, algorithm=algorithm, iterations=3000, eval_tasks=20, **HW15
        ).validate()
    # Toy losses are exact functions of the parameters: a larger inner lr makes one step
    # travel visibly, and every step uses all the family's tasks.
    toy_tasks = 2 if task == Task.TOY1D else 3
    return RunConfig(
        task=task,
        algorithm=algorithm,
        inner_lr=0.8,
        test_inner_lr=0.8,
        meta_lr=0.02,
        test_inner_steps=10,
        iterations=1500,
        toy_tasks=toy_tasks,
        meta_batch_size=toy_tasks,
        eval_tasks=toy_tasks,
    ).validate()

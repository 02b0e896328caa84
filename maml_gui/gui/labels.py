"""The engine's names of the task families and algorithms, as the interface shows them.

The engine (``core.config``) cannot use Qt's translation system: its names are English. The
interface translates them here; the QT_TRANSLATE_NOOP list lets pyside6-lupdate find them,
and tests/gui/test_i18n.py checks that it lists every name the engine has.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from maml_gui.core.config import ALGORITHM_LABELS, TASK_LABELS
from maml_gui.gui.i18n import translate

#: every name in core.config's TASK_LABELS and ALGORITHM_LABELS; MAML, FOMAML, ANIL and
#: Reptile are names, the same in every language
LISTED = (
    QT_TRANSLATE_NOOP("Labels", "Toy 1-D"),
    QT_TRANSLATE_NOOP("Labels", "Toy 2-D"),
    QT_TRANSLATE_NOOP("Labels", "Sinusoid regression"),
    QT_TRANSLATE_NOOP("Labels", "Omniglot classification"),
    QT_TRANSLATE_NOOP("Labels", "Pretraining"),
)
#: core.config.algorithm_unavailable_reason's one reason (the Algorithm menu's tooltip)
REASONS = (
    QT_TRANSLATE_NOOP(
        "Labels",
        "ANIL adapts only the head of a network in its inner loop; the toy families have a "
        "single parameter vector with no feature extractor, so there is no head to split off "
        "(choose the sinusoid family)",
    ),
)
#: every loss name of core's families (FamilyTraits.loss_name), and the gap's accuracy
LOSS_NAMES = (
    QT_TRANSLATE_NOOP("Labels", "query loss"),
    QT_TRANSLATE_NOOP("Labels", "query MSE"),
    QT_TRANSLATE_NOOP("Labels", "query cross-entropy"),
    QT_TRANSLATE_NOOP("Labels", "query accuracy"),
)


def task_label(task: str) -> str:
    return translate("Labels", TASK_LABELS[task])


def algorithm_label(algorithm: str) -> str:
    return translate("Labels", ALGORITHM_LABELS[algorithm])


def loss_label(name: str) -> str:
    """A family's loss name (``FamilyTraits.loss_name``) in the interface's language."""
    return translate("Labels", name)


def learner_labels(algorithm: str) -> tuple[str, str]:
    """(algorithm, twin) display names; a pretraining-only run still tells the two apart."""
    main = algorithm_label(algorithm)
    twin = algorithm_label("pretraining")
    if algorithm == "pretraining":
        twin = translate("Labels", "{learner} twin").format(learner=twin)
    return main, twin


def theta_from_phi(learner: str) -> str:
    """The legend's name of the theta_n adapted from a learner's phi."""
    return translate("Labels", "{theta} from {phi} ({learner})").format(
        theta="θ<sub>n</sub>", phi="φ", learner=learner
    )


def optimum_of_task(number: int) -> str:
    return translate("Labels", "optimum of task {number}").format(number=number)

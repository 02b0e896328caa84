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


def task_label(task: str) -> str:
    return translate("Labels", TASK_LABELS[task])


def algorithm_label(algorithm: str) -> str:
    return translate("Labels", ALGORITHM_LABELS[algorithm])

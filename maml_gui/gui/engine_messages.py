"""The engine's messages for the user, in the interface's language.

An error the engine explains (``core.explained``: a broken run file, a refused Omniglot
folder, a diverged run) crosses with its English template and its values; here the template
is translated and filled in. TEMPLATES lists every template the engine has, for
pyside6-lupdate (tests/gui/test_i18n.py checks it against the engine's sources).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from maml_gui.gui.i18n import translate

TEMPLATES = (
    QT_TRANSLATE_NOOP(
        "Engine",
        "the meta-gradient or the loss became NaN or inf",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "cannot write {file}: {reason}",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: no such run file",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: not a readable maml-gui run (truncated or corrupted: not an .npz archive)",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: refused, member {member} is not a plain array",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: not a maml-gui run (no header)",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: not a maml-gui run",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: written by a newer maml-gui (format {version}; this version reads format "
        "{readable}); please upgrade",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: invalid step count {step}",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: the run learnt from other data than the bundled Omniglot subset holds now "
        "(its checksum differs); point --data at the data it used",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: not a readable maml-gui run (corrupted: {reason})",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: not a readable maml-gui run (truncated or corrupted: {reason})",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: the header is corrupted ({reason})",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: invalid configuration: {reason}",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: the run learnt from other data than {data} holds now (its checksum "
        "differs); point --data at the data it used",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: the saved tensors do not match the run's configuration ({reason})",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{file}: refused, it contains pickled objects",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "the bundled Omniglot subset is missing from the installation",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "none of the {count} drawings in {path} could be read",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "decoded Omniglot arrays do not match",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "decoded Omniglot character indices out of range",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "decoded Omniglot alphabets do not match",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{path} is not Lake et al.'s all_runs.zip: {reason}",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{path} does not exist",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{path} is neither a folder nor a zip named images_background* or images_evaluation*",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{path} has no images_background folder or zip (Omniglot's layout is "
        "images_background/<alphabet>/<character>/<drawing>.png, and the same under "
        "images_evaluation)",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{path} holds no <alphabet>/<character>/<drawing>.png images (Omniglot's layout is "
        "images_background/<alphabet>/<character>/<drawing>.png)",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "{path} cannot be read as a zip: {reason}",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "step {step}: a loss of {loss} is over {factor} times the loss at the start "
        "({first}); the run is exploding and is paused. Try a smaller inner learning rate "
        "(now {inner_lr}) or meta learning rate (now {meta_lr}); Start continues as it is.",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "step {step}: the algorithm diverged ({reason}); the last finite state is kept. Try "
        "a smaller inner learning rate (now {inner_lr}) or meta learning rate (now "
        "{meta_lr}).",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "step {step}: the pretraining twin diverged ({reason}); the last finite state is "
        "kept. Try a smaller inner learning rate (now {inner_lr}) or meta learning rate (now "
        "{meta_lr}).",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "step {step}: measuring the algorithm after adaptation gave NaN or inf; the run is "
        "paused. Try a smaller inner learning rate (now {inner_lr}).",
    ),
    QT_TRANSLATE_NOOP(
        "Engine",
        "step {step}: measuring the pretraining twin after adaptation gave NaN or inf; the "
        "run is paused. Try a smaller inner learning rate (now {inner_lr}).",
    ),
)


def shown(message, context: str = "Engine") -> str:
    """A message explained by a template and values (an EngineMessage, a CallError, an
    ExportError; else plain text) to show the user, its template translated in ``context``."""
    template = getattr(message, "template", "")
    text = getattr(message, "text", None) or getattr(message, "message", None) or str(message)
    if not template:
        return text
    try:
        return translate(context, template).format(**dict(getattr(message, "params", ())))
    except (KeyError, IndexError, ValueError):  # a translation that lost a value: English
        return text

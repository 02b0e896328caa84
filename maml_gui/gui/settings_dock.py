"""The hyper-parameter dock: edits are validated by RunConfig itself, refused in place.

Live settings (learning rates, steps, batch size, budget) reach the running Trainer at once;
the others (K shots, seed) change the tasks or the initial weights, so they wait for a reset
and the dock says so.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from maml_gui.core.config import Algorithm, ConfigError, RunConfig
from maml_gui.core.records import RunInfo
from maml_gui.gui.i18n import translate

#: (field, label, type, tooltip)
#: (field, label, type, tooltip); the texts are translated where they are shown (tr)
FIELDS: tuple[tuple[str, str, type, str], ...] = (
    (
        "inner_lr",
        QT_TRANSLATE_NOOP("SettingsDock", "Inner learning rate α"),
        float,
        QT_TRANSLATE_NOOP("SettingsDock", "step size of the inner loop φ → θ_n"),
    ),
    (
        "test_inner_lr",
        QT_TRANSLATE_NOOP("SettingsDock", "Test inner learning rate"),
        float,
        QT_TRANSLATE_NOOP("SettingsDock", "step size when adapting at test time"),
    ),
    (
        "meta_lr",
        QT_TRANSLATE_NOOP("SettingsDock", "Meta learning rate"),
        float,
        QT_TRANSLATE_NOOP("SettingsDock", "Adam step size of the outer update of φ"),
    ),
    (
        "reptile_epsilon",
        QT_TRANSLATE_NOOP("SettingsDock", "Reptile ε"),
        float,
        QT_TRANSLATE_NOOP("SettingsDock", "Reptile moves φ by ε (θ − φ)"),
    ),
    (
        "train_inner_steps",
        QT_TRANSLATE_NOOP("SettingsDock", "Inner steps (training)"),
        int,
        QT_TRANSLATE_NOOP("SettingsDock", "the notes: 1 (only the potential)"),
    ),
    (
        "test_inner_steps",
        QT_TRANSLATE_NOOP("SettingsDock", "Inner steps (test)"),
        int,
        QT_TRANSLATE_NOOP("SettingsDock", "K_test: more steps at test time help"),
    ),
    (
        "meta_batch_size",
        QT_TRANSLATE_NOOP("SettingsDock", "Meta-batch (tasks)"),
        int,
        QT_TRANSLATE_NOOP("SettingsDock", "tasks per meta-step"),
    ),
    (
        "n_way",
        QT_TRANSLATE_NOOP("SettingsDock", "Classes per task (N-way)"),
        int,
        QT_TRANSLATE_NOOP("SettingsDock", "classification: classes in each task"),
    ),
    (
        "k_shot",
        QT_TRANSLATE_NOOP("SettingsDock", "K shots"),
        int,
        QT_TRANSLATE_NOOP("SettingsDock", "support examples per task (per class when classifying)"),
    ),
    (
        "seed",
        QT_TRANSLATE_NOOP("SettingsDock", "Seed"),
        int,
        QT_TRANSLATE_NOOP("SettingsDock", "same seed, same curves"),
    ),
    (
        "iterations",
        QT_TRANSLATE_NOOP("SettingsDock", "Iteration budget"),
        int,
        QT_TRANSLATE_NOOP("SettingsDock", "meta-iterations before the run finishes"),
    ),
)
_LABELS = {name: label for name, label, _kind, _tip in FIELDS}
_TOY_FIXED = QT_TRANSLATE_NOOP(
    "SettingsDock", "The toy families use their whole (finite) task set at every step."
)
_NOT_CLASSIFYING = QT_TRANSLATE_NOOP("SettingsDock", "Used by classification (Omniglot) only.")
#: the BatchNorm mode of a classifier's Conv4: shown, with why (Help has the longer story)
BATCH_NORM_TEXT = QT_TRANSLATE_NOOP("SettingsDock", "batch statistics")
BATCH_NORM_TIP = QT_TRANSLATE_NOOP(
    "SettingsDock",
    "Conv4's BatchNorm normalises with the statistics of the images it is given (each task's "
    "support set in the inner loop, its query set when scored), in training and at test: "
    "MAML's convention (Finn et al.'s code, HW15). Running averages over many tasks would "
    "describe no task in particular, and MAML's gradient does not see them. Help has more.",
)
#: the longest value a field is sized for (a rate of 1e-5 or a budget of 1,000,000 fit)
FIELD_TEXT = "0.000001"
#: a line edit's frame and text margins, in pixels
FIELD_PADDING = 16
_REPTILE_TIP = QT_TRANSLATE_NOOP("SettingsDock", "Reptile moves φ by ε (θ − φ)")
_REPTILE_ONLY = QT_TRANSLATE_NOOP("SettingsDock", "Used by Reptile only.")
_INVALID_STYLE = "QLineEdit { border: 2px solid #D55E00; }"


class SettingsDock(QDockWidget):
    """Shows the run's settings; emits the edited configuration when an edit is valid."""

    #: the configuration the user wants (live fields apply now, the rest on reset)
    config_edited = Signal(object)
    #: the user asked to reset so pending fields take effect
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("SettingsDock", "Settings"), parent)
        self.setObjectName("settings_dock")
        self._run_config: RunConfig | None = None
        self.desired: RunConfig | None = None
        self.edits: dict[str, QLineEdit] = {}
        body = QWidget()
        form = QFormLayout()
        for name, label, _kind, tip in FIELDS:
            edit = QLineEdit()
            # As wide as its longest value, not Qt's 17 characters: at 1280x720 the views
            # need the 50 pixels more than the settings' blank space does.
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance(FIELD_TEXT) + FIELD_PADDING)
            edit.setObjectName(name)
            edit.setToolTip(tr(tip))
            edit.editingFinished.connect(self._on_editing_finished)
            self.edits[name] = edit
            caption = QLabel(tr(label))
            caption.setToolTip(tr(tip))  # "Reptile ε?": the name says what the field is
            caption.setBuddy(edit)
            form.addRow(caption, edit)
        self.batch_norm = QLabel(tr(BATCH_NORM_TEXT))
        self.batch_norm.setToolTip(tr(BATCH_NORM_TIP))
        self.batch_norm_caption = QLabel("BatchNorm")
        self.batch_norm_caption.setToolTip(tr(BATCH_NORM_TIP))
        form.addRow(self.batch_norm_caption, self.batch_norm)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
        self.reset_button = QPushButton(translate("SettingsDock", "Reset to apply"))
        self.reset_button.setToolTip(
            translate("SettingsDock", "Start a new run with these settings")
        )
        self.reset_button.clicked.connect(self.reset_requested)
        self.reset_button.setVisible(False)
        layout = QVBoxLayout(body)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)
        self.setWidget(body)

    # -- from the window ----------------------------------------------------------------------
    def set_run(self, info: RunInfo) -> None:
        """A new run started: show its settings; nothing is pending any more."""
        config = info.config
        self._run_config = config
        self.desired = config
        for name, edit in self.edits.items():
            edit.setText(_format(getattr(config, name)))
            edit.setStyleSheet("")
        self._show_error("")
        self._update_applicability(info)
        self._update_pending()

    def set_live_config(self, config: RunConfig) -> None:
        """The run applied live settings; restart-only edits stay pending."""
        self._run_config = config
        self._update_pending()

    # -- editing ------------------------------------------------------------------------------
    @Slot()
    def _on_editing_finished(self) -> None:
        edit = self.sender()
        if isinstance(edit, QLineEdit):
            self.apply_text(edit.objectName(), edit.text())

    def apply_text(self, name: str, text: str) -> bool:
        """Validate ``text`` for field ``name``; True when it was accepted."""
        if self.desired is None:
            return False
        kind = next(k for f, _, k, _ in FIELDS if f == name)
        value: object = _parse(text.strip(), kind)
        edit = self.edits[name]
        try:
            # RunConfig.validate names the field and the allowed range: one source of truth
            config = self.desired.replace(**{name: value})
        except ConfigError as exc:
            # The field goes back to the value in use: a refused number left in place looked
            # as if the run used it. The message keeps what was typed, in the field's words.
            label = tr(_LABELS[exc.field]) if exc.field in _LABELS else exc.field
            kept = _format(getattr(self.desired, name))
            edit.setText(kept)
            edit.setStyleSheet(_INVALID_STYLE)
            refused = translate(
                "SettingsDock", "Refused {typed}: {field} must be {allowed}; kept {kept}."
            )
            self._show_error(
                refused.format(
                    typed=repr(text.strip()), field=label, allowed=_allowed(exc), kept=kept
                )
            )
            return False
        edit.setStyleSheet("")
        self._show_error("")
        if config == self.desired:
            return True
        self.desired = config
        self._update_pending()
        self.config_edited.emit(config)
        return True

    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #D55E00;" if text else "")

    def _update_pending(self) -> None:
        if self.desired is None or self._run_config is None:
            return
        pending = self._run_config.restart_fields_changed(self.desired)
        if pending:
            names = translate("SettingsDock", ", ").join(tr(_LABELS.get(f, f)) for f in pending)
            applies = translate(
                "SettingsDock", "{fields}: applies on reset (changes tasks or weights)."
            )
            self.pending_label.setText(applies.format(fields=names))
        else:
            self.pending_label.setText("")
        self.reset_button.setVisible(bool(pending))

    def _update_applicability(self, info: RunInfo) -> None:
        config, toy = info.config, info.traits.is_toy
        for name in ("meta_batch_size", "k_shot"):
            self.edits[name].setEnabled(not toy)
            tip = _TOY_FIXED if toy else next(t for f, _, _, t in FIELDS if f == name)
            self.edits[name].setToolTip(tr(tip))
        classifier = info.traits.is_classifier
        self.edits["n_way"].setEnabled(classifier)
        self.edits["n_way"].setToolTip(
            tr(next(t for f, _, _, t in FIELDS if f == "n_way") if classifier else _NOT_CLASSIFYING)
        )
        self.batch_norm.setVisible(classifier)
        self.batch_norm_caption.setVisible(classifier)
        reptile = config.algorithm == Algorithm.REPTILE
        self.edits["reptile_epsilon"].setEnabled(reptile)
        self.edits["reptile_epsilon"].setToolTip(tr(_REPTILE_TIP if reptile else _REPTILE_ONLY))


def tr(text: str) -> str:
    """A text this module keeps marked with QT_TRANSLATE_NOOP, in the interface's language."""
    return translate("SettingsDock", text)


def _allowed(exc: ConfigError) -> str:
    """The allowed range in the interface's words (the engine's English otherwise)."""
    if exc.bounds is None:
        return exc.allowed
    kind, low, high = exc.bounds
    if kind is int:
        return translate("SettingsDock", "an integer from {low} to {high}").format(
            low=low, high=high
        )
    return translate("SettingsDock", "a number from {low} to {high}").format(
        low=f"{low:g}", high=f"{high:g}"
    )


def _parse(text: str, kind: type) -> object:
    """The number in ``text``, or the text itself so validation reports the allowed range."""
    try:
        return kind(text) if kind is int else float(text)
    except ValueError:
        return text


def _format(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)

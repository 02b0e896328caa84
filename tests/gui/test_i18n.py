"""Traditional Chinese: the translation is complete and up to date with the code, it loads,
the locales that want it get it, and a machine without a Chinese font keeps English and says
which package to install."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from maml_gui.core.config import ALGORITHM_LABELS, ALGORITHMS, TASK_LABELS
from maml_gui.gui import i18n, labels

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import translations  # noqa: E402  (tools/ is no package)

TS = Path(translations.TS)


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_string_has_a_finished_translation():
    messages = _messages(TS)
    assert messages, "the translation is empty"
    for context, source, message in messages:
        # a bare tr("…") outside a class: lupdate files it under no context, Qt never finds it
        assert context, f"{source!r} has no context: use translate(context, text)"
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), (
            context,
            source,
        )
        assert (translation.text or "").strip(), (context, source)
        # a placeholder the code fills must survive translation, as must an accelerator
        placeholders = sorted(re.findall(r"\{\w+\}", source))
        assert sorted(re.findall(r"\{\w+\}", translation.text)) == placeholders, source
        assert ("&" in source) <= ("&" in translation.text), (context, source)


def test_the_translation_is_up_to_date_with_the_code(tmp_path):
    """lupdate on the code today finds exactly the strings the .ts holds."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    translations.update(fresh)
    assert [(c, s) for c, s, _ in _messages(fresh)] == [(c, s) for c, s, _ in _messages(TS)]


def test_the_shipped_qm_is_built_from_the_ts(qapp):
    """Every string translates in the shipped .qm as the .ts says (compared through Qt, not
    byte by byte: another lrelease may lay the file out otherwise)."""
    shipped = QTranslator()
    assert shipped.load(str(translations.QM))
    for context, source, message in _messages(TS):
        assert shipped.translate(context, source) == message.find("translation").text, source


def test_every_engine_name_is_listed_for_translation():
    from maml_gui.core.config import algorithm_unavailable_reason

    names = {ALGORITHM_LABELS[a] for a in ALGORITHMS} | set(TASK_LABELS.values())
    kept_as_they_are = {"MAML", "FOMAML", "ANIL", "Reptile"}
    assert names - kept_as_they_are == set(labels.LISTED)
    reasons = {
        algorithm_unavailable_reason(algorithm, task)
        for algorithm in ALGORITHMS
        for task in TASK_LABELS
    }
    assert reasons - {None} == set(labels.REASONS)


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("zh_TW", "zh_TW"),
        ("zh_Hant", "zh_TW"),
        ("zh-Hant-TW", "zh_TW"),
        ("zh_HK", "zh_TW"),
        ("zh_CN", "en"),
        ("en_US", "en"),
        ("de_DE", "en"),
    ],
)
def test_the_system_locale_picks_the_language(locale, language):
    assert i18n.language_for_locale(locale) == language


def test_the_translations_load_and_translate(qapp):
    ours = QTranslator()
    assert ours.load(str(i18n.app_translation(i18n.CHINESE)))
    assert ours.translate("FileMenu", "&File") == "檔案(&F)"
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert QTranslator().load(str(qt_dir / "qtbase_zh_TW.qm"))


def test_installing_chinese_translates_a_menu_and_english_undoes_it(qapp):
    from PySide6.QtWidgets import QWidget

    from maml_gui.gui.menus.view_menu import ViewMenu

    try:
        installed = i18n.install(i18n.CHINESE, font_check=lambda: True)
        assert installed == i18n.Installed(i18n.CHINESE)
        assert QCoreApplication.translate("RunMenu", "&Start") == "開始(&S)"
        parent = QWidget()
        assert ViewMenu(parent, [], lambda _name: None).title() == "檢視(&V)"
        # Qt's own strings (its dialogs' buttons) come from qtbase_zh_TW
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    finally:
        assert i18n.install(i18n.ENGLISH) == i18n.Installed(i18n.ENGLISH)
    assert QCoreApplication.translate("RunMenu", "&Start") == "&Start"


def test_without_a_chinese_font_english_stays_and_the_message_names_the_package(qapp):
    installed = i18n.install(i18n.CHINESE, font_check=lambda: False)
    assert installed.language == i18n.ENGLISH
    assert "apt-get install fonts-noto-cjk" in installed.message
    assert "\n" not in installed.message
    assert installed.message.isascii()  # it is shown without a Chinese font
    assert QCoreApplication.translate("RunMenu", "&Start") == "&Start"


def test_the_tools_are_those_of_this_python():
    for name in ("pyside6-lupdate", "pyside6-lrelease"):
        assert Path(translations.tool(name)).exists(), name


def test_a_refused_setting_is_explained_in_chinese(qapp):
    from maml_gui.core.config import default_config
    from maml_gui.core.payloads import run_info
    from maml_gui.core.training import Trainer
    from maml_gui.gui.settings_dock import SettingsDock

    try:
        i18n.install(i18n.CHINESE, font_check=lambda: True)
        dock = SettingsDock()
        dock.set_run(run_info(Trainer(default_config("sinusoid", "maml"))))
        assert not dock.apply_text("train_inner_steps", "99")
        assert (
            dock.message.text() == "不接受 '99'：Inner 步數（訓練） 必須是 1 到 20 的整數；保留 1。"
        )
        assert dock.windowTitle() == "設定"
    finally:
        i18n.install(i18n.ENGLISH)


def test_every_published_method_is_listed_for_translation():
    from maml_gui.core.omniglot.lake_runs import PUBLISHED_ERROR
    from maml_gui.gui.panels.one_shot import PUBLISHED_NAMES

    assert set(PUBLISHED_NAMES) == set(PUBLISHED_ERROR)


def test_every_view_title_and_help_text_is_found_in_chinese(qapp):
    """The texts as the code holds them at run time find their translations (a source in
    the .ts that differs from the runtime text, say by a line continuation, never would)."""
    from maml_gui.gui.help_text import VIEWS, overview
    from maml_gui.gui.panels import all_panels

    try:
        i18n.install(i18n.CHINESE, font_check=lambda: True)
        assert overview().startswith("<h3>我在看什麼？</h3>")
        for text in VIEWS.values():
            assert QCoreApplication.translate("Help", text) != text
        for panel in all_panels():
            assert panel.shown_title() != panel.title, panel.title
            assert QCoreApplication.translate("Help", panel.help_text) != panel.help_text
            panel.deleteLater()
    finally:
        i18n.install(i18n.ENGLISH)


@pytest.mark.parametrize("locale", ["zh_TW", "zh_Hant", "zh-Hant-TW"])
def test_the_translation_loads_for_each_locale_spelling(qapp, locale):
    translator = QTranslator()
    assert translator.load(str(i18n.app_translation(i18n.language_for_locale(locale))))
    assert translator.translate("ViewMenu", "&View") == "檢視(&V)"


def test_switching_language_changes_a_views_axis_labels(qapp, monkeypatch):
    from maml_gui.core.config import default_config
    from maml_gui.core.payloads import run_info
    from maml_gui.core.training import Trainer
    from maml_gui.gui.panels.trajectory import TrajectoryPanel

    info = run_info(Trainer(default_config("toy2d", "maml")))
    english = TrajectoryPanel()
    english.reset(info)
    monkeypatch.setattr(i18n, "has_chinese_font", lambda: True)  # texts, not glyphs, here
    with i18n.speaking(i18n.CHINESE):
        chinese = TrajectoryPanel()
        chinese.reset(info)
    assert english.figure.x_label == "parameter w<sub>1</sub>"
    assert chinese.figure.x_label == "參數 w<sub>1</sub>"
    assert chinese.figure.title == "φ 在參數空間中的路徑"
    assert i18n.installed_language() == i18n.ENGLISH


def _engine_templates() -> set[str]:
    """Every template the engine explains an error with: the first argument of each
    ExplainedError (and subclass) it raises, and the templates it picks between."""
    import ast

    names = {"ExplainedError", "CheckpointError", "OmniglotDataError", "DivergedError"}
    found = set()
    for path in (ROOT / "maml_gui" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and node.args:
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                first = node.args[0]
                if name in names and isinstance(first, ast.Constant):
                    found.add(first.value)
            templated = isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            if templated and any(getattr(t, "id", "") == "template" for t in node.targets):
                found.add(node.value.value)
    return found


def test_every_engine_message_is_listed_for_translation():
    from maml_gui.gui.engine_messages import TEMPLATES

    assert set(TEMPLATES) == _engine_templates()


def test_a_broken_run_file_is_explained_in_chinese(qapp, tmp_path, monkeypatch):
    from maml_gui.core.checkpoint import CheckpointError, load_run
    from maml_gui.core.process.protocol import CallError
    from maml_gui.gui.engine_messages import shown

    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip")
    with pytest.raises(CheckpointError) as caught:
        load_run(broken)
    error = CallError.of(caught.value)  # as it crosses from the training process
    assert shown(error) == str(caught.value)  # English: the engine's own text
    monkeypatch.setattr(i18n, "has_chinese_font", lambda: True)
    with i18n.speaking(i18n.CHINESE):
        assert shown(error) == (
            f"{broken}：不是可讀取的 maml-gui 訓練紀錄（被截斷或損毀：不是 .npz 壓縮檔）"
        )


def test_every_export_message_of_formats_is_listed_for_translation():
    import ast

    from maml_gui.gui.export.menu import FORMATS_MESSAGES

    source = (ROOT / "maml_gui" / "gui" / "export" / "formats.py").read_text()
    raised = {
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "ExportError"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert raised == set(FORMATS_MESSAGES)


def test_an_export_error_of_formats_is_shown_in_chinese(qapp, tmp_path, monkeypatch):
    from maml_gui.gui.export.formats import ExportError, atomic_path
    from maml_gui.gui.export.menu import _explained

    missing = tmp_path / "no folder" / "fig.svg"
    with pytest.raises(ExportError) as caught, atomic_path(missing):
        pass
    assert _explained(caught.value) == str(caught.value)
    monkeypatch.setattr(i18n, "has_chinese_font", lambda: True)
    with i18n.speaking(i18n.CHINESE):
        assert _explained(caught.value) == f"無法寫入 {missing}：資料夾 {missing.parent} 不存在。"

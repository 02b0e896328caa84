"""The app's languages: English, the source text, and Traditional Chinese (繁體中文), the
language of the course the seed notes come from.

Every user-visible string goes through Qt's translation system: ``translate("Context",
"text")`` at the point of display, ``QT_TRANSLATE_NOOP("Context", "text")`` where a module
keeps a string to show later. ``pyside6-lupdate`` finds both by these names and writes
``maml_gui/i18n/maml_gui_zh_TW.ts``; ``pyside6-lrelease`` builds the ``.qm`` shipped beside it
(``python tools/translations.py`` runs both; tests/gui/test_i18n.py checks that the two are up
to date and that every string has a finished translation).

Qt's own dialogs (file dialogs, message boxes) speak Chinese through Qt's ``qtbase_zh_TW``,
which PySide6-Essentials ships. A Chinese interface on a machine without a CJK font would show
boxes: :func:`install` then keeps English and says which package to install.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

#: what pyside6-lupdate looks for (by this name) at the point of display
translate = QCoreApplication.translate

ENGLISH = "en"
CHINESE = "zh_TW"
#: the choices of View > Language, each in its own language
LANGUAGES = {ENGLISH: "English", CHINESE: "繁體中文"}
#: where the app's translations live (package data)
TRANSLATIONS = Path(__file__).resolve().parent.parent / "i18n"
#: the Debian/Ubuntu package that gives Qt a Traditional Chinese font
FONT_PACKAGE = "fonts-noto-cjk"

#: where the chosen language is remembered (QSettings)
SETTING_KEY = "language"
#: a run the window saved before restarting in another language, for the new one to open
REOPEN_ENV = "MAML_GUI_REOPEN"

#: the translators installed now; kept here, since Qt does not own them
_installed: list[QTranslator] = []


def language_for_locale(name: str) -> str:
    """The app's language for a locale name: Chinese in Traditional script (zh_TW, zh_Hant,
    zh-Hant-TW, zh_HK) gets 繁體中文, everything else English."""
    locale = QLocale(name)
    if locale.language() != QLocale.Language.Chinese:
        return ENGLISH
    return CHINESE if locale.script() == QLocale.Script.TraditionalHanScript else ENGLISH


def chosen_language(settings, system_locale: str | None = None) -> str:
    """The language the user chose (View > Language), else the system locale's."""
    value = settings.value(SETTING_KEY, "")
    if value in LANGUAGES:
        return str(value)
    return language_for_locale(system_locale or QLocale.system().name())


def installed_language() -> str:
    """The language the interface speaks now."""
    return CHINESE if _installed else ENGLISH


def app_translation(language: str) -> Path:
    return TRANSLATIONS / f"maml_gui_{language}.qm"


def has_chinese_font() -> bool:
    """Whether some installed font covers Traditional Chinese (Qt asks fontconfig)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.TraditionalChinese))


@dataclass(frozen=True)
class Installed:
    """The language the interface now speaks, and a line for the status bar if it is not
    the one asked for."""

    language: str
    message: str = ""


def install(language: str, font_check=None) -> Installed:
    """Make the application speak ``language`` (replacing any earlier choice). Chinese needs
    a CJK font: without one, English, with a message naming the package to install."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language not in LANGUAGES or language == ENGLISH:
        return Installed(ENGLISH)
    if not (font_check or has_chinese_font)():  # looked up now: a test may replace it
        message = (
            # no Chinese in it: without the font it would show as boxes (seen in a screenshot)
            f"Traditional Chinese needs a Chinese font, and none is installed: showing English. "
            f"Install one with: sudo apt-get install {FONT_PACKAGE}"
        )
        log.warning(message)
        return Installed(ENGLISH, message)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    files = [app_translation(language), Path(qt_dir) / f"qtbase_{language}.qm"]
    for path in files:
        translator = QTranslator(app)
        if not translator.load(str(path)):
            log.error("could not load the translation %s", path)
            continue
        app.installTranslator(translator)
        _installed.append(translator)
    if not _installed:
        return Installed(ENGLISH, f"The {LANGUAGES[language]} translation could not be loaded.")
    return Installed(language)


class LanguageUnavailable(ValueError):
    """The language cannot be shown here (no font for it); the message says what to do."""


def install_or_refuse(language: str) -> None:
    """Install ``language``, or raise LanguageUnavailable (with the message saying what to
    install) rather than fall back: a figure must never show boxes for characters."""
    installed = install(language)
    if installed.language != language:
        raise LanguageUnavailable(installed.message)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """The application speaks ``language`` inside the block ("" or the current one: no
    change), and its own language again after it, whatever happens. For drawing a figure in
    another language while the window keeps its own: nothing else runs inside the block."""
    shown = installed_language()
    if not language or language == shown:
        yield
        return
    try:
        install_or_refuse(language)
        yield
    finally:
        install(shown)

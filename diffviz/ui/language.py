"""The languages the app speaks, and loading one at start-up.

Each language is an object in ``LANGUAGES`` (its code, its own name for itself, whether its script needs
a CJK font); nothing compares codes elsewhere. Loading one installs three Qt translators: the project's
own ``resources/i18n/diffviz_<code>.qm`` (made by ``pyside6-lrelease`` from the ``.ts`` that
``resources/scripts/update_translations.py`` keeps), Qt's ``qtbase_<code>.qm`` so standard dialog
buttons speak it too (with ``qt_extra_<code>.qm`` for the few texts of Qt's file dialog its file misses),
and for English only the plural forms (``diffviz_en.qm``). It then routes the
Qt-free core's texts through Qt (``core.i18n.install``), so one lookup serves the core and the window.

Which language: ``diffviz --lang CODE`` first, then the one chosen in View → Language (remembered in
the settings), then the system's, then English. A change in the menu is remembered and takes effect
on the restart the app offers: every text is made once, when its widget is built.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from diffviz.core import i18n

log = logging.getLogger(__name__)

SETTING = "language"  # the QSettings key of the language chosen in View → Language


@dataclass(frozen=True)
class Language:
    code: str          # Qt's locale name: the .qm files are diffviz_<code>.qm and qtbase_<code>.qm
    native_name: str   # the language's own name for itself, as the menu lists it in every language
    cjk: bool = False  # its script needs a font with Chinese, Japanese or Korean glyphs

    def matches(self, locale: QLocale) -> bool:
        """The system locale asks for this language (zh_CN, zh_SG and zh_Hans all read Simplified Chinese)."""
        own = QLocale(self.code)
        return own.language() == locale.language() and own.script() == locale.script()


ENGLISH = Language("en", "English")
LANGUAGES: dict[str, Language] = {language.code: language for language in (
    ENGLISH,
    Language("zh_CN", "简体中文", cjk=True),
)}

# Fonts with Simplified Chinese glyphs, the first one installed is used (README names where each comes from).
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
             "PingFang SC", "Hiragino Sans GB", "SimHei")


def language_named(code: str) -> Language:
    """The language of ``code`` (``zh_CN``; ``zh-CN`` and ``zh_cn`` too); ``ValueError`` naming the choices."""
    wanted = code.replace("-", "_").lower()
    for language in LANGUAGES.values():
        if language.code.lower() == wanted:
            return language
    raise ValueError(f"no language {code!r}; diffviz speaks {', '.join(LANGUAGES)}")


def system_language(locale: QLocale | None = None) -> Language:
    locale = locale or QLocale.system()
    return next((language for language in LANGUAGES.values() if language.matches(locale)), ENGLISH)


def chosen_language(requested: str | None, settings: QSettings) -> Language:
    """``--lang`` first, then the remembered choice, then the system's language."""
    if requested:
        return language_named(requested)
    remembered = settings.value(SETTING)
    if remembered:
        try:
            return language_named(str(remembered))
        except ValueError:
            log.warning("ignoring the remembered language %r", remembered)
    return system_language()


def cjk_font_family() -> str | None:
    """The first installed font of ``CJK_FONTS``, or None."""
    families = set(QFontDatabase.families())
    return next((family for family in CJK_FONTS if family in families), None)


_loaded: "LoadedLanguage | None" = None


def current_language() -> Language:
    """The language loaded last (English until one is)."""
    return _loaded.language if _loaded is not None else ENGLISH


class LoadedLanguage:
    """The translators of one language, kept alive while installed (Qt does not own them)."""

    def __init__(self, language: Language, translators: list[QTranslator], font: str | None) -> None:
        self.language = language
        self.translators = translators
        self.font = font

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        for translator in self.translators:
            if app is not None:
                app.removeTranslator(translator)
        i18n.install(None)
        global _loaded
        if _loaded is self:
            _loaded = None


def load_language(language: Language) -> LoadedLanguage:
    """Install ``language``'s translators in the running application and route the core's texts through
    them; a CJK language also gets a CJK font for the whole app when one is installed."""
    global _loaded
    if _loaded is not None:
        _loaded.uninstall()
    app = QCoreApplication.instance()
    translators = []
    files = [(i18n.translations_dir(), f"diffviz_{language.code}", True),  # ours: missing is a fault
             (QLibraryInfo.path(QLibraryInfo.TranslationsPath), f"qtbase_{language.code}", False),  # Qt's, if any
             (i18n.translations_dir(), f"qt_extra_{language.code}", False)]  # what Qt's own leaves untranslated
    for folder, name, ours in files:
        translator = QTranslator()
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            translators.append(translator)
        elif ours:
            log.warning("no translation %s in %s", name, folder)
    i18n.install(lambda context, text, disambiguation, n: QCoreApplication.translate(context, text,
                                                                                      disambiguation, n),
                 needs_cjk_font=language.cjk)
    font = None
    if language.cjk and isinstance(app, QApplication):
        font = cjk_font_family()
        if font:
            current = QApplication.font()
            chosen = QFont(font, current.pointSize())
            QApplication.setFont(chosen)
        else:
            log.warning("no font with Chinese glyphs is installed; see README for ones that work")
    _loaded = LoadedLanguage(language, translators, font)
    return _loaded

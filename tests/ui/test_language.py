"""Choosing the language: --lang, the remembered choice, the system's; loading it (ours and Qt's own
translators, the core's hook); View → Language remembering a choice and offering the restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from diffviz.core import i18n
from diffviz.ui.language import (ENGLISH, LANGUAGES, SETTING, chosen_language, current_language, language_named,
                                 load_language, system_language)
from diffviz.ui.window.language_menu import language_menu, restart_arguments

CHINESE = LANGUAGES["zh_CN"]


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


def test_codes_are_read_loosely_and_a_wrong_one_names_the_choices():
    assert language_named("zh-CN") is CHINESE and language_named("zh_cn") is CHINESE
    with pytest.raises(ValueError, match="en, zh_CN"):
        language_named("xx")


def test_the_system_locale_picks_a_language_it_speaks():
    assert system_language(QLocale("zh_CN")) is CHINESE
    assert system_language(QLocale("zh_SG")) is CHINESE  # Simplified Chinese outside China too
    assert system_language(QLocale("zh_TW")) is ENGLISH  # Traditional: not (yet) spoken
    assert system_language(QLocale("de_DE")) is ENGLISH and system_language(QLocale("en_GB")) is ENGLISH


def test_lang_beats_the_remembered_choice_which_beats_the_system(settings, monkeypatch):
    monkeypatch.setattr("diffviz.ui.language.system_language", lambda: ENGLISH)
    assert chosen_language(None, settings) is ENGLISH
    settings.setValue(SETTING, "zh_CN")
    assert chosen_language(None, settings) is CHINESE
    assert chosen_language("en", settings) is ENGLISH
    settings.setValue(SETTING, "klingon")  # a hand-edited settings file: ignored, not fatal
    assert chosen_language(None, settings) is ENGLISH


def test_loading_chinese_routes_core_texts_and_qt_dialogs_through_it(qapp):
    loaded = load_language(CHINESE)
    try:
        assert current_language() is CHINESE
        assert i18n.tr("Train") != "Train"  # one of the window's texts, from diffviz_zh_CN.qm
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own qtbase_zh_CN.qm
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："  # what it misses
    finally:
        loaded.uninstall()
    assert current_language() is ENGLISH and i18n.tr("Train") == "Train"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_english_plurals_through_qt(qapp):
    loaded = load_language(ENGLISH)
    try:
        for source, (singular, plural) in i18n._english_plurals().items():
            assert i18n.tr(source, None, 1) == singular.replace("%n", "1")
            assert i18n.tr(source, None, 4) == plural.replace("%n", "4")
    finally:
        loaded.uninstall()


def test_the_menu_remembers_a_choice_and_restarts_only_when_asked(qtbot, settings):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    restarts, answers = [], [False, True]
    menu = language_menu(parent, settings, ENGLISH, ask=lambda _p, _l: answers.pop(0),
                         then=lambda window: restarts.append(window))
    names = [action.text() for action in menu.actions()]
    assert names == [language.native_name for language in LANGUAGES.values()]
    assert [action.isChecked() for action in menu.actions()] == [True, False]
    chinese = menu.actions()[1]
    chinese.trigger()
    assert settings.value(SETTING) == "zh_CN" and restarts == []  # "Later": remembered, no restart
    chinese.trigger()
    assert restarts == [parent]
    menu.actions()[0].trigger()  # back to the language in use: remembered, nothing to restart for
    assert settings.value(SETTING) == "en" and restarts == [parent]


def test_the_restart_drops_lang_so_the_remembered_choice_wins():
    assert restart_arguments(["diffviz", "--lang", "zh_CN", "gui", "--checkpoint", "m.safetensors"]) == \
        ["-m", "diffviz", "gui", "--checkpoint", "m.safetensors"]
    assert restart_arguments(["diffviz", "--lang=en"]) == ["-m", "diffviz"]


def test_the_cli_refuses_an_unknown_language_in_one_line(capsys):
    from diffviz.cli import main

    assert main(["--lang", "xx"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "diffviz: error: --lang: no language 'xx'; diffviz speaks en, zh_CN"]


def test_the_opening_recording_speaks_the_language_shown(qapp):
    """Its captions were recorded in every language: playing it must not import the samplers to say them."""
    from diffviz.core.paths import bundled_checkpoint_path
    from diffviz.ui.window.opening_run import load_recording

    english = load_recording(bundled_checkpoint_path())
    loaded = load_language(CHINESE)
    try:
        chinese = load_recording(bundled_checkpoint_path())
        assert chinese.captions[-1] == i18n.tr("result (%n step(s))", None, chinese.n_steps)
    finally:
        loaded.uninstall()
    assert english.captions[-1] == "result (20 steps)" and chinese.captions[-1] != english.captions[-1]
    assert len(chinese.captions) == len(english.captions)

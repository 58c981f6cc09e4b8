"""The window in another language: every text it shows went through the translation path (a pseudo-locale
marks each looked-up text; an unmarked English word went around it), and in Simplified Chinese no English is
left. The walk visits every tab after a short sampling run, the menus, the export dialog and the tooltips."""

from __future__ import annotations

import pytest

from diffviz.core import i18n
from .text_walk import english_left, pseudo, unmarked, visible_texts


@pytest.fixture
def pseudo_locale():
    i18n.install(pseudo)
    yield
    i18n.install(None)


@pytest.fixture
def chinese(qapp):
    from diffviz.ui.language import LANGUAGES, load_language

    loaded = load_language(LANGUAGES["zh_CN"])
    yield loaded
    loaded.uninstall()


def _walk(window, qtbot) -> list[tuple[str, str]]:
    """The texts of every tab after a short run, and of the export dialog."""
    from diffviz.ui.widgets.export_dialog import ExportDialog
    from diffviz.ui.window.tabs import TAB_KEYS

    window.controls.n.setValue(4)
    window.controls.steps.setValue(4)
    window.start_sampling()
    qtbot.waitUntil(lambda: window.trajectory is not None and not window.busy(), timeout=60000)
    texts = []
    for key in TAB_KEYS:
        window.tabs.show_key(key)
        qtbot.wait(20)
        texts += visible_texts(window)
    trajectory = window.trajectory
    dialog = ExportDialog(trajectory.layer_names, "run.gif", window, n_frames=trajectory.n_frames,
                          n_samples=max(1, trajectory.feature_samples))
    texts += [(f"export dialog: {where}", text) for where, text in visible_texts(dialog)]
    dialog.deleteLater()
    return texts


def test_every_text_of_the_window_goes_through_the_translation_path(pseudo_locale, window, qtbot):
    leaks = sorted({(where, text) for where, text in _walk(window, qtbot) if unmarked(text)})
    assert not leaks, "texts that bypass i18n.tr:\n" + "\n".join(f"  {w}: {t!r}" for w, t in leaks)


def test_no_english_is_left_in_simplified_chinese(chinese, window, qtbot):
    left = sorted({(where, text, " ".join(english_left(text))) for where, text in _walk(window, qtbot)
                   if english_left(text)})
    assert not left, "English in the zh_CN window:\n" + "\n".join(f"  {w}: {t!r} ({e})" for w, t, e in left)

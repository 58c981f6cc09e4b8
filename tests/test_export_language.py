"""Captions drawn into exported frames speak the language shown, in a font that has its glyphs, and stay English
(said once in the log) when no such font is installed: Pillow's own font has no Chinese."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from diffviz.core import export, i18n
from diffviz.core.export import GifOptions, render_frame
from diffviz.core.models import BasicUNet
from diffviz.core.sampling import sample

CHINESE = {"x (current)": "x（当前）", "prediction": "预测"}


@pytest.fixture(scope="module")
def trajectory():
    torch.manual_seed(0)
    return sample(BasicUNet(), 2, 2, seed=0)


@pytest.fixture
def chinese():
    """A lookup that speaks Chinese for the panel titles (the rest stays English), as ui.language installs."""
    i18n.install(lambda c, text, d, n: CHINESE.get(text, i18n.english(c, text, d, n)), needs_cjk_font=True)
    yield
    i18n.install(None)


def _frame(trajectory) -> np.ndarray:
    return np.asarray(render_frame(trajectory, 1, GifOptions(panels=("x", "pred"), labels=True)))


def test_captions_in_chinese_use_a_cjk_font(trajectory, chinese):
    if export.cjk_font_file() is None:
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk, which .ci/run installs)")
    english = export.caption_font(12)
    with i18n.source_texts():
        assert export.panel_title("x") == "x (current)"  # this thread reads the source texts here
    assert export.panel_title("x") == "x（当前）"
    assert export.caption_font(12, export.cjk_font_file()) is not english
    frame = _frame(trajectory)
    i18n.install(None)
    assert not np.array_equal(frame, _frame(trajectory))  # the titles were drawn in Chinese


def test_without_a_cjk_font_captions_stay_english(trajectory, chinese, monkeypatch, caplog):
    monkeypatch.setattr(export, "cjk_font_file", lambda: None)
    export._say_captions_stay_english.cache_clear()
    with caplog.at_level("WARNING"):
        frame, again = _frame(trajectory), _frame(trajectory)
    assert [r.message for r in caplog.records].count(
        "captions stay English: no font with Chinese glyphs is installed (README names fonts that work)") == 1
    assert export.panel_title("x") == "x（当前）"  # the window keeps its language
    i18n.install(None)
    assert np.array_equal(frame, _frame(trajectory)) and np.array_equal(frame, again)


def test_the_window_says_once_that_captions_stay_english(monkeypatch, qtbot):
    """The status line, not only the log: the first export without a CJK font says why its captions are English."""
    from diffviz.ui.window import export as window_export

    said = []
    exports = window_export.Exports.__new__(window_export.Exports)
    exports._report, exports._said_captions = type("Report", (), {"set_status": lambda self, t: said.append(t)})(), False
    monkeypatch.setattr(window_export, "captions_in_language", lambda: False)
    exports.done("a.gif")
    exports.done("b.gif")
    assert said == ["Exported a.gif. Its captions are in English: no font with Chinese glyphs is installed (README "
                    "names fonts that work).", "Exported b.gif"]

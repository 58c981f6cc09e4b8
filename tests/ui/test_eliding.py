"""The status bar's segments share its width: a long one ends in "…" with the whole text in its tooltip."""

from __future__ import annotations

from diffviz.ui.widgets.eliding import MINIMUM_WIDTH, ElidingLabel


def test_a_label_short_of_room_keeps_its_text_and_puts_it_in_the_tooltip(qtbot):
    label = ElidingLabel(tip="what the figures mean", widest=200)
    qtbot.addWidget(label)
    text = "quality of the last 16 samples: recognised 1.00 · coverage 0.98 · Fréchet 179.2 · classes [2, 2, 2]"
    label.setText(text)
    assert label.sizeHint().width() == 200 and label.minimumSizeHint().width() == MINIMUM_WIDTH
    label.resize(150, 20)
    label.show()
    assert label.text() == text  # tests and callers read the whole text
    assert label.toolTip() == f"{text}\n\nwhat the figures mean"
    label.resize(label.fontMetrics().horizontalAdvance(text) + 20, 20)
    assert label.toolTip() == "what the figures mean"  # it all fits: the tip only explains

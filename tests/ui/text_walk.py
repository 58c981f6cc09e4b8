"""Every text a window shows, found by walking its widgets, menus, tooltips and plots: for the tests that hold
the window to one translation path (a pseudo-locale marks every looked-up text, so anything unmarked went
around it) and to a complete translation (no English left in zh_CN).

Allowed to stay Latin in any language: the technical names a learner meets in the course's own code and
papers, units, file suffixes and the project's identifiers of recipes, samplers and data sets (names like
``flow-class`` are what the CLI takes)."""

from __future__ import annotations

import html
import re

from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QGroupBox, QLabel, QLineEdit, QMenu,
                               QPlainTextEdit, QTabBar, QTextEdit, QWidget)

from diffviz.core import i18n

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"

TECHNICAL = {
    "unet", "unet2dmodel", "timeunet", "basicunet", "ddpm", "ddim", "dpm", "solver", "euler", "heun", "ema", "bf16",
    "fp32", "fp16", "png", "gif", "webp", "csv", "npz", "json", "safetensors", "mnist", "diffviz", "diffusers",
    "pytorch", "torch", "cpu", "gpu", "cuda", "rgb", "mse", "relu", "silu", "gelu", "conv", "adam", "sde", "ode",
    "sdedit", "repaint", "cfg", "id", "ms", "px", "it", "img", "cl", "channels_last", "qt", "pipeline_index",
    "ddpmpipeline", "ddimpipeline", "ddpmscheduler", "ddimscheduler", "unet2dconditionmodel", "groupnorm", "fid",
    "ctrl", "shift", "alt", "esc", "space", "home", "end", "pgup", "pgdown", "del", "backspace", "tab", "enter",
    "return", "left", "right", "up", "down", "x0", "eps", "v", "hf", "la", "xt", "iter", "seed", "max", "min",
    "mlp", "beta", "dpm-solver", "linspace", "lerp", "slerp", "pillow", "diff", "fréchet", "lr", "resnet", "mid", "nan", "pickle",
    "python", "autocast", "mix", "dt", "meng", "et", "al", "silu", "maxpool", "fashion-mnist", "imagenet", "idx", "sin", "cos", "sqrt", "noise_pred",
    "totensor", "scheduler",  # torchvision's transform; the folder diffusers writes a scheduler into
    # colour maps, by the names pyqtgraph and matplotlib give them
    "viridis", "inferno", "magma", "cividis", "plasma", "cet-l1", "greys", "gray", "grey",
}
KEY_SEQUENCE = re.compile(r"^(Ctrl|Shift|Alt|Meta|Cmd)\+", re.IGNORECASE)


def _identifiers() -> set[str]:
    """The registries' keys: recipe, sampler, edit-mode and 2-D names, shown as the names the CLI takes; and the
    languages, which View → Language lists each in its own language."""
    from diffviz.core.edit_modes import EDIT_MODES
    from diffviz.core.names import SAMPLERS
    from diffviz.core.recipes import RECIPES
    from diffviz.core.toy.recipes import TOY_RECIPES

    from diffviz.ui.language import LANGUAGES

    words = set()
    for name in [*RECIPES, *SAMPLERS, *EDIT_MODES, *TOY_RECIPES,
                 *(language.native_name for language in LANGUAGES.values())]:  # each language named in its own
        words.add(str(name).lower())
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", str(name)))
    return words


def pseudo(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The pseudo-locale: each text marked and a third longer, so a text that bypasses translation shows
    unmarked and one that clips when a language is longer shows it."""
    english = i18n.english(context, text, disambiguation, n)
    return f"{MARK_OPEN}{english}{'·' * (len(english) // 3)}{MARK_CLOSE}"


def _plain(text: str) -> str:
    text = re.sub(r"<(code|pre)>.*?</\1>", " ", text, flags=re.DOTALL)  # code is Python in every language
    text = re.sub(r"<[^>]+>", " ", text)  # rich text: the words, not the tags
    return html.unescape(text).replace("&", "")


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text of the window: shown or waiting in another tab, menus included."""
    found: list[tuple[str, str]] = [("window title", window.windowTitle())]

    def menu_texts(menu: QMenu, where: str) -> None:
        found.append((where, menu.title()))
        for action in menu.actions():
            if action.menu() is not None:
                menu_texts(action.menu(), f"{where} > submenu")
            elif not action.isSeparator():
                found.append((f"{where} > action", action.text()))
                if action.statusTip():
                    found.append((f"{where} > status tip", action.statusTip()))

    if hasattr(window, "menuBar"):
        for action in window.menuBar().actions():
            if action.menu() is not None:
                menu_texts(action.menu(), "menu")
    for widget in window.findChildren(QWidget):
        kind = type(widget).__name__
        name = widget.objectName() or kind
        texts = [widget.toolTip(), widget.statusTip(), widget.whatsThis(), widget.accessibleName()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
            texts += [widget.itemData(i, 3) or "" for i in range(widget.count())]  # Qt.ToolTipRole
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
            texts += [widget.tabToolTip(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts += [widget.toPlainText(), widget.placeholderText()]
        elif isinstance(widget, QAbstractSpinBox):
            texts += [getattr(widget, "prefix", lambda: "")(), getattr(widget, "suffix", lambda: "")(),
                      widget.specialValueText()]
        for action in widget.actions():
            texts += [action.text(), action.toolTip()]
        found += [(f"{kind} {name}", text) for text in texts if text]
    found += _plot_texts(window)
    return [(where, text) for where, text in found if text and text.strip()]


def _plot_texts(window: QWidget) -> list[tuple[str, str]]:
    try:
        import pyqtgraph as pg
    except ImportError:
        return []
    found = []
    for plot in window.findChildren(pg.PlotWidget) + window.findChildren(pg.GraphicsLayoutWidget):
        items = [plot.getPlotItem()] if isinstance(plot, pg.PlotWidget) else \
            [item for item in plot.ci.items if isinstance(item, pg.PlotItem)]
        for item in items:
            if item.titleLabel.text:
                found.append(("plot title", item.titleLabel.text))
            for side in ("left", "bottom", "right", "top"):
                axis = item.getAxis(side)
                if axis.isVisible() and axis.labelText:
                    found.append((f"plot {side} axis", axis.labelText))
            if item.legend is not None:
                found += [("plot legend", label.text) for _sample, label in item.legend.items]
    return found


def unmarked(text: str) -> list[str]:
    """The English words of ``text`` outside every pseudo-locale mark (nothing: all of it was looked up)."""
    plain = _plain(text)
    while MARK_OPEN in plain:
        reduced = re.sub(f"{MARK_OPEN}[^{MARK_OPEN}{MARK_CLOSE}]*{MARK_CLOSE}", " ", plain)
        if reduced == plain:
            break
        plain = reduced
    return _words(plain)


def english_left(text: str) -> list[str]:
    """The English words of ``text`` (for a window in another language)."""
    return _words(_plain(text))


def _words(text: str) -> list[str]:
    text = re.sub(r"\S+\.(safetensors|png|gif|webp|npz|json|csv|ini|log|qm|ts)\b", " ", text)  # file names
    text = re.sub(r"(/|[A-Za-z]:\\)\S+", " ", text)  # paths
    allowed = TECHNICAL | _identifiers()
    text = re.sub(r"\b[a-z_]+\([^()]*\)", " ", text)  # a call in a formula: noised(image, s)
    text = re.sub(r"\bdiffviz [a-z]+( [a-z]+)?( --[a-z-]+)*", " ", text)  # a command to type, e.g. diffviz bench guidance
    words = re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9_+\-]*[A-Za-zÀ-ÿ0-9+]|[A-Za-z]{2,}", text)
    return [word for word in words if word.lower().strip("+-") not in allowed and not KEY_SEQUENCE.match(word)
            and not re.search(r"[0-9_]", word)]  # fp32, UNet2DModel, channels_last: names, not words

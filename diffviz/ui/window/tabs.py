"""The window's tabs: which views there are, in which order, and what each promises while the engine loads.

Why a module of its own: the tab bar is on screen before any view exists (the views need pyqtgraph and torch,
which load after the window's first paint), so each tab holds a placeholder until its view is built and swapped
in; and a tab is known by its key, never by its title, so a title can change (or be translated) without changing
which tab it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from PySide6.QtWidgets import QTabWidget, QToolButton, QWidget

from diffviz.core import i18n
from diffviz.ui.widgets.loading_page import LoadingPage


@dataclass(frozen=True)
class Tab:
    """One tab: its key, its title, what its loading page promises until the engine is ready (empty: its view is
    built before then), whether it shows something of its own at launch (the opening run then leaves it in
    front when the last session did), and whether it has controls of its own (the image models' control panel
    then makes way while it is in front), and whether it plays a run of its own with the playback keys (its view
    is an ``actions.Player``). The title and the promise are English, marked for translation: show ``i18n.tr``
    of them."""

    key: str
    title: str
    promise: str = ""
    content_of_its_own: bool = False
    own_controls: bool = False
    plays: bool = False


TABS = (
    Tab("training", i18n.QT_TR_NOOP("Training"),
        i18n.QT_TR_NOOP("the loss falling, the predictions sharpening and new samples improving while a model "
                        "trains")),
    Tab("timeline", i18n.QT_TR_NOOP("Timeline")),
    Tab("inspector", i18n.QT_TR_NOOP("Inspector"),
        i18n.QT_TR_NOOP("every channel of every layer of the network at the timeline's step")),
    Tab("architecture", i18n.QT_TR_NOOP("Architecture"),
        i18n.QT_TR_NOOP("the network drawn as the course draws it; click a box to inspect that layer"),
        content_of_its_own=True),
    Tab("corruption", i18n.QT_TR_NOOP("Corruption"),
        i18n.QT_TR_NOOP("the course's corruption: bundled digits blended toward noise by the amount you choose"),
        content_of_its_own=True),
    Tab("schedule", i18n.QT_TR_NOOP("Schedule"),
        i18n.QT_TR_NOOP("how each recipe's noise schedule blends digits toward noise"), content_of_its_own=True),
    Tab("compare", i18n.QT_TR_NOOP("Compare"),
        i18n.QT_TR_NOOP("up to four runs from the same starting noise, side by side on one progress slider")),
    Tab("edit", i18n.QT_TR_NOOP("Edit"),
        i18n.QT_TR_NOOP("the Edit lab: draw or take a digit, damage it, and watch the model repair it step by "
                        "step")),
    Tab("lab2d", i18n.QT_TR_NOOP("2-D lab"),
        i18n.QT_TR_NOOP("points in the plane, the field that carries noise onto them, and two samplers from the "
                        "same noise"), own_controls=True, plays=True),
)
TAB_KEYS = tuple(tab.key for tab in TABS)


class Tabs(QTabWidget):
    """The tab bar with a placeholder in every tab until its view is swapped in."""

    def __init__(self) -> None:
        super().__init__()
        self._loading_pages = {tab.key: LoadingPage(i18n.tr(tab.promise)) for tab in TABS if tab.promise}
        for tab in TABS:
            self.addTab(self._loading_pages.get(tab.key) or QWidget(), i18n.tr(tab.title))
        # the tab bar's scroll arrows (when the tabs do not fit), named for screen readers
        for name, text in (("ScrollLeftButton", i18n.tr("Scroll Left")),
                           ("ScrollRightButton", i18n.tr("Scroll Right"))):
            button = self.tabBar().findChild(QToolButton, name)
            if button is not None:
                button.setAccessibleName(text)

    def swap(self, views: Mapping[str, QWidget]) -> None:
        """Put ``views`` (by tab key) in place of their tabs' placeholders, keeping the tab on screen."""
        current = self.currentIndex()
        for key, view in views.items():
            index = TAB_KEYS.index(key)
            placeholder = self.widget(index)
            self.removeTab(index)
            self.insertTab(index, view, i18n.tr(TABS[index].title))
            placeholder.deleteLater()
            self._loading_pages.pop(key, None)
        self.setCurrentIndex(current)

    def show_failure(self, message: str) -> None:
        """The engine could not load: every tab still waiting for it says why."""
        for page in self._loading_pages.values():
            page.show_failure(message)

    def current_tab(self) -> Tab:
        return TABS[self.currentIndex()]

    def show_key(self, key: str) -> None:
        self.setCurrentIndex(TAB_KEYS.index(key))

"""The window's tabs: which views there are, in which order, and what each promises while the engine loads.

Why a module of its own: the tab bar is on screen before any view exists (the views need pyqtgraph and torch,
which load after the window's first paint), so each tab holds a placeholder until its view is built and swapped
in; and a tab is known by its key, never by its title, so a title can change (or be translated) without changing
which tab it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from PySide6.QtWidgets import QTabWidget, QWidget

from diffviz.ui.widgets.loading_page import LoadingPage


@dataclass(frozen=True)
class Tab:
    """One tab: its key, its title, what its loading page promises until the engine is ready (empty: its view is
    built before then), whether it shows something of its own at launch (the opening run then leaves it in
    front when the last session did), and whether it has controls of its own (the image models' control panel
    then makes way while it is in front), and whether it plays a run of its own with the playback keys (its view
    is an ``actions.Player``)."""

    key: str
    title: str
    promise: str = ""
    content_of_its_own: bool = False
    own_controls: bool = False
    plays: bool = False


TABS = (
    Tab("training", "Training",
        "the loss falling, the predictions sharpening and new samples improving while a model trains"),
    Tab("timeline", "Timeline"),
    Tab("inspector", "Inspector", "every channel of every layer of the network at the timeline's step"),
    Tab("architecture", "Architecture", "the network drawn as the course draws it; click a box to inspect that layer",
        content_of_its_own=True),
    Tab("corruption", "Corruption",
        "the course's corruption: bundled digits blended toward noise by the amount you choose",
        content_of_its_own=True),
    Tab("schedule", "Schedule", "how each recipe's noise schedule blends digits toward noise", content_of_its_own=True),
    Tab("compare", "Compare", "up to four runs from the same starting noise, side by side on one progress slider"),
    Tab("edit", "Edit", "the Edit lab: draw or take a digit, damage it, and watch the model repair it step by step"),
    Tab("lab2d", "2-D lab", "points in the plane, the field that carries noise onto them, and two samplers from the "
        "same noise", own_controls=True, plays=True),
)
TAB_KEYS = tuple(tab.key for tab in TABS)


class Tabs(QTabWidget):
    """The tab bar with a placeholder in every tab until its view is swapped in."""

    def __init__(self) -> None:
        super().__init__()
        self._loading_pages = {tab.key: LoadingPage(tab.promise) for tab in TABS if tab.promise}
        for tab in TABS:
            self.addTab(self._loading_pages.get(tab.key) or QWidget(), tab.title)

    def swap(self, views: Mapping[str, QWidget]) -> None:
        """Put ``views`` (by tab key) in place of their tabs' placeholders, keeping the tab on screen."""
        current = self.currentIndex()
        for key, view in views.items():
            index = TAB_KEYS.index(key)
            placeholder = self.widget(index)
            self.removeTab(index)
            self.insertTab(index, view, TABS[index].title)
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

"""Every command the window offers, declared as data: id, text, callback, shortcut, menu.

Why a table: menus, shortcuts and README's list of keys used to be built by code that reached
into the window's widgets (its tabs, its timeline). As in napari's declared actions
(``Action(id=..., callback=..., menus=..., keybindings=...)``), the commands are listed here
once, with callbacks handed in by the window, and ``menus.build_menus`` turns any such list
into menus and shortcuts. A test can read the table without building a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from diffviz.core import i18n
from diffviz.core.names import DEFAULT_RECIPE

Callback = Callable[[], object]

# The menus, in menu-bar order: each is the menu's key and its English title (``menus.build_menus`` shows
# ``i18n.tr(menu)``), so the key stays the same in every language.
FILE, RUN, VIEW, HELP = (i18n.QT_TR_NOOP("&File"), i18n.QT_TR_NOOP("&Run"), i18n.QT_TR_NOOP("&View"),
                         i18n.QT_TR_NOOP("&Help"))

# The shortcuts of the commands that texts elsewhere mention ("Train a fresh model (Ctrl+T)"): a text says
# ``shortcut_text(id)``, never the key itself, so the text and the menu always agree.
SHORTCUTS = {"file.open": "Ctrl+O", "file.open_folder": "Ctrl+Shift+O", "file.save": "Ctrl+S",
             "file.export": "Ctrl+E", "file.quit": "Ctrl+Q", "run.train": "Ctrl+T", "run.pause": "Ctrl+P",
             "run.stop": "Esc", "run.sample": "Ctrl+R", "help.lesson": "F1"}


def view_shortcut(position: int) -> str:
    """The key of the ``position``-th tab (1-based) in the View menu: Ctrl+1, Ctrl+2 …"""
    return f"Ctrl+{position}"


def shortcut_text(action_id: str) -> str:
    """The shortcut of ``action_id`` as the platform writes it (``Ctrl+T``; ``⌘T`` on macOS)."""
    from diffviz.ui.widgets.keys import key_text

    return key_text(SHORTCUTS[action_id])


@dataclass(frozen=True)
class Action:
    """One command. ``text``: what its menu entry says, in the language shown. ``menu``: the menu's key (one of
    FILE, RUN, VIEW, HELP); None: a window-wide shortcut with no menu entry. ``when``: the command acts
    only while it returns True (and leaves the key to others otherwise)."""

    id: str
    text: str
    callback: Callback
    shortcut: str | None = None
    menu: str | None = None
    separator_before: bool = False
    when: Callable[[], bool] | None = None

    def trigger(self, *_signal_args: object) -> None:
        """Run the callback (if ``when`` allows); a signal's arguments (QAction's ``checked``) are ignored."""
        if self.when is None or self.when():
            self.callback()


@dataclass(frozen=True)
class Commands:
    """The callbacks the File, Run and Help menus call, handed in by the window."""

    open_checkpoint: Callback
    open_pipeline_folder: Callback
    save_checkpoint: Callback
    export_pipeline_folder: Callback
    use_bundled_model: Callback
    use_course_model: Callback
    use_perfect_denoiser: Callback
    open_autosave: Callback
    export_animation: Callback
    quit: Callback
    train: Callback
    pause_or_resume: Callback
    stop: Callback
    sample: Callback
    lesson: Callback
    about: Callback


class Player(Protocol):
    """A view that plays a run frame by frame: the timeline, or a tab that plays its own (the 2-D lab)."""

    def play_pause(self) -> None: ...
    def step_by(self, delta: int) -> None: ...
    def go_home(self) -> None: ...
    def go_end(self) -> None: ...


def playback_keys(player: Callable[[], Player | None]) -> list[tuple[str, str, Callback]]:
    """The playback keys (key, what it does, callback), each acting on whatever ``player()`` is at the time."""
    def on(act: Callable[[Player], None]) -> Callback:
        return lambda: act(player())

    return [("Space", i18n.tr("Play / pause"), on(lambda p: p.play_pause())),
            ("Left", i18n.tr("Step back"), on(lambda p: p.step_by(-1))),
            ("Right", i18n.tr("Step forward"), on(lambda p: p.step_by(1))),
            ("Home", i18n.tr("First step"), on(lambda p: p.go_home())),
            ("End", i18n.tr("Last step"), on(lambda p: p.go_end()))]


def main_actions(commands: Commands, views: Sequence[tuple[str, str, Callback]],
                 timeline_keys: Sequence[tuple[str, str, Callback]], timeline_active: Callable[[], bool]
                 ) -> list[Action]:
    """The window's actions: File / Run / View / Help, then the timeline's keys.

    ``views``: (key, title, show it) per tab, bound to Ctrl+1, Ctrl+2 ... in order; the action's id is made of
    the key, never of the title (which is shown as given: already translated). ``timeline_keys``:
    (key, what it does, callback), acting only while ``timeline_active()`` (a view that plays a run is in
    front: the timeline, the inspector, the 2-D lab), so the keys stay the other views' own elsewhere.
    """
    c = commands
    k = SHORTCUTS
    actions = [
        Action("file.open", i18n.tr("&Open checkpoint…"), c.open_checkpoint, k["file.open"], FILE),
        Action("file.open_folder", i18n.tr("Open pipeline &folder…"), c.open_pipeline_folder, k["file.open_folder"],
               FILE),
        Action("file.save", i18n.tr("&Save checkpoint…"), c.save_checkpoint, k["file.save"], FILE),
        Action("file.export_pipeline", i18n.tr("E&xport as pipeline folder…"), c.export_pipeline_folder, menu=FILE),
        Action("file.bundled", i18n.tr("Use the &bundled model ({recipe} recipe)").format(recipe=DEFAULT_RECIPE),
               c.use_bundled_model, menu=FILE),
        Action("file.course", i18n.tr("Use the &course's bundled model"), c.use_course_model, menu=FILE),
        Action("file.perfect", i18n.tr("Use the &perfect denoiser of the bundled digits"), c.use_perfect_denoiser,
               menu=FILE),
        Action("file.autosave", i18n.tr("Open the last &autosave"), c.open_autosave, menu=FILE),
        Action("file.export", i18n.tr("&Export animation…"), c.export_animation, k["file.export"], FILE,
               separator_before=True),
        Action("file.quit", i18n.tr("&Quit"), c.quit, k["file.quit"], FILE, separator_before=True),
        Action("run.train", i18n.tr("&Train"), c.train, k["run.train"], RUN),
        Action("run.pause", i18n.tr("&Pause / resume"), c.pause_or_resume, k["run.pause"], RUN),
        Action("run.stop", i18n.tr("S&top"), c.stop, k["run.stop"], RUN),
        Action("run.sample", i18n.tr("&Sample"), c.sample, k["run.sample"], RUN),
    ]
    actions += [Action(f"view.{key}", title, show, view_shortcut(i), VIEW)
                for i, (key, title, show) in enumerate(views, start=1)]
    actions.append(Action("help.lesson", i18n.tr("&Lesson: diffusion from scratch"), c.lesson, k["help.lesson"], HELP))
    actions.append(Action("help.about", i18n.tr("&About diffviz"), c.about, menu=HELP))
    actions += [Action(f"timeline.{key.lower()}", text, callback, key, when=timeline_active)
                for key, text, callback in timeline_keys]
    return actions

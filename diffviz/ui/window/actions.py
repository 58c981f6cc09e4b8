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

from diffviz.core.names import DEFAULT_RECIPE

Callback = Callable[[], object]

FILE, RUN, VIEW, HELP = "&File", "&Run", "&View", "&Help"  # in menu-bar order


@dataclass(frozen=True)
class Action:
    """One command. ``menu`` None: a window-wide shortcut with no menu entry. ``when``: the command acts
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

    return [("Space", "Play / pause", on(lambda p: p.play_pause())),
            ("Left", "Step back", on(lambda p: p.step_by(-1))),
            ("Right", "Step forward", on(lambda p: p.step_by(1))),
            ("Home", "First step", on(lambda p: p.go_home())),
            ("End", "Last step", on(lambda p: p.go_end()))]


def main_actions(commands: Commands, views: Sequence[tuple[str, str, Callback]],
                 timeline_keys: Sequence[tuple[str, str, Callback]], timeline_active: Callable[[], bool]
                 ) -> list[Action]:
    """The window's actions: File / Run / View / Help, then the timeline's keys.

    ``views``: (key, title, show it) per tab, bound to Ctrl+1, Ctrl+2 ... in order; the action's id is made of
    the key, never of the title. ``timeline_keys``:
    (key, what it does, callback), acting only while ``timeline_active()`` (a view that plays a run is in
    front: the timeline, the inspector, the 2-D lab), so the keys stay the other views' own elsewhere.
    """
    c = commands
    actions = [
        Action("file.open", "&Open checkpoint…", c.open_checkpoint, "Ctrl+O", FILE),
        Action("file.open_folder", "Open pipeline &folder…", c.open_pipeline_folder, "Ctrl+Shift+O", FILE),
        Action("file.save", "&Save checkpoint…", c.save_checkpoint, "Ctrl+S", FILE),
        Action("file.bundled", f"Use the &bundled model ({DEFAULT_RECIPE} recipe)", c.use_bundled_model, menu=FILE),
        Action("file.course", "Use the &course's bundled model", c.use_course_model, menu=FILE),
        Action("file.perfect", "Use the &perfect denoiser of the bundled digits", c.use_perfect_denoiser, menu=FILE),
        Action("file.autosave", "Open the last &autosave", c.open_autosave, menu=FILE),
        Action("file.export", "&Export animation…", c.export_animation, "Ctrl+E", FILE, separator_before=True),
        Action("file.quit", "&Quit", c.quit, "Ctrl+Q", FILE, separator_before=True),
        Action("run.train", "&Train", c.train, "Ctrl+T", RUN),
        Action("run.pause", "&Pause / resume", c.pause_or_resume, "Ctrl+P", RUN),
        Action("run.stop", "S&top", c.stop, "Esc", RUN),
        Action("run.sample", "&Sample", c.sample, "Ctrl+R", RUN),
    ]
    actions += [Action(f"view.{key}", title, show, f"Ctrl+{i}", VIEW)
                for i, (key, title, show) in enumerate(views, start=1)]
    actions.append(Action("help.about", "&About diffviz", c.about, menu=HELP))
    actions += [Action(f"timeline.{key.lower()}", text, callback, key, when=timeline_active)
                for key, text, callback in timeline_keys]
    return actions

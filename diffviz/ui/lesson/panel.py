"""Help → Lesson: a dock beside the views that walks the learner through ``lesson.steps``.

It lists the steps with a tick on each one done, shows the current step's text, its task (ticked as
soon as the app's state shows it happened: polled four times a second, a handful of attribute reads),
its question with a reveal, what was learnt, and the step's code with the live values filled in and a
Copy button. Where the learner is, which steps are done and whether the lesson was declined live in the
settings (``lesson/...``), so quitting and launching again resumes at the same step; the lesson is
offered once, at the first launch, and never again once declined. Back / Next stay pinned under the page,
which scrolls on a short screen; Finish at the last step closes the lesson and says what to try next.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QApplication, QButtonGroup, QDockWidget, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QMainWindow, QMessageBox, QPlainTextEdit, QPushButton, QRadioButton, QScrollArea,
                               QVBoxLayout, QWidget)

from diffviz.core import i18n
from diffviz.ui.lesson.spotlight import Spotlight, widget_at
from diffviz.ui.lesson.steps import STEP_KEYS, STEPS, LessonStep
from diffviz.ui.window.actions import shortcut_text

STEP_SETTING, DONE_SETTING, OPEN_SETTING = "lesson/step", "lesson/done", "lesson/open"
OFFERED_SETTING, DECLINED_SETTING = "lesson/offered", "lesson/declined"
CHECK_MS = 250
MINIMUM_WIDTH = 340  # the step list, the text and a line of code side by side with the views
CODE_LINES = 10  # the code box grows to this many lines, then scrolls


class LessonPanel(QWidget):
    """The lesson's page: steps, text, task, question, code, Back / Next."""

    finished = Signal()  # Finish pressed at the last step

    def __init__(self, window: QMainWindow, settings: QSettings, steps: tuple[LessonStep, ...] = STEPS) -> None:
        super().__init__()
        self.window_, self.settings, self.steps = window, settings, steps
        self.index = 0
        self.begun = None
        self.spotlight: Spotlight | None = None  # set by ``Lesson``: lights the step's widgets and ``frame``
        self.frame: QWidget = self               # what holds the lesson on screen (``Lesson``: its dock)
        done = settings.value(DONE_SETTING) or []
        self.done: set[str] = set(done if isinstance(done, list) else [done])
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.progress = QListWidget(wordWrap=True)
        self.progress.setMaximumHeight(len(steps) * 26)
        self.progress.currentRowChanged.connect(self._row_chosen)
        self.title = QLabel(wordWrap=True)
        self.text = QLabel(wordWrap=True)
        self.task = QLabel(wordWrap=True)
        self.question = QLabel(wordWrap=True)
        self.choices = QButtonGroup(self)
        self.choice_box = QVBoxLayout()
        self.reveal_button = QPushButton(i18n.tr("Show the answer"))
        self.reveal_button.clicked.connect(self.reveal)
        self.choices.idClicked.connect(lambda _id: self.reveal_button.setEnabled(True))  # choose, then see
        self.answer = QLabel(wordWrap=True)
        self.helper_button = QPushButton()  # a step's offer of a hand with its task
        self.helper_button.clicked.connect(lambda: self.step.helper and self.step.helper[1](self.window_))
        self.learnt = QLabel(wordWrap=True)
        self.code = QPlainTextEdit(readOnly=True, lineWrapMode=QPlainTextEdit.NoWrap)
        self.code.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.copy_button = QPushButton(i18n.tr("Copy the code"))
        self.copy_button.clicked.connect(lambda: QApplication.clipboard().setText(self.code.toPlainText()))
        self.back_button = QPushButton(i18n.tr("Back"))
        self.next_button = QPushButton(i18n.tr("Next"))
        self.back_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(self._next)
        layout = QVBoxLayout(self)
        for widget in (self.progress, self.title, self.text, self.task, self.helper_button, self.question):
            layout.addWidget(widget)
        layout.addLayout(self.choice_box)
        for widget in (self.reveal_button, self.answer, self.learnt, self.code, self.copy_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.footer = QWidget()  # Back / Next: ``Lesson`` pins it under the scrolling page, always in reach
        buttons = QHBoxLayout(self.footer)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout.addWidget(self.footer)
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.refresh)
        remembered = settings.value(STEP_SETTING)
        self.go(STEP_KEYS.index(remembered) if remembered in STEP_KEYS else 0)

    def _next(self) -> None:
        """Next, or at the last step Finish."""
        if self.index < len(self.steps) - 1:
            self.go(self.index + 1)
        else:
            self.finished.emit()

    @property
    def step(self) -> LessonStep:
        return self.steps[self.index]

    def go(self, index: int) -> None:
        """Enter step ``index``: the app does its part (the view, the settings it needs), then waits for the
        learner's."""
        self.index = max(0, min(index, len(self.steps) - 1))
        step = self.step
        self.settings.setValue(STEP_SETTING, step.key)
        window = self.window_
        if step.tab is not None:
            window.tabs.show_key(step.tab)
        if step.prepare is not None:
            step.prepare(window)
        self.begun = step.begin(window)
        self.progress.blockSignals(True)
        self.progress.clear()
        for number in range(len(self.steps)):
            self.progress.addItem(self._row_text(number))
        self.progress.setCurrentRow(self.index)
        self.progress.blockSignals(False)
        self.title.setText(f"<b>{i18n.tr(step.title)}</b>")
        self.text.setText(i18n.tr(step.text))
        self.helper_button.setVisible(step.helper is not None)
        if step.helper is not None:
            self.helper_button.setText(i18n.tr(step.helper[0]))
        self._show_question(step)
        self.learnt.hide()
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setText(i18n.tr("Next") if self.index < len(self.steps) - 1 else i18n.tr("Finish"))
        self.refresh()
        self.timer.start()

    def _row_text(self, index: int) -> str:
        """A step's line in the list: ticked once done."""
        step = self.steps[index]
        return i18n.tr("{mark} {number}. {title}").format(mark="✓" if step.key in self.done else " ",
                                                          number=index + 1, title=i18n.tr(step.title))

    def _row_chosen(self, row: int) -> None:
        if row >= 0 and row != self.index:
            self.go(row)

    def _show_question(self, step: LessonStep) -> None:
        for button in self.choices.buttons():  # gone now, not at the next turn of the event loop
            self.choices.removeButton(button)
            self.choice_box.removeWidget(button)
            button.hide()
            button.deleteLater()
        asked = step.question is not None
        self.question.setVisible(asked)
        self.reveal_button.setVisible(asked)
        self.answer.hide()
        if not asked:
            return
        self.question.setText(i18n.tr(step.question.prompt))
        for number, choice in enumerate(step.question.choices):
            button = QRadioButton(i18n.tr(choice))
            self.choices.addButton(button, number)
            self.choice_box.addWidget(button)
        self.reveal_button.setEnabled(False)

    def reveal(self) -> None:
        """The answer, after the learner has chosen one."""
        question = self.step.question
        right = self.choices.checkedId() == question.answer
        verdict = i18n.tr("Right.") if right else i18n.tr("Not quite.")
        self.answer.setText(i18n.tr("{verdict} {answer}").format(verdict=verdict, answer=i18n.tr(question.reveal)))
        self.answer.show()

    def passed(self) -> bool:
        """The step's check, against what the app looked like when the step began."""
        return bool(self.step.check(self.window_, self.begun))

    def refresh(self) -> None:
        step = self.step
        if self.spotlight is not None and self.spotlight.isVisible():
            self.spotlight.light([widget_at(self.window_, path) for path in step.highlight] + [self.frame])
        done = self.passed()
        if done and step.key not in self.done:
            self.done.add(step.key)
            self.settings.setValue(DONE_SETTING, sorted(self.done))
            item = self.progress.item(self.index)
            if item is not None:
                item.setText(self._row_text(self.index))
        self.task.setText(i18n.tr("Done: {task}").format(task=i18n.tr(step.task)) if done else
                          i18n.tr("Your turn: {task}").format(task=i18n.tr(step.task)))
        self.learnt.setVisible(done)
        self.learnt.setText(i18n.tr("What you learnt: {sentence}").format(sentence=i18n.tr(step.learnt)))
        self.code.setVisible(bool(step.code))
        self.copy_button.setVisible(bool(step.code))
        if step.code:
            try:
                code = step.code.format(**step.values(self.window_))
            except (AttributeError, KeyError, TypeError, ValueError):
                code = step.code
            if code != self.code.toPlainText():
                self.code.setPlainText(code)
                lines = min(code.count("\n") + 1, CODE_LINES)  # the whole code in view, a scroll bar below it
                self.code.setFixedHeight(self.code.fontMetrics().lineSpacing() * lines + 2 * self.code.frameWidth()
                                         + self.code.horizontalScrollBar().sizeHint().height() + 8)

    def stop(self) -> None:
        self.timer.stop()


class Lesson(QObject):
    """The lesson's dock on ``window``, made on first use; ``offer_once`` asks at the first launch."""

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.settings = window, settings
        self.dock: QDockWidget | None = None
        self._width_before = 0
        self.panel: LessonPanel | None = None
        self.closing = False  # the window is closing: its docks hiding is not the learner closing the lesson
        self.finish_box: QMessageBox | None = None  # what Finish said, while it is open

    def open(self) -> LessonPanel:
        if self.dock is None:
            self._width_before = self.window.width()  # what the window goes back to if the lesson must float
            self.panel = LessonPanel(self.window, self.settings)
            self.panel.finished.connect(self._finished)
            self.dock = QDockWidget(i18n.tr("Lesson"), self.window)
            self.dock.setObjectName("lesson")
            scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.NoFrame)  # a short screen: it scrolls
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            scroll.setWidget(self.panel)
            scroll.setMinimumWidth(MINIMUM_WIDTH + scroll.verticalScrollBar().sizeHint().width())
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(scroll, 1)
            column.addWidget(self.panel.footer)  # taken out of the page: it stays put while the page scrolls
            footer_margins = self.panel.layout().contentsMargins()
            self.panel.footer.setContentsMargins(footer_margins.left(), 0, footer_margins.right(),
                                                 footer_margins.bottom())
            self.dock.setWidget(holder)
            self.panel.frame = self.dock
            self.dock.visibilityChanged.connect(self._visibility)
            self.window.addDockWidget(Qt.RightDockWidgetArea, self.dock)
            self.panel.spotlight = Spotlight(self.window)
            self.window.installEventFilter(self)  # the views that come later widen the window
        self.dock.show()
        self._fit_the_screen()
        self.panel.spotlight.show()
        self.dock.raise_()
        self.settings.setValue(OPEN_SETTING, True)
        return self.panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Resize:
            self._fit_the_screen()
        return False

    def _fit_the_screen(self) -> None:
        """Docked, the lesson widens the window by its own width; where the screen has no room for that (a
        laptop), it floats at the screen's right edge instead, over the window."""
        screen = self.window.screen().availableGeometry() if self.window.screen() else None
        if screen is None or self.dock.isFloating() or \
                max(self.window.minimumSizeHint().width(), self.window.frameGeometry().width()) <= screen.width():
            return
        self.dock.setFloating(True)
        width = MINIMUM_WIDTH + 40
        place = QRect(screen.right() - width, screen.top() + 40, width, int(screen.height() * 0.85))

        def settle() -> None:  # once floating has taken the dock out of the window's layout and sized it to its hint
            self.window.resize(min(self._width_before, screen.width()), self.window.height())  # as wide as before
            self.dock.setGeometry(place)

        self.dock.setGeometry(place)
        QTimer.singleShot(0, settle)

    def _visibility(self, visible: bool) -> None:
        if visible:
            self.settings.setValue(OPEN_SETTING, True)  # also after floating, which hides it for a moment
        elif not self.closing and not self.window.isHidden():  # the learner closed it
            self.settings.setValue(OPEN_SETTING, False)
        if self.panel is not None:
            (self.panel.timer.start if visible else self.panel.timer.stop)()
            if self.panel.spotlight is not None:
                self.panel.spotlight.setVisible(visible)

    def _finished(self) -> None:
        """The last step's Finish: the lesson closes (Help → Lesson opens it again) and says what to try next,
        in a box that does not block the window."""
        self.dock.close()
        box = QMessageBox(QMessageBox.Information, i18n.tr("Lesson finished"),
                          i18n.tr("You have done the course's first unit with a live model. What next: train a "
                                  "model for a few minutes and watch its samples sharpen, try another recipe in "
                                  "the Training box, or repair a digit of your own in the Edit lab. Help → Lesson "
                                  "({shortcut}) opens the lesson again.").format(shortcut=shortcut_text("help.lesson")),
                          QMessageBox.Ok, self.window)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        self.finish_box = box

    def resume(self) -> bool:
        """Open the lesson again if it was open when the app was last closed."""
        if self.settings.value(OPEN_SETTING) in (True, "true"):
            self.open()
            return True
        return False

    def offer_once(self, ask=None) -> bool:
        """At the first launch only: offer the lesson; declined, it is never offered again. Returns whether
        it opened."""
        if self.settings.value(OFFERED_SETTING) in (True, "true") or \
                self.settings.value(DECLINED_SETTING) in (True, "true"):
            return False
        self.settings.setValue(OFFERED_SETTING, True)
        accepted = (ask or self._ask)()
        if not accepted:
            self.settings.setValue(DECLINED_SETTING, True)
            return False
        self.open()
        return True

    def _ask(self) -> bool:
        box = QMessageBox(QMessageBox.Question, i18n.tr("A guided lesson"),
                          i18n.tr("New to diffusion models? The lesson walks you through the course's first unit "
                                  "with this live model, step by step. You can open it later from Help → Lesson."),
                          QMessageBox.NoButton, self.window)
        start = box.addButton(i18n.tr("Start the lesson"), QMessageBox.AcceptRole)
        box.addButton(i18n.tr("No, thanks"), QMessageBox.RejectRole)
        box.exec()
        return box.clickedButton() is start

    def shutdown(self) -> None:
        self.closing = True
        if self.panel is not None:
            self.panel.stop()

"""The Controls dock: movable and floatable, never closed (the window has no way to bring it back)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QDockWidget, QWidget

from diffviz.core import i18n


def controls_dock(window: QWidget, content: QWidget) -> QDockWidget:
    dock = QDockWidget(i18n.tr("Controls"), window)
    dock.setObjectName("controls")  # the key geometry.restore finds it by
    dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
    dock.setWidget(content)
    for name, text in (("qt_dockwidget_closebutton", i18n.tr("Close")),
                       ("qt_dockwidget_floatbutton", i18n.tr("Float"))):
        button = dock.findChild(QAbstractButton, name)  # Qt's own title bar buttons, named for screen readers
        if button is not None:
            button.setAccessibleName(text)
    return dock

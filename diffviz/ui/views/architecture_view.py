"""The model drawn as the course's UNet figure: one box per layer, arranged as a U.

Why a drawing: "UNet" means little until you see that the image is squeezed down to
7x7 and blown back up, and that the up half gets the down half's activations handed
across. Down layers descend on the left, up layers climb on the right, skip connections
are dashed arrows across the U. Box height hints at resolution, box width at channels,
and clicking a box picks that layer for the feature-map inspector (``layerClicked``).

Built from ``describe_layers(model)`` and the model's own ``facts()``: the boxes and arrows
from the layers' shapes, the words (how it resamples, which skips join where and how, the
explanation) from the model, so each architecture is described as what it is.
"""

from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import (QGraphicsPathItem, QGraphicsPolygonItem, QGraphicsScene,
                               QGraphicsTextItem, QGraphicsView, QLabel, QVBoxLayout, QWidget)

from diffviz.core import i18n
from diffviz.core.features import LayerInfo
from diffviz.core.models.facts import ModelFacts
from diffviz.ui.widgets.images import ExplanationBox

BACKGROUND = "#1e1f22"
TEXT = "#d0d0d0"
MUTED = "#8a9099"
ARROW = "#9aa0a6"
SKIP = "#6fcf97"
SELECTED = "#ffd866"
COLOURS = {  # part -> (fill, border)
    "down": ("#24384f", "#5b9bd5"),
    "mid": ("#3a3052", "#a08be0"),
    "up": ("#4d3822", "#e0a060"),
    "io": ("#2b2d31", "#9aa0a6"),
}
ROW_GAP = 175.0          # between row centres
COLUMN_GAP = 560.0       # between the down and the up column centres
IO_OFFSET = 230.0        # input/output boxes sit this far outside the columns
IO_SIZE = (150.0, 84.0)
MAX_ZOOM = 1.5           # never blow the drawing up beyond this on big windows

NO_FACTS = ModelFacts(  # marked here, translated where shown
    layout_html=i18n.QT_TR_NOOP("<p>The boxes are this model's feature layers, in forward order.</p>"),
    features_html="", skip_html=i18n.QT_TR_NOOP("this model does not say how its layers are joined"))


def _font(pixels: int) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)  # pixels, not points: the scene is scaled as a whole by fitInView
    return font


class _Box(QGraphicsPathItem):
    """A rounded box with centred text; calls ``on_click(name)`` when pressed (if given)."""

    def __init__(self, name: str, rect: QRectF, part: str, html: str,
                 on_click: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self._on_click = on_click
        self._selected = False
        self._hover = False
        text = self.label = QGraphicsTextItem(self)  # keep a Python reference: PySide may drop it otherwise
        text.setDefaultTextColor(QColor(TEXT))
        text.setFont(_font(15))
        text.setHtml(f"<div align='center'>{html}</div>")
        text.setTextWidth(rect.width())
        grow = text.boundingRect().height() + 6 - rect.height()  # a longer text (a translation) grows the box
        if grow > 0:
            rect = rect.adjusted(0, -grow / 2, 0, grow / 2)
        path = QPainterPath()
        path.addRoundedRect(rect, 9, 9)
        self.setPath(path)
        self.name, self.rect, self.part = name, rect, part
        text.setPos(rect.left(), rect.center().y() - text.boundingRect().height() / 2)
        text.setAcceptedMouseButtons(Qt.NoButton)
        if on_click is not None:
            self.setCursor(Qt.PointingHandCursor)
            self.setAcceptHoverEvents(True)
            self.setToolTip(i18n.tr("Show the feature maps of {name}").format(name=name))
        else:
            self.setAcceptedMouseButtons(Qt.NoButton)
        self._restyle()

    def set_selected_look(self, selected: bool) -> None:
        self._selected = selected
        self._restyle()

    def _restyle(self) -> None:
        fill, border = COLOURS[self.part]
        colour = QColor(fill)
        if self._selected:
            colour = colour.lighter(150)
        elif self._hover:
            colour = colour.lighter(125)
        self.setBrush(QBrush(colour))
        self.setPen(QPen(QColor(SELECTED if self._selected else border), 3.5 if self._selected else 1.6))

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._on_click is not None and event.button() == Qt.LeftButton:
            event.accept()
            self._on_click(self.name)
        else:
            super().mousePressEvent(event)

    def hoverEnterEvent(self, event) -> None:  # noqa: N802
        self._hover = True
        self._restyle()

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802
        self._hover = False
        self._restyle()


class _FitView(QGraphicsView):
    """A QGraphicsView that keeps the whole drawing in sight whenever it is resized."""

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setBackgroundBrush(QColor(BACKGROUND))
        self.setStyleSheet(f"QGraphicsView {{ background: {BACKGROUND}; border: none; }}")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

    def fit(self) -> None:
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.KeepAspectRatio)
        if self.transform().m11() > MAX_ZOOM:
            self.setTransform(QTransform.fromScale(MAX_ZOOM, MAX_ZOOM))
            self.centerOn(rect.center())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.fit()


def _box_size(channels: int, height: int) -> tuple[float, float]:
    """Width grows with log2(channels), height with the resolution: a hint, not a scale drawing."""
    width = 120.0 + 14.0 * math.log2(max(channels, 1))
    return width, 52.0 + 1.5 * height


def _edge_point(rect: QRectF, toward: QPointF) -> QPointF:
    """Where the line from the centre of ``rect`` to ``toward`` leaves the rectangle."""
    c = rect.center()
    dx, dy = toward.x() - c.x(), toward.y() - c.y()
    if dx == 0 and dy == 0:
        return c
    sx = rect.width() / 2 / abs(dx) if dx else math.inf
    sy = rect.height() / 2 / abs(dy) if dy else math.inf
    s = min(sx, sy)
    return QPointF(c.x() + dx * s, c.y() + dy * s)


class ArchitectureView(QWidget):
    """The model as boxes in a U. ``layerClicked(name)`` when a layer box is clicked."""

    layerClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(i18n.tr("Model"))
        self.title.setStyleSheet("QLabel { font-weight: bold; font-size: 14px; padding: 4px; }")
        self.scene = QGraphicsScene(self)
        self.graphics = _FitView(self.scene)
        self.explanation = ExplanationBox(i18n.tr("How this network is shaped"), "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.explanation)
        self._boxes: dict[str, _Box] = {}
        self._skips: list[tuple[str, str]] = []
        self._selected: str | None = None

    # -- public API ---------------------------------------------------------------------------
    def set_layers(self, layers: list[LayerInfo], title: str = "", parameters: int | None = None,
                   input_shape: tuple[int, int, int] = (1, 28, 28), facts: ModelFacts | None = None,
                   output: str = i18n.QT_TR_NOOP("clean image")) -> None:
        """Redraw the figure for ``layers`` (from ``describe_layers``), in forward order, in the words of the
        model's ``facts`` (its ``facts()``; None: a plain drawing without skips). ``output`` says what the model
        is trained to predict (its recipe's process: the clean image, or the noise), as the process words it
        (translated here)."""
        facts = facts or NO_FACTS
        name = title or i18n.tr("Model")
        self.title.setText(i18n.tr("{name} · {parameters:,} parameters").format(name=name, parameters=parameters)
                           if parameters is not None else name)
        previous = self._selected
        self.scene.clear()
        self._boxes = {}
        self._skips = []
        self._selected = None
        self._draw(layers, input_shape, facts, output)
        how = i18n.tr(facts.skip_html)
        skips = ", ".join(i18n.tr("{down} into {up}").format(down=a, up=b) for a, b in self._skips) \
            or i18n.tr("none drawn")
        if parameters is None:
            joined = i18n.tr("<p><b>Skip connections</b> (dashed): {how}: {skips}.</p>").format(how=how, skips=skips)
        else:
            joined = i18n.tr("<p><b>Skip connections</b> (dashed): {how}: {skips}. {name} has <b>{parameters:,}</b> "
                             "parameters: tiny by modern standards.</p>").format(
                how=how, skips=skips, name=name, parameters=parameters)
        # Three paragraphs, each translated whole.
        self.explanation.body.setText(i18n.tr(facts.layout_html) + joined
                                      + i18n.tr("<p>Click a layer to see its feature maps in the inspector.</p>"))
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-24, -24, 24, 24))
        self.graphics.fit()
        if previous in self._boxes:
            self.select(previous)

    def select(self, name: str) -> None:
        """Highlight the box of ``name`` (an unknown name clears the highlight). Emits nothing."""
        self._selected = name if name in self._boxes else None
        for box_name, box in self._boxes.items():
            box.set_selected_look(box_name == self._selected)

    def selected(self) -> str | None:
        return self._selected

    def box_names(self) -> list[str]:
        """The layer boxes drawn, in forward order (input/output boxes excluded)."""
        return list(self._boxes)

    def box_scene_rect(self, name: str) -> QRectF:
        """The scene rectangle of a layer's box (map it with ``graphics.mapFromScene`` to click it)."""
        return self._boxes[name].sceneBoundingRect()

    # -- drawing --------------------------------------------------------------------------------
    def _on_box_clicked(self, name: str) -> None:
        self.select(name)
        self.layerClicked.emit(name)

    def _add_box(self, centre: QPointF, size: tuple[float, float], part: str, html: str,
                 name: str | None = None) -> _Box:
        rect = QRectF(centre.x() - size[0] / 2, centre.y() - size[1] / 2, size[0], size[1])
        box = _Box(name or part, rect, part, html, self._on_box_clicked if name else None)
        self.scene.addItem(box)
        if name:
            self._boxes[name] = box
        return box

    def _draw(self, layers: list[LayerInfo], input_shape: tuple[int, int, int], facts: ModelFacts,
              output: str) -> None:
        downs = [layer for layer in layers if layer.part == "down"]
        mids = [layer for layer in layers if layer.part == "mid"]
        ups = [layer for layer in layers if layer.part == "up"]
        rows = max(len(downs), len(ups), 1)
        left, right = 0.0, COLUMN_GAP
        centres: dict[str, QPointF] = {}
        for i, layer in enumerate(downs):
            centres[layer.name] = QPointF(left, i * ROW_GAP)
        for j, layer in enumerate(ups):
            centres[layer.name] = QPointF(right, (len(ups) - 1 - j) * ROW_GAP)
        for k, layer in enumerate(mids):
            centres[layer.name] = QPointF(left + (k + 1) * (right - left) / (len(mids) + 1), rows * ROW_GAP)
        boxes = []
        for layer in downs + mids + ups:  # forward order for the flow arrows
            html = i18n.tr("<b>{name}</b><br>{channels} ch · {height}×{width}").format(
                name=layer.name, channels=layer.channels, height=layer.height, width=layer.width)
            if layer.attention:  # where the image's far parts meet: the inspector shows where each looks
                attention = i18n.tr("+ {count} self-attention").format(count=len(layer.attention))
                html += f"<br><span style='color:#e0b0ff'>{attention}</span>"
            width, height = _box_size(layer.channels, layer.height)
            box = self._add_box(centres[layer.name], (width, height + (18.0 if layer.attention else 0.0)),
                                layer.part, html, layer.name)
            if layer.note:
                box.setToolTip(i18n.tr("{note}\nClick to show its feature maps.").format(note=i18n.tr(layer.note)))
            boxes.append((layer, box))
        c, h, w = input_shape
        first = boxes[0][1] if boxes else None
        last = boxes[-1][1] if boxes else None
        heading = i18n.tr("input x")
        noisy = i18n.tr("noisy digit") if (c, h, w) == (1, 28, 28) else i18n.tr("noisy image")
        source = self._add_box(QPointF(left - IO_OFFSET, 0.0), IO_SIZE, "io",
                               f"<b>{heading}</b><br>{c}×{h}×{w}<br><span style='color:{MUTED}'>{noisy}</span>")
        if first is not None:
            self._arrow(source, first)
        if last is not None:
            out_y = last.rect.center().y()
            shape = f"{c}×{h}×{w}"  # what comes out has the input's shape, whatever the last block holds
            heading, target = i18n.tr("prediction"), i18n.tr(output)
            sink = self._add_box(QPointF(right + IO_OFFSET, out_y), IO_SIZE, "io",
                                 f"<b>{heading}</b><br>{shape}<br><span style='color:{MUTED}'>{target}</span>")
            self._arrow(last, sink)
        for (a_info, a), (b_info, b) in zip(boxes, boxes[1:]):
            label = None
            if b_info.height < a_info.height:
                ratio = a_info.height / max(b_info.height, 1)
                label = i18n.tr(facts.downsample_label) if round(ratio) == 2 else f"÷{ratio:g}"
            elif b_info.height > a_info.height:
                ratio = b_info.height / max(a_info.height, 1)
                label = i18n.tr(facts.upsample_label) if round(ratio) == 2 else f"×{ratio:g}"
            self._arrow(a, b, label, outside=-1 if b_info.part == "down" else 1)
        for down, up in facts.skips:
            if down in self._boxes and up in self._boxes:
                self._skip(self._boxes[down], self._boxes[up])
                self._skips.append((down, up))
        self._legend()

    def _arrow(self, a: _Box, b: _Box, label: str | None = None, outside: int = 1) -> None:
        """A solid flow arrow between two boxes; ``label`` goes beside it, outside the U."""
        start = _edge_point(a.rect, b.rect.center())
        end = _edge_point(b.rect, a.rect.center())
        path = QPainterPath(start)
        path.lineTo(end)
        self._draw_path(path, start, end, QPen(QColor(ARROW), 2.0))
        if label:
            mid = (start + end) / 2
            text = self._text(label, ARROW, 13)
            width = text.boundingRect().width()
            x = mid.x() + 10 if outside > 0 else mid.x() - 10 - width
            text.setPos(x, mid.y() - text.boundingRect().height() / 2)

    def _skip(self, down: _Box, up: _Box) -> None:
        """A dashed, gently curved arrow across the U: the down output is added before the up layer."""
        start = QPointF(down.rect.right(), down.rect.center().y())
        end = QPointF(up.rect.left(), up.rect.center().y())
        control = QPointF((start.x() + end.x()) / 2, start.y() - 46)
        path = QPainterPath(start)
        path.quadTo(control, end)
        pen = QPen(QColor(SKIP), 2.0, Qt.DashLine)
        self._draw_path(path, control, end, pen)
        apex = path.pointAtPercent(0.5)
        text = self._text(i18n.tr("skip ({down} → {up})").format(down=down.name, up=up.name), SKIP, 13)
        rect = text.boundingRect()
        text.setPos(apex.x() - rect.width() / 2, apex.y() - rect.height() - 1)

    def _draw_path(self, path: QPainterPath, before_end: QPointF, end: QPointF, pen: QPen) -> None:
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        item.setZValue(-1)
        self.scene.addItem(item)
        angle, size = math.atan2(end.y() - before_end.y(), end.x() - before_end.x()), 11.0
        head = QPolygonF([end] + [end - QPointF(size * math.cos(angle + d), size * math.sin(angle + d))
                                  for d in (-0.4, 0.4)])
        arrow_head = QGraphicsPolygonItem(head)
        arrow_head.setBrush(QBrush(pen.color()))
        arrow_head.setPen(QPen(pen.color(), 1.0))
        self.scene.addItem(arrow_head)

    def _text(self, text: str, colour: str, pixels: int) -> QGraphicsTextItem:
        item = QGraphicsTextItem()
        item.setPlainText(text)
        item.setDefaultTextColor(QColor(colour))
        item.setFont(_font(pixels))
        item.setAcceptedMouseButtons(Qt.NoButton)
        self.scene.addItem(item)
        return item

    def _legend(self) -> None:
        bounds = self.scene.itemsBoundingRect()
        text = self._text(i18n.tr("Click a layer to inspect its feature maps   ·   box height ∝ resolution, "
                                  "width ∝ channels   ·   dashed = skip connection"), MUTED, 13)
        rect = text.boundingRect()
        text.setPos(bounds.center().x() - rect.width() / 2, bounds.bottom() + 18)

"""Where a drawing's text and shapes land, computed from its shapes (for the chart tests).

A String's box is its stringWidth in its own font, one em tall (descent 0.24 em below the
baseline, ascent 0.76 em above it, as in DejaVu Sans and WenQuanYi Micro Hei), turned and moved
by every group transform above it.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.graphics import shapes
from reportlab.graphics.transform import mmult, nullTransform, transformPoint
from reportlab.pdfbase.pdfmetrics import stringWidth

Point = tuple[float, float]
Quad = list[Point]


def leaves(node, transform=None) -> Iterator[tuple[shapes.Shape, tuple]]:
    """Every drawn shape under `node`, with the transform that places it in the drawing."""
    transform = nullTransform() if transform is None else transform
    if isinstance(node, shapes.Group):
        inner = mmult(transform, node.transform)
        for child in node.contents:
            yield from leaves(child, inner)
    elif isinstance(node, shapes.Drawing):
        for child in node.contents:
            yield from leaves(child, transform)
    else:
        yield node, transform


def _drawing_leaves(drawing: shapes.Drawing):
    for child in drawing.contents:
        yield from leaves(child)


def text_boxes(drawing: shapes.Drawing) -> list[tuple[str, Quad]]:
    boxes = []
    for shape, transform in _drawing_leaves(drawing):
        if not isinstance(shape, shapes.String):
            continue
        width = stringWidth(shape.text, shape.fontName, shape.fontSize)
        start = {"start": 0, "middle": -width / 2, "end": -width}[shape.textAnchor] + shape.x
        low = shape.y - 0.24 * shape.fontSize
        high = shape.y + 0.76 * shape.fontSize
        corners = [(start, low), (start + width, low), (start + width, high), (start, high)]
        boxes.append((shape.text, [transformPoint(transform, c) for c in corners]))
    return boxes


def _axes(quad: Quad) -> list[Point]:
    out = []
    for (x1, y1), (x2, y2) in zip(quad, quad[1:] + quad[:1], strict=True):
        out.append((y1 - y2, x2 - x1))
    return out


def overlap(a: Quad, b: Quad, margin: float = 0.01) -> bool:
    """Whether two convex quads share more than a sliver (separating axis test).

    Boxes that only touch (a label's font runs side by side) do not count."""
    for ax, ay in _axes(a) + _axes(b):
        length = (ax * ax + ay * ay) ** 0.5
        if length == 0:
            continue
        pa = [(x * ax + y * ay) / length for x, y in a]
        pb = [(x * ax + y * ay) / length for x, y in b]
        if max(pa) <= min(pb) + margin or max(pb) <= min(pa) + margin:
            return False
    return True


def overlapping_texts(drawing: shapes.Drawing) -> list[tuple[str, str]]:
    boxes = [(t, q) for t, q in text_boxes(drawing) if t]
    return [
        (ta, tb) for i, (ta, qa) in enumerate(boxes) for tb, qb in boxes[i + 1 :] if overlap(qa, qb)
    ]


def outside(drawing: shapes.Drawing, slack: float = 0.5) -> list[str]:
    """What sticks out of the drawing: texts by their boxes, other shapes by their bounds
    (`slack` allows for half a stroke)."""
    width, height = drawing.width, drawing.height

    def out(points) -> bool:
        return any(
            x < -slack or x > width + slack or y < -slack or y > height + slack for x, y in points
        )

    found = [text for text, quad in text_boxes(drawing) if text and out(quad)]
    for shape, transform in _drawing_leaves(drawing):
        if isinstance(shape, shapes.String):
            continue
        x1, y1, x2, y2 = shape.getBounds()
        corners = [(x1, y1), (x2, y1), (x2, y2), (x1, y2)]
        if out([transformPoint(transform, c) for c in corners]):
            found.append(type(shape).__name__)
    return found


def strings(node) -> list[shapes.String]:
    return [s for s, _ in leaves(node) if isinstance(s, shapes.String)]


def drawn(node, kind) -> list:
    return [s for s, _ in leaves(node) if isinstance(s, kind)]

"""Draw the application icon with QPainter and write the PNGs and the multi-size .ico.

Run offscreen from the repository root:
    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py

The motif: a sheet of an administrative document (red heading band, text lines) with a gold seal
carrying a check mark — "a report that has been assessed". No emblem and no lettering.
"""
from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter,
                           QPainterPath, QPen)

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)

RED = QColor("#b3261e")
RED_DARK = QColor("#8c1d17")
GOLD = QColor("#e0a526")
GOLD_DARK = QColor("#b07d12")
PAPER = QColor("#fffdf7")
PAPER_EDGE = QColor("#c9c2b2")
INK = QColor("#9aa3b2")


def _sheet_path(x: float, y: float, w: float, h: float, fold: float) -> QPainterPath:
    path = QPainterPath()
    path.moveTo(x, y)
    path.lineTo(x + w - fold, y)
    path.lineTo(x + w, y + fold)
    path.lineTo(x + w, y + h)
    path.lineTo(x, y + h)
    path.closeSubpath()
    return path


def draw(size: int) -> QImage:
    """The icon at `size` pixels. Drawn in a 256-unit space; small sizes drop detail so the
    shapes stay crisp instead of turning into grey mush."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    small = size <= 32
    u = 256 / size  # one device pixel in drawing units: keeps outlines one pixel wide

    # the sheet, with a soft shadow (only where there are pixels enough to show it)
    sx, sy, sw, sh, fold = (40, 14, 168, 222, 40) if not small else (34, 8, 172, 232, 48)
    if size >= 48:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 40))
        p.drawPath(_sheet_path(sx + 5, sy + 7, sw, sh, fold))
    sheet = _sheet_path(sx, sy, sw, sh, fold)
    p.setPen(QPen(PAPER_EDGE, max(u, 3 if not small else u * 1.0)))
    p.setBrush(PAPER)
    p.drawPath(sheet)
    # the dog-ear
    ear = QPainterPath()
    ear.moveTo(sx + sw - fold, sy)
    ear.lineTo(sx + sw - fold, sy + fold)
    ear.lineTo(sx + sw, sy + fold)
    ear.closeSubpath()
    p.setBrush(QColor("#e8e1cf"))
    p.drawPath(ear)

    # red heading band, as the national-motto/title block of an administrative document
    p.setPen(Qt.PenStyle.NoPen)
    if small:
        p.setBrush(RED)
        p.drawRect(QRectF(sx + 24, sy + 30, sw - fold - 40, 30))
        p.setBrush(INK)
        for i, width in enumerate((120, 84)):
            p.drawRect(QRectF(sx + 24, sy + 88 + i * 46, width, 22))
    else:
        p.setBrush(RED)
        p.drawRoundedRect(QRectF(sx + 22, sy + 30, sw - fold - 34, 16), 3, 3)
        p.drawRoundedRect(QRectF(sx + 22, sy + 56, sw - fold - 64, 10), 3, 3)
        p.setBrush(INK)
        for i, width in enumerate((124, 112, 124, 70)):
            p.drawRoundedRect(QRectF(sx + 22, sy + 92 + i * 24, width, 9), 4, 4)

    # gold seal with a white check mark, overlapping the lower right corner of the sheet
    cx, cy, r = (180, 182, 66) if not small else (172, 172, 80)
    grad = QLinearGradient(QPointF(cx - r, cy - r), QPointF(cx + r, cy + r))
    grad.setColorAt(0, GOLD.lighter(112))
    grad.setColorAt(1, GOLD)
    p.setBrush(QBrush(grad))
    p.setPen(QPen(GOLD_DARK, max(u, 5 if not small else u * 1.2)))
    p.drawEllipse(QPointF(cx, cy), r, r)
    if size >= 64:  # inner ring of a seal
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor(255, 255, 255, 150), 3))
        p.drawEllipse(QPointF(cx, cy), r - 10, r - 10)
    check = QPainterPath()
    check.moveTo(cx - r * 0.46, cy + r * 0.02)
    check.lineTo(cx - r * 0.12, cy + r * 0.36)
    check.lineTo(cx + r * 0.50, cy - r * 0.34)
    pen = QPen(RED_DARK if small else QColor("#ffffff"), r * (0.30 if small else 0.24))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(check)
    p.end()
    return img.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data)


def dib_bytes(img: QImage) -> bytes:
    """A 32-bit BMP entry (BITMAPINFOHEADER, bottom-up BGRA, AND mask): the classic form, which
    every Windows tool reads; some (older NSIS, resource editors) refuse PNG entries below 256."""
    w, h = img.width(), img.height()
    header = struct.pack("<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(h - 1, -1, -1):
        line = bytearray()
        for x in range(w):
            argb = img.pixel(x, y)
            line += struct.pack("<I", argb)  # little-endian ARGB32 is B, G, R, A in memory
        rows.append(bytes(line))
    mask_stride = ((w + 31) // 32) * 4
    mask = bytes(mask_stride * h)  # all zero: the alpha channel decides
    return header + b"".join(rows) + mask


def ico_bytes(images: list[QImage]) -> bytes:
    entries, blobs = [], []
    offset = 6 + 16 * len(images)
    for img in images:
        blob = png_bytes(img) if img.width() >= 256 else dib_bytes(img)
        dim = img.width() if img.width() < 256 else 0  # 0 means 256 in the directory
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts/raster need it
    images = {s: draw(s) for s in SIZES}
    for s, img in images.items():
        (HERE / f"tudanhgia-{s}.png").write_bytes(png_bytes(img))
    (HERE / "tudanhgia.png").write_bytes(png_bytes(images[256]))
    (HERE / "tudanhgia.ico").write_bytes(ico_bytes([images[s] for s in SIZES]))
    print(f"wrote {len(SIZES)} PNGs, tudanhgia.png and tudanhgia.ico in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

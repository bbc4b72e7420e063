"""Render the app icon (an SVG) to the PNG sizes each platform wants, with Qt alone.

    python packaging/render_icons.py resources/icons/schemadesk.svg \
        [--hicolor DIR] [--ico FILE] [--iconset DIR] [--png DIR]

``--hicolor DIR``  freedesktop theme layout: DIR/<n>x<n>/apps/schemadesk.png for 16 … 256 and
                   DIR/scalable/apps/schemadesk.svg (Linux: /usr/share/icons/hicolor).
``--ico FILE``     one Windows .ico holding 16 … 256 px PNG images (Windows Vista and later).
``--iconset DIR``  a macOS .iconset folder (icon_16x16.png … icon_512x512@2x.png) for
                   ``iconutil -c icns``.
``--png DIR``      DIR/schemadesk-<n>.png for every size, to look at.

QSvgRenderer draws offscreen (QT_QPA_PLATFORM=offscreen is set unless already chosen), so no
ImageMagick, Inkscape or screen is needed: the same PySide6 that the app ships is enough.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# iconutil's names: (file name, pixels)
ICONSET = tuple(
    (f"icon_{n}x{n}{suffix}.png", n * scale)
    for n in (16, 32, 128, 256, 512)
    for suffix, scale in (("", 1), ("@2x", 2))
)
APP_ID = "schemadesk"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a ``size``×``size`` transparent PNG, antialiased."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render_png.app = QGuiApplication(sys.argv[:1])  # type: ignore[attr-defined]
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("render_icons: Qt could not write PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A .ico file whose images are PNG streams (ICONDIR, ICONDIRENTRYs, then the data)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for n in sizes:
        blob = pngs[n]
        # width and height 0 mean 256; 32 bits per pixel; no palette.
        entries.append(struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("svg", type=Path)
    parser.add_argument("--hicolor", type=Path, metavar="DIR")
    parser.add_argument("--ico", type=Path, metavar="FILE")
    parser.add_argument("--iconset", type=Path, metavar="DIR")
    parser.add_argument("--png", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    if not (args.hicolor or args.ico or args.iconset or args.png):
        parser.error("nothing to do: give --hicolor, --ico, --iconset or --png")

    wanted = set()
    if args.hicolor or args.png:
        wanted.update(HICOLOR_SIZES)
    if args.ico:
        wanted.update(ICO_SIZES)
    if args.iconset:
        wanted.update(n for _, n in ICONSET)
    pngs = {n: render_png(args.svg, n) for n in sorted(wanted)}

    if args.hicolor:
        for n in HICOLOR_SIZES:
            folder = args.hicolor / f"{n}x{n}" / "apps"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{APP_ID}.png").write_bytes(pngs[n])
        scalable = args.hicolor / "scalable" / "apps"
        scalable.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.svg, scalable / f"{APP_ID}.svg")
    if args.png:
        args.png.mkdir(parents=True, exist_ok=True)
        for n in HICOLOR_SIZES:
            (args.png / f"{APP_ID}-{n}.png").write_bytes(pngs[n])
    if args.ico:
        args.ico.parent.mkdir(parents=True, exist_ok=True)
        args.ico.write_bytes(ico_bytes({n: pngs[n] for n in ICO_SIZES}))
    if args.iconset:
        args.iconset.mkdir(parents=True, exist_ok=True)
        for name, n in ICONSET:
            (args.iconset / name).write_bytes(pngs[n])
    return 0


if __name__ == "__main__":
    sys.exit(main())

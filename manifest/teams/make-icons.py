#!/usr/bin/env python3
"""Generate the Teams app icons for LearningBot: color.png and outline.png.

The symbol is a stylised open book, drawn from simple geometry in a unit
square and rasterised with supersampling for anti-aliased edges.

  color.png    192x192, white book in the middle 96x96 on solid #3B5BDB
  outline.png  32x32, pure white book on a fully transparent background

Standard library only. Run from any directory: python3 make-icons.py
"""
import os
import struct
import zlib

ACCENT = (0x3B, 0x5B, 0xDB)
WHITE = (255, 255, 255)
SUPERSAMPLE = 8  # samples per pixel along each axis

# Geometry of the symbol, in unit coordinates (x right, y down).
SPINE_GAP = 0.035    # half-width of the gap between the two pages
PAGE_WIDTH = 0.43    # horizontal extent of each page
PAGE_HEIGHT = 0.62   # vertical extent of each page
PAGE_DROP = 0.12     # how much lower a page sits at the spine than at its edge
PAGE_TOP = 0.07      # y of the top of a page at its outer edge
COVER_GAP = 0.05     # space between the pages and the cover below them
COVER_THICK = 0.07   # thickness of the cover strip


def page_top(t):
    """Top edge of a page; t runs from 0 at the spine to 1 at the outer edge.

    The edge rises steeply near the spine and flattens out towards the
    outer edge, like paper curving out of a book's binding.
    """
    return PAGE_TOP + PAGE_DROP * (1 - t) ** 2


def inside(x, y):
    """True if the point (x, y) of the unit square belongs to the book."""
    dx = abs(x - 0.5)  # the symbol is mirror-symmetric about x = 0.5
    t = max(0.0, dx - SPINE_GAP) / PAGE_WIDTH
    if t > 1:
        return False
    top = page_top(t)
    bottom = top + PAGE_HEIGHT
    # The cover: a strip below the pages, continuous under the spine.
    cover_top = bottom + COVER_GAP
    if cover_top <= y <= cover_top + COVER_THICK:
        return True
    # The two pages, separated by the gap at the spine.
    return dx >= SPINE_GAP and top <= y <= bottom


def coverage(px, py, size):
    """Fraction of pixel (px, py) covered by a symbol drawn size x size."""
    hits = 0
    for sy in range(SUPERSAMPLE):
        y = (py + (sy + 0.5) / SUPERSAMPLE) / size
        for sx in range(SUPERSAMPLE):
            x = (px + (sx + 0.5) / SUPERSAMPLE) / size
            if inside(x, y):
                hits += 1
    return hits / SUPERSAMPLE ** 2


def render(canvas, symbol, offset, background):
    """Return rows of RGBA pixels.

    The symbol fills a symbol x symbol box at (offset, offset) on a
    canvas x canvas image. background is an RGB tuple, or None for a
    transparent background.
    """
    rows = []
    for y in range(canvas):
        row = []
        for x in range(canvas):
            a = 0.0
            if offset <= x < offset + symbol and offset <= y < offset + symbol:
                a = coverage(x - offset, y - offset, symbol)
            if background is None:
                row.append(WHITE + (round(255 * a),))
            else:
                rgb = tuple(round(b + (w - b) * a) for b, w in zip(background, WHITE))
                row.append(rgb + (255,))
        rows.append(row)
    return rows


def write_png(path, rows):
    """Write rows of RGBA tuples as an 8-bit RGBA PNG."""
    height, width = len(rows), len(rows[0])

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", header))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    write_png(os.path.join(here, "color.png"), render(192, 96, 48, ACCENT))
    write_png(os.path.join(here, "outline.png"), render(32, 32, 0, None))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Draws the app icons Teams requires (color 192x192, outline 32x32 white on transparent) with no
imaging library, so anyone can regenerate them: a globe (the WCO's world of customs administrations)."""
import math
import struct
import zlib


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def globe(size, x, y, stroke):
    """Coverage (0..1) of the globe's strokes at pixel (x, y), supersampled 4x4 for smooth edges."""
    hits = 0
    for sy in range(4):
        for sx in range(4):
            px = (x + (sx + 0.5) / 4) / size * 2 - 1
            py = (y + (sy + 0.5) / 4) / size * 2 - 1
            r = math.hypot(px, py)
            ring = abs(r - 0.62) < stroke
            inside = r < 0.62
            equator = inside and abs(py) < stroke * 0.8
            meridian = inside and abs(math.hypot(px / 0.45, py) - 0.62) < stroke * 1.4
            axis = inside and abs(px) < stroke * 0.8
            hits += ring or equator or meridian or axis
    return hits / 16


def color(x, y, size=192):
    corner = 36
    cx, cy = min(max(x, corner), size - 1 - corner), min(max(y, corner), size - 1 - corner)
    if math.hypot(x - cx, y - cy) > corner:
        return (0, 0, 0, 0)
    a = globe(size, x, y, 0.055)
    blue = (0, 84, 147)
    return tuple(round(b + (255 - b) * a) for b in blue) + (255,)


def outline(x, y, size=32):
    a = globe(size, x, y, 0.09)
    return (255, 255, 255, round(255 * a))


if __name__ == "__main__":
    png("color.png", 192, color)
    png("outline.png", 32, outline)

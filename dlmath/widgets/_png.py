"""A fast PNG encoder for the apps' frames, and the compositing of the two layers of a picture.

Why not Pillow's encoder: an app sends a new picture on every slider move or Play tick, and
at twice the screen resolution (sharp on 2x displays) Pillow's PNG encoder took 30-70 ms a
frame on the development machine, most of a 100 ms budget. The moving parts of a frame are
drawn on a transparent layer that is mostly empty (see :class:`dlmath.widgets._app.Canvas`);
such a layer compresses to a few tens of kB in a few milliseconds with PNG's "None" row
filter and zlib's fastest level. The still layer (axes, ticks, contours) is sent only when it
changes; it is encoded with the "Sub" filter, which is faster than "None" on it.

Both are plain, standard PNG (8-bit RGB or RGBA, one IDAT chunk), readable by any decoder.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

__all__ = ["encode_png", "composite"]

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FILTERS = {"none": 0, "sub": 1}


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(pixels, filter="none", level=1) -> bytes:
    """Encode an image as PNG.

    Parameters
    ----------
    pixels : numpy.ndarray of uint8, shape (height, width, 3) or (height, width, 4)
        RGB or RGBA (straight, not premultiplied, alpha).
    filter : {"none", "sub"}
        PNG row filter: "none" suits mostly empty (transparent) layers, "sub" full pictures.
    level : int
        zlib compression level, 0 .. 9 (1: fastest that still compresses).

    Returns
    -------
    bytes
    """
    pixels = np.asarray(pixels)
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] not in (3, 4):
        raise ValueError(f"pixels must be uint8 of shape (height, width, 3 or 4), got {pixels.dtype} {pixels.shape}")
    if filter not in FILTERS:
        raise ValueError(f"unknown filter {filter!r}; valid names are {', '.join(map(repr, FILTERS))}")
    height, width, channels = pixels.shape
    rows = np.empty((height, 1 + width * channels), dtype=np.uint8)
    rows[:, 0] = FILTERS[filter]
    flat = pixels.reshape(height, width * channels)
    if filter == "none":
        rows[:, 1:] = flat
    else:  # Sub: each byte minus the same channel of the pixel to its left, modulo 256
        rows[:, 1 : 1 + channels] = flat[:, :channels]
        np.subtract(flat[:, channels:], flat[:, :-channels], out=rows[:, 1 + channels :], casting="unsafe")
    header = struct.pack(">IIBBBBB", width, height, 8, 6 if channels == 4 else 2, 0, 0, 0)
    data = zlib.compress(rows.tobytes(), level)
    return _SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def composite(background, overlay) -> np.ndarray:
    """The overlay (RGBA, straight alpha) drawn over an opaque background (RGB): what the browser shows.

    Parameters
    ----------
    background : numpy.ndarray of uint8, shape (h, w, 3)
    overlay : numpy.ndarray of uint8, shape (h, w, 4)

    Returns
    -------
    numpy.ndarray of uint8, shape (h, w, 3)
    """
    background, overlay = np.asarray(background), np.asarray(overlay)
    if background.shape[:2] != overlay.shape[:2] or background.shape[2] != 3 or overlay.shape[2] != 4:
        raise ValueError(f"shapes must be (h, w, 3) and (h, w, 4), got {background.shape} and {overlay.shape}")
    alpha = overlay[..., 3:].astype(np.float32) / 255.0
    out = overlay[..., :3] * alpha + background * (1.0 - alpha)
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)

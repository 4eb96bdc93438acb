"""The apps' PNG encoder and layer compositing, checked against Pillow (an independent decoder)."""

import io

import numpy as np
import pytest
from PIL import Image

from dlmath.widgets._png import composite, encode_png


@pytest.mark.parametrize("channels", [3, 4])
@pytest.mark.parametrize("filter", ["none", "sub"])
def test_encode_png_round_trips_through_pillow(channels, filter):
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, size=(7, 11, channels), dtype=np.uint8)
    decoded = Image.open(io.BytesIO(encode_png(pixels, filter=filter)))
    assert decoded.mode == ("RGB" if channels == 3 else "RGBA") and decoded.size == (11, 7)
    np.testing.assert_array_equal(np.asarray(decoded), pixels)


def test_encode_png_rejects_what_it_cannot_encode():
    with pytest.raises(ValueError, match="uint8"):
        encode_png(np.zeros((2, 2, 3)))
    with pytest.raises(ValueError, match="filter"):
        encode_png(np.zeros((2, 2, 3), np.uint8), filter="paeth")


def test_composite_matches_pillows_alpha_compositing():
    rng = np.random.default_rng(1)
    background = rng.integers(0, 256, size=(5, 6, 3), dtype=np.uint8)
    overlay = rng.integers(0, 256, size=(5, 6, 4), dtype=np.uint8)
    expected = Image.alpha_composite(
        Image.fromarray(background).convert("RGBA"), Image.fromarray(overlay, "RGBA")
    ).convert("RGB")
    assert np.abs(composite(background, overlay).astype(int) - np.asarray(expected, dtype=int)).max() <= 1
    clear = overlay.copy()
    clear[..., 3] = 0
    np.testing.assert_array_equal(composite(background, clear), background)  # a transparent overlay hides nothing

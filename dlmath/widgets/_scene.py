"""A picture's moving part as *data*: matplotlib artists turned into a *scene* the browser draws.

The apps build their pictures from matplotlib artists (``Line2D``, ``Text``, patches, scatter
collections, images). The still part (axes, ticks, contours) is rendered by Agg into a PNG once;
the artists that move are described here in CSS pixels of the picture, so that the front end
(``frontend.js``) draws them on an HTML canvas at the screen's pixel ratio, sharp at 1x and 2x.
matplotlib does all the geometry (limits, log scales, offsets, marker shapes); the browser only
strokes polylines, fills polygons and writes text.

A scene is packed (:func:`pack_scenes`) as a dictionary of lists and bytes:

- ``styles``: one dictionary per distinct look (kind, colours, widths, dash pattern, marker
  outline, clip rectangle, font);
- ``points``: all point arrays one after the other, as the bytes of one flat little-endian
  float32 array ``[x0, y0, x1, y1, ...]`` in CSS pixels (NaN for a gap). Bytes travel to the
  browser as one binary buffer of the widget message, not as JSON text, and the page reads
  them as a ``Float32Array`` without parsing;
- ``arrays``: per point array, ``[start, length]``: where its numbers are in ``points``
  (:func:`flat_points` reads one back in Python);
- ``frames``: per frame, a list of items ``[style index, array index, number of points]`` (lines,
  patches, markers), ``[style index, text, x, y]`` (texts) or ``[style index, image index]``.

Many frames of one run share their arrays: the path shown at step k is the first k + 1 points
of the path at the last step, so an item refers to a *prefix* of an array (a whole run of 500
frames packs into a few times the data of its last frame). This is what lets a frame slider and
Play be decided in the browser, without a message to the kernel.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text
from matplotlib.transforms import IdentityTransform

__all__ = ["artist_items", "ScenePacker", "pack_scenes", "unpack_frame", "flat_points"]

PT = 1.0 / 72.0  # inches per point


def _color(c, alpha=None):
    """A matplotlib colour as ``#rrggbbaa`` (``None`` for no colour); ``alpha`` overrides its own."""
    if c is None or (isinstance(c, str) and c.lower() == "none"):
        return None
    if alpha is not None:
        c = (*to_rgba(c)[:3], alpha)
    return to_hex(c, keep_alpha=True)


def _flat(arrays):
    """A list of (n, 2) arrays as one flat float32 array's bytes ``[x0, y0, ...]`` rounded to
    0.01 px (NaN where not finite), and each array's ``[start, length]`` in it."""
    lengths = [2 * len(a) for a in arrays]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(int) if arrays else []
    flat = np.round(np.concatenate([np.asarray(a, float).reshape(-1) for a in arrays]), 2) if arrays else np.zeros(0)
    flat[~np.isfinite(flat)] = np.nan
    return flat.astype("<f4").tobytes(), [[int(s), n] for s, n in zip(starts, lengths)]


def flat_points(packed, j):
    """Point array ``j`` of a packed scene (see the module docstring) as the flat list
    ``[x0, y0, ...]`` rounded to 0.01 px, ``None`` for a gap: what the browser draws."""
    start, length = packed["arrays"][j]
    flat = np.round(np.frombuffer(packed["points"], "<f4", count=length, offset=4 * start).astype(float), 2)
    return [None if v != v else v for v in flat.tolist()]


class _Space:
    """Display pixels of ``figure`` (as rendered) to CSS pixels of the picture (y down)."""

    def __init__(self, figure, scale):
        self.scale = float(scale)
        self.height = figure.bbox.height
        self.css_per_pt = figure.dpi / self.scale * PT  # CSS pixels per point

    def points(self, xy):
        xy = np.asarray(xy, float).reshape(-1, 2)
        return np.column_stack([xy[:, 0] / self.scale, (self.height - xy[:, 1]) / self.scale])

    def clip(self, artist):
        box = artist.get_clip_box() if artist.get_clip_on() else None
        if box is None:
            return None
        (x0, y0), (x1, y1) = self.points([[box.x0, box.y1], [box.x1, box.y0]])
        return [round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)]


def _outline(path, transform, size_css):
    """A marker's outline in CSS pixels around its centre (y down), from its unit path."""
    if path is None or len(path.vertices) == 0:
        return None
    polys = transform.transform_path(path).to_polygons(closed_only=False)
    if not polys:
        return None
    pts = np.concatenate(polys) * size_css
    pts[:, 1] *= -1
    return np.round(pts, 2).reshape(-1).tolist()


def _line_style(line, space):
    ls = line.get_linestyle()
    marker = line._marker  # the MarkerStyle: its outline draws any marker without a table of shapes
    ms = line.get_markersize() * space.css_per_pt
    has_marker = marker.get_marker() not in (None, "None", "", " ")
    alpha = line.get_alpha()
    return dict(
        kind="line",
        color=_color(line.get_color(), alpha) if ls not in ("None", " ", "") else None,
        lw=round(line.get_linewidth() * space.css_per_pt, 3),
        dash=[round(d * space.css_per_pt, 3) for d in (line._dash_pattern[1] or [])],  # already scaled by the width
        marker=_outline(marker.get_path(), marker.get_transform(), ms) if has_marker else None,
        filled=bool(marker.is_filled()),
        mfc=_color(line.get_markerfacecolor(), alpha),
        mec=_color(line.get_markeredgecolor(), alpha),
        mew=round(line.get_markeredgewidth() * space.css_per_pt, 3),
        clip=space.clip(line),
    )


def _line(line, space, cache):
    # the data as set (numbers: no unit conversion is needed, and no recaching of the line)
    x, y = np.asarray(line.get_xdata(orig=True), float), np.asarray(line.get_ydata(orig=True), float)
    xy = np.column_stack(np.broadcast_arrays(x.reshape(-1), y.reshape(-1)))
    trans = cache.get(("transform", id(line)))
    if trans is None:
        trans = cache[("transform", id(line))] = line.get_transform().frozen()  # fixed while the limits are
    points = space.points(trans.transform(xy)) if len(xy) else np.zeros((0, 2))
    key = (
        "style", id(line), str(line.get_color()), line.get_linewidth(), line.get_linestyle(), str(line.get_marker()),
        line.get_markersize(), str(line.get_markerfacecolor()), str(line.get_markeredgecolor()),
        line.get_markeredgewidth(), line.get_alpha(), line.get_clip_on(),
    )  # fmt: skip
    style = cache.get(key)
    if style is None:
        style = cache[key] = _line_style(line, space)
    return style, points


def _patch(patch, space):
    polys = patch.get_transform().transform_path(patch.get_path()).to_polygons(closed_only=False)
    points = space.points(np.concatenate(polys)) if polys else np.zeros((0, 2))
    alpha = patch.get_alpha()
    fc = patch.get_facecolor() if patch.get_fill() else None
    style = dict(
        kind="patch",
        fc=None if fc is None or fc[3] == 0 else _color(fc, alpha),
        ec=None
        if patch.get_edgecolor()[3] == 0 or patch.get_linewidth() == 0
        else _color(patch.get_edgecolor(), alpha),
        lw=round(patch.get_linewidth() * space.css_per_pt, 3),
        clip=space.clip(patch),
    )
    return style, points


_BASELINES = {"top": "top", "center": "middle", "center_baseline": "middle", "baseline": "alphabetic"}


def _text(text, space, renderer, cache):
    if isinstance(text, Annotation):
        text.update_positions(renderer)  # sets the transform of the text's own position
    x, y = space.points(text.get_transform().transform(text.get_unitless_position()))[0]
    key = ("style", id(text), str(text.get_color()), text.get_fontsize(), text.get_fontweight(),
           text.get_horizontalalignment(), text.get_verticalalignment(), text.get_alpha())  # fmt: skip
    style = cache.get(key)
    if style is None:
        style = cache[key] = dict(
            kind="text",
            color=_color(text.get_color(), text.get_alpha()),
            size=round(text.get_fontsize() * space.css_per_pt, 2),
            weight="bold" if text.get_fontweight() in ("bold", "heavy", 700, 800, 900) else "normal",
            align=text.get_horizontalalignment(),
            baseline=_BASELINES.get(text.get_verticalalignment(), "bottom"),
            clip=None,
        )
    return style, text.get_text(), round(float(x), 2), round(float(y), 2)


def _hex_colors(rgba):
    """An (n, 4) array of RGBA in [0, 1] as ``#rrggbbaa`` strings, as ``to_hex(c, keep_alpha=True)``
    writes each (both round half to even), without a matplotlib call per colour."""
    channels = np.round(np.asarray(rgba, float).reshape(-1, 4) * 255).astype(np.uint8)
    return ["#" + row.tobytes().hex() for row in channels]


def _scatter(coll, space, cache):
    offsets = coll.get_offset_transform().transform(np.asarray(coll.get_offsets(), float))
    points = space.points(offsets) if len(offsets) else np.zeros((0, 2))
    fcs = np.asarray(coll.get_facecolors())
    key = ("scatter", id(coll), fcs.tobytes(), tuple(coll.get_sizes()[:1]), tuple(coll.get_linewidths()[:1]))
    style = cache.get(key)
    if style is None:  # the colours of the points, one per point: the same from frame to frame
        style = cache[key] = _scatter_style(coll, space, fcs)
    return style, points


def _scatter_style(coll, space, fcs):
    size = np.sqrt(coll.get_sizes()[0] if len(coll.get_sizes()) else 36.0) * space.css_per_pt
    ecs = coll.get_edgecolors()
    return dict(
        kind="scatter",
        marker=_outline(coll.get_paths()[0], IdentityTransform(), size),  # the path is the marker at size 1 pt
        colors=_hex_colors(fcs),
        mec=_color(ecs[0]) if len(ecs) else None,
        mew=round(float(coll.get_linewidths()[0]) * space.css_per_pt, 3) if len(coll.get_linewidths()) else 0,
        clip=space.clip(coll),
    )


def _image(image, space, renderer):
    rgba = np.asarray(image.to_rgba(image.get_array(), bytes=True))
    if image.origin == "lower":
        rgba = rgba[::-1]
    box = image.get_window_extent(renderer)
    (x0, y0), (x1, y1) = space.points([[box.x0, box.y1], [box.x1, box.y0]])
    style = dict(kind="image", box=[round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)], clip=space.clip(image))
    return style, rgba


def artist_items(artists, figure, scale, cache=None):
    """The visible ``artists`` of ``figure`` as scene items, in drawing order.

    Parameters
    ----------
    artists : list of matplotlib artists
        ``Line2D``, ``Text`` (and ``Annotation``), ``Patch``, ``PathCollection`` or ``AxesImage``.
    figure : matplotlib.figure.Figure
        Rendered at ``scale`` times its CSS size.
    scale : float
        Rendered pixels per CSS pixel.
    cache : dict, optional
        Kept between calls while the axis limits stay the same (the frames of one run): styles
        and frozen transforms are then computed once per artist.

    Returns
    -------
    list of tuple
        ``("points", style, array of shape (n, 2))`` for lines, patches and scatters (CSS pixels,
        y down), ``("text", style, text, x, y)`` for texts (the anchor point named by the style's
        ``align`` and ``baseline``) and ``("image", style, array of shape (h, w, 4) uint8)``.
    """
    space = _Space(figure, scale)
    cache = {} if cache is None else cache
    renderer = figure.canvas.get_renderer()
    items = []
    for artist in artists:
        if not artist.get_visible():
            continue
        if isinstance(artist, Line2D):
            items.append(("points", *_line(artist, space, cache)))
        elif isinstance(artist, Text):
            if isinstance(artist, Annotation) and not artist._check_xy(renderer):
                continue  # hidden by annotation_clip, as matplotlib does
            if artist.get_text():
                items.append(("text", *_text(artist, space, renderer, cache)))
        elif isinstance(artist, Patch):
            items.append(("points", *_patch(artist, space)))
        elif isinstance(artist, PathCollection):
            items.append(("points", *_scatter(artist, space, cache)))
        elif isinstance(artist, AxesImage):
            items.append(("image", *_image(artist, space, renderer)))
        else:
            raise TypeError(
                f"a scene cannot show a {type(artist).__name__}; use lines, texts, patches, scatters or images"
            )
    return items


def _same(a, b):
    return a.shape == b.shape and bool(((a == b) | (np.isnan(a) & np.isnan(b))).all())


class ScenePacker:
    """Packs scenes one at a time (the frames of a run, as they are recorded): see :func:`pack_scenes`.

    A point array that continues the last array stored for the same item (the path one step
    further) replaces it, and earlier frames refer to a prefix of it; an array that is a prefix
    of it is a reference to it.
    """

    def __init__(self):
        self.styles, self._style_index, self._style_seen = [], {}, {}
        self._arrays, self._current = [], {}  # numpy arrays; item position -> the array it extends
        self.images, self._image_index = [], {}
        self.frames = []

    def _style(self, style):
        seen = self._style_seen.get(id(style))  # the same dictionary again (styles are cached per artist)
        if seen is not None and seen[0] is style:  # (it is held here, so its id is not reused)
            return seen[1]
        key = repr(sorted(style.items()))
        if key not in self._style_index:
            self._style_index[key] = len(self.styles)
            self.styles.append(style)
        self._style_seen[id(style)] = (style, self._style_index[key])
        return self._style_index[key]

    def _points(self, slot, pts):
        n = len(pts)
        a = self._current.get(slot)
        if a is not None:
            have = self._arrays[a]
            m = min(n, len(have))
            if m == 0 or (_same(have[m - 1], pts[m - 1]) and _same(have[:m], pts[:m])):
                if n > len(have):
                    self._arrays[a] = pts  # the path went on: earlier frames keep their prefix
                return a
        self._current[slot] = len(self._arrays)
        self._arrays.append(pts)
        return self._current[slot]

    def add(self, scene):
        """Append one scene (a list from :func:`artist_items`) as the next frame."""
        out = []
        for slot, item in enumerate(scene):
            kind, style = item[0], self._style(item[1])
            if kind == "text":
                out.append([style, item[2], item[3], item[4]])
            elif kind == "image":
                rgba = np.ascontiguousarray(item[2])
                key = (rgba.shape, rgba.tobytes())
                if key not in self._image_index:
                    self._image_index[key] = len(self.images)
                    self.images.append({"shape": list(rgba.shape[:2]), "rgba": key[1]})
                out.append([style, self._image_index[key]])
            else:
                pts = np.round(np.asarray(item[2], float), 2)
                out.append([style, self._points(slot, pts), len(pts)])
        self.frames.append(out)

    def packed(self):
        """The frames added so far, packed: ``{"styles", "points", "arrays", "images", "frames"}``."""
        points, arrays = _flat(self._arrays)
        return {"styles": self.styles, "points": points, "arrays": arrays, "images": self.images, "frames": self.frames}


def pack_scenes(scenes):
    """Pack a list of scenes (each a list from :func:`artist_items`) into one dictionary of lists and bytes.

    Styles are stored once; a point array that is a prefix of an array already stored (a path
    at an earlier step) is stored as a reference to it. Images are stored once per distinct
    content, as RGBA bytes with their shape.

    Returns
    -------
    dict
        ``{"styles": [...], "points": bytes, "arrays": [...], "images": [...], "frames": [...]}`` (see the module
        docstring).
    """
    packer = ScenePacker()
    for scene in scenes:
        packer.add(scene)
    return packer.packed()


def unpack_frame(packed, k):
    """Frame ``k`` of a packed scene (:func:`pack_scenes`) as a list of ``(style, data)``, the way
    the browser reads it: ``data`` is the point list (flat, CSS pixels), the text and its anchor,
    or the image's shape."""
    out = []
    for item in packed["frames"][k]:
        style = packed["styles"][item[0]]
        if style["kind"] == "text":
            out.append((style, tuple(item[1:])))
        elif style["kind"] == "image":
            out.append((style, tuple(packed["images"][item[1]]["shape"])))
        else:
            out.append((style, flat_points(packed, item[1])[: 2 * item[2]]))
    return out

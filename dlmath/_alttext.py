"""Alt text for matplotlib figures: what a figure shows, in words, from the figure itself.

:func:`describe_figure` reads a figure's titles, axis labels, legend entries and the kinds of
things drawn (lines, points, images, contours, bars). :func:`install` makes IPython attach that
text to every figure it displays, as the output metadata ``{"image/png": {"alt": ...}}``; the
course site's build (``site/build.py``) installs it in its kernels and gives each figure of a
page its alt text. In JupyterLab nothing changes.
"""

from __future__ import annotations

import re

from matplotlib.collections import LineCollection, PathCollection, PolyCollection, QuadMesh
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

__all__ = ["describe_figure", "install"]


_FRAC = re.compile(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}")
_COMMAND = re.compile(r"\\([A-Za-z]+)")


def plain(text: str) -> str:
    """Mathtext as plain words: ``$\\frac{1}{2}\\theta_t$`` -> ``1/2 theta_t`` (alt text is read aloud)."""
    if "$" not in text:
        return text
    text = _FRAC.sub(r"(\1)/(\2)", text)
    text = _COMMAND.sub(lambda m: GREEK.get(m.group(1), m.group(1)), text)
    return " ".join(text.replace("$", "").replace("{", "").replace("}", "").split())


GREEK = {
    "theta": "θ",
    "eta": "η",
    "alpha": "α",
    "beta": "β",
    "mu": "μ",
    "sigma": "σ",
    "varphi": "φ",
    "phi": "φ",
    "epsilon": "ε",
    "lambda": "λ",
    "partial": "∂",
    "nabla": "∇",
    "cdot": "·",
    "times": "×",
    "top": "ᵀ",
    "hat": "",
    "mathrm": "",
    "mathbf": "",
    "left": "",
    "right": "",
}


def _visible_text(text):
    return plain(text.get_text().strip()) if text is not None and text.get_visible() else ""


def _kinds(ax):
    kinds = []
    lines = [ln for ln in ax.get_lines() if ln.get_visible() and len(ln.get_xdata()) > 1]
    if lines:
        kinds.append(f"{len(lines)} line{'s' if len(lines) > 1 else ''}")
    points = [c for c in ax.collections if isinstance(c, PathCollection) and len(c.get_offsets())]
    if points:
        n = sum(len(c.get_offsets()) for c in points)
        kinds.append(f"{n} point{'s' if n > 1 else ''}")
    if any(isinstance(c, (ContourSet, LineCollection)) for c in ax.collections) or any(
        isinstance(c, PolyCollection) and not isinstance(c, PathCollection) for c in ax.collections
    ):
        kinds.append("contour lines or filled regions")
    if ax.images or any(isinstance(c, QuadMesh) for c in ax.collections):
        kinds.append("an image")
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    if len(bars) > 1:
        kinds.append(f"{len(bars)} bars")
    return kinds


def _legend(ax):
    legend = ax.get_legend()
    if legend is None:
        return []
    return [plain(t.get_text()) for t in legend.get_texts() if t.get_text().strip()]


def describe_figure(fig: Figure) -> str:
    """A sentence or two that says what ``fig`` shows (for an image's alt text).

    Example: ``"Figure: Training. Panel 1 "loss per epoch": loss against epoch, 2 lines
    (legend: train, validation)."``
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    head = "Figure"
    suptitle = _visible_text(getattr(fig, "_suptitle", None))
    if suptitle:
        head += f": {suptitle}"
    axes = [ax for ax in fig.axes if ax.get_visible() and (ax.axison or ax.has_data() or ax.texts)]
    parts = []
    for n, ax in enumerate(axes, 1):
        title = plain(" ".join(t for t in (ax.get_title("left"), ax.get_title(), ax.get_title("right")) if t.strip()))
        xlabel, ylabel = plain(ax.get_xlabel().strip()), plain(ax.get_ylabel().strip())
        words = [
            f"Panel {n}" + (f' "{title}"' if title else "") if len(axes) > 1 else (f'"{title}"' if title else "A plot")
        ]
        if xlabel and ylabel:
            words.append(f"{ylabel} against {xlabel}")
        elif xlabel or ylabel:
            words.append(f"axis {xlabel or ylabel}")
        kinds = _kinds(ax)
        if kinds:
            words.append(", ".join(kinds))
        if not ax.axison and ax.texts:
            shown = [plain(t.get_text().strip()) for t in ax.texts if t.get_text().strip()][:6]
            if shown:
                words.append("text: " + " | ".join(shown))
        legend = _legend(ax)
        if legend:
            words.append("legend: " + ", ".join(legend))
        parts.append(": ".join(words[:2]) + (", " + ", ".join(words[2:]) if len(words) > 2 else ""))
    body = ". ".join(parts) if parts else "an empty figure"
    return " ".join(f"{head}. {body}.".split())


def install(ip=None) -> None:
    """Attach :func:`describe_figure` as alt text to each figure IPython displays as PNG.

    matplotlib's inline backend registers its own PNG formatter for figures when pyplot is
    first used; the wrapper is put back in front of it before each cell runs and before the
    backend shows the cell's figures.
    """
    if ip is None:
        from IPython import get_ipython

        ip = get_ipython()
    if ip is None:
        raise RuntimeError("install() needs a running IPython (a Jupyter kernel)")
    formatter = ip.display_formatter.formatters["image/png"]

    def wrap(*_):
        current = formatter.lookup_by_type(Figure) if Figure in formatter.type_printers else None
        if current is None or getattr(current, "_dlmath_alt", False):
            return

        def png_with_alt(fig, _print=current):
            data = _print(fig)
            if data is None:
                return None
            return data, {"alt": describe_figure(fig)}

        png_with_alt._dlmath_alt = True
        formatter.for_type(Figure, png_with_alt)

    ip.events.register("pre_run_cell", wrap)
    # registered before the inline backend's own post_execute hook (which shows the figures), so
    # it runs first: also a figure made in the cell that first imports pyplot gets its alt text
    ip.events.register("post_execute", wrap)
    wrap()

"""Step through a matrix product one dot product at a time (and transpose, c*A, A + B).

The states come from :func:`dlmath.widgets.matmul_steps.matmul_step`; this module draws them.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import to_hex, to_rgba

from ..plots import draw_matrix
from ._app import PALETTE, App, Canvas, Player, fmt, pick_frames
from .matmul_steps import MODES, final_result, fix_hint, matmul_step, n_steps, parse_matrix

__all__ = ["MatmulStepper", "matmul_alt", "matmul_stepper"]


def _matrix_text(M):
    return "; ".join(" ".join(fmt(x) for x in row) for row in M)


def matmul_alt(A, B, mode, state):
    """The picture's text alternative: the operation, the matrices and what the current step does."""
    what = {"product": "A @ B", "transpose": "the transpose of A", "scale": "c · A", "add": "A + B"}[mode]
    inputs = f"A = {_matrix_text(A)}" + (f" and B = {_matrix_text(B)}" if mode in ("product", "add") else "")
    if state is None:
        return f"Matrix stepper for {what}, {inputs} (rows separated by semicolons), before the first step."
    return f"Matrix stepper for {what}, {inputs}, step {state.k}: {state.expression}."


class MatmulStepper(App):
    """The app returned by :func:`matmul_stepper`."""

    TITLE = "Matrix-multiplication stepper"

    def __init__(self, A, B, mode="product", c=2.0):
        self.A, self.B = parse_matrix(_matrix_text(A), "A"), parse_matrix(_matrix_text(B), "B")
        canvas = Canvas(figsize=(9.0, 2.8))
        self.ax = canvas.figure.add_axes((0.01, 0.02, 0.98, 0.96))
        self.ax.set_axis_off()
        self.expression = ""  # the arithmetic of the current step, shown in the info line
        self.mode = widgets.ToggleButtons(
            options=[(v, k) for k, v in MODES.items()],
            value=mode,
            description="operation",
            style={"button_width": "70px"},
        )
        self.a_text = widgets.Text(_matrix_text(self.A), description="A =", continuous_update=False)
        self.b_text = widgets.Text(_matrix_text(self.B), description="B =", continuous_update=False)
        self.c_value = widgets.FloatText(c, description="c =", layout=widgets.Layout(width="150px"))
        self.player = Player(2, interval=700)
        self.player.slider.add_class("dlmath-test-slider")
        super().__init__(canvas, [self.mode, widgets.HBox([self.a_text, self.b_text, self.c_value]), self.player.box])
        self.add_class("dlmath-matmul_stepper")
        for w in (self.mode, self.a_text, self.b_text, self.c_value):
            w.observe(self._settings_changed, names="value")
        self._busy = False  # True while the settings change: the step observer waits
        self.player.slider.observe(lambda _: None if self._busy else self._draw_step(), names="value")
        self.state = None
        self.canvas.follow(self.player.slider)
        self._settings_changed()

    # ---- settings: parse, lay the matrices out (a full redraw) -------------------------------
    def _settings_changed(self, change=None):
        # everything that depends on the settings is set here first, whatever happens next (an
        # error must not leave the flags or the step of the previous settings behind)
        mode = self.mode.value
        self.b_text.disabled = mode in ("transpose", "scale")
        self.c_value.disabled = mode != "scale"
        self.state = None
        self.canvas.forget()
        try:
            self.A = parse_matrix(self.a_text.value, "A")
            self.B = parse_matrix(self.b_text.value, "B")
            self.total = n_steps(self.A, self.B, mode, self.c_value.value)
        except ValueError as err:
            self.total = 0
            self._say(fix_hint(str(err), mode, self.A), error=True)  # said once, above the picture
            self._busy = True
            self.player.set_length(1, value=0)
            self._busy = False
            self._layout_error()
            return
        self._say("")
        self._key = (mode, self.A.tobytes(), self.A.shape, self.B.tobytes(), self.B.shape, self.c_value.value)
        self._layout()
        self._busy = True
        self.player.set_length(self.total + 1, value=1)
        self._busy = False
        self._draw_step(full=True)
        # every step, for the slider and Play
        self.canvas.record(self._set_step, self.total + 1, lambda: self.player.slider.value)

    def _grid(self, M, x0, y0, label, result=False):
        """One matrix, drawn by :func:`dlmath.plots.draw_matrix` (the chapters' grid drawer).

        The boxes are transparent and live on the overlay, so a step only recolours them; the
        inputs' numbers stay on the still background, the result's are written step by step.
        """
        grid = draw_matrix(
            self.ax, np.full(M.shape, np.nan) if result else M, xy=(x0, y0), facecolor="none",
            edgecolor="0.35", fmt=fmt, label=label, frame=False,
        )  # fmt: skip
        self.canvas.dynamic(*grid.cells.values())
        if result:
            self.canvas.dynamic(*grid.texts.values())
        return grid

    def _clear(self):
        for artist in list(self.ax.patches) + list(self.ax.texts):
            artist.remove()
        self.canvas.clear_dynamic()

    def _layout(self):
        self._clear()
        mode, A, B = self.mode.value, self.A, self.B
        final = final_result(A, B, mode, self.c_value.value)
        inputs = [("A", A)] + ([("B", B)] if mode in ("product", "add") else [])
        height = max(M.shape[0] for _, M in inputs + [("", final)])
        x = 0.0
        self.grids = {}
        for idx, (name, M) in enumerate(inputs):
            if idx == 1:
                self.ax.text(
                    x + 0.6, height / 2, "×" if mode == "product" else "+", ha="center", va="center", fontsize=18
                )
                x += 1.2
            if mode == "scale":
                self.ax.text(x + 0.6, height / 2, f"{fmt(self.c_value.value)} ·", ha="center", va="center", fontsize=16)
                x = 1.6
            self.grids[name] = self._grid(M, x, (height - M.shape[0]) / 2, f"{name}  ({M.shape[0]}×{M.shape[1]})")
            x += M.shape[1]
        self.ax.text(x + 0.6, height / 2, "=", ha="center", va="center", fontsize=18)
        x += 1.2
        label = {"product": "C = AB", "transpose": "Aᵀ", "scale": "cA", "add": "A + B"}[mode]
        self.grids["C"] = self._grid(
            final, x, (height - final.shape[0]) / 2, f"{label}  ({final.shape[0]}×{final.shape[1]})", result=True
        )
        x += final.shape[1]
        if mode == "product":
            self.ax.text(
                x + 0.4,
                height / 2,
                f"({A.shape[0]}×{A.shape[1]}) @ ({B.shape[0]}×{B.shape[1]})\n"
                f"→ ({final.shape[0]}×{final.shape[1]})\ncolumns of A\n= rows of B",
                ha="left",
                va="center",
                fontsize=10,
                color="0.3",
            )
            x += 4.2
        # square cells: choose limits whose ratio matches the axes' ratio in inches
        bbox = self.ax.get_position()
        ratio = bbox.width * self.figure.get_figwidth() / (bbox.height * self.figure.get_figheight())
        width = max(x + 0.4, (height + 1.2) * ratio)
        self.ax.set_xlim(-0.2, width - 0.2)
        top = height + 1.0
        self.ax.set_ylim(top - width / ratio, top)

    def _layout_error(self):
        """No picture while the settings are wrong: the message above says what to fix."""
        self._clear()
        self.expression = ""
        self._show("")
        self.canvas.describe("No picture: the matrices above need fixing (see the message).")
        self.canvas.redraw()

    # ---- one step: recolour cells, fill the result (a blitted frame) -------------------------
    def _draw_step(self, full=False):
        if self.total == 0:
            return
        self._set_step(self.player.slider.value)
        self.canvas.redraw(key=self._key) if full else self.canvas.frame()

    def _set_step(self, k):
        """Set the picture, its alt text and the info line to step ``k`` (drawn by the caller)."""
        # translucent highlights: the numbers on the background stay readable through them
        highlight = {name: to_hex(to_rgba(color, 0.55), keep_alpha=True) for name, color in
                     {"A": PALETTE[1], "B": PALETTE[5], "C": PALETTE[2]}.items()}  # fmt: skip
        for grid in self.grids.values():
            grid.set_highlight(None)
        if k == 0:
            self.state = None
            self.grids["C"].set_values(np.full(self.grids["C"].shape, np.nan))
            self.expression = "Press play or step: each step fills one entry of the result."
            self.canvas.describe(matmul_alt(self.A, self.B, self.mode.value, None))
        else:
            self.state = matmul_step(self.A, self.B, k, self.mode.value, self.c_value.value)
            for name, where in self.state.sources.items():
                self.grids[name].set_highlight(where, color=highlight[name])
            self.grids["C"].set_highlight([self.state.cell], color=highlight["C"])
            self.grids["C"].set_values(self.state.result)
            self.expression = self.state.expression
            self.canvas.describe(matmul_alt(self.A, self.B, self.mode.value, self.state))
        self._show(html.escape(self.expression))

    def static_scenarios(self):
        """The current matrices under each operation that applies to them (the product first),
        one step per frame."""
        A, B, c = self.A, self.B, self.c_value.value
        scenarios = []
        for mode in ("product", "transpose", "scale", "add"):
            try:
                total = n_steps(A, B, mode, c)
            except ValueError:  # e.g. A + B with unequal shapes, or A @ B with the wrong shapes
                continue
            app = MatmulStepper(A, B, mode, c)
            try:
                snaps = []
                for k in pick_frames(total, 60):
                    app._busy = True
                    app.player.slider.value = k
                    app._busy = False
                    app._draw_step()
                    snaps.append((app._snapshot()[0], app.expression))
                result = final_result(A, B, mode, c)
                what = {
                    "product": f"the matrix product C = AB of A = {_matrix_text(A)} and B = {_matrix_text(B)}: "
                    "each step highlights one row of A and one column of B and writes their dot "
                    "product into one entry of C",
                    "transpose": f"the transpose of A = {_matrix_text(A)}: each step copies entry (i, j) of A "
                    "to entry (j, i) of the result",
                    "scale": f"{fmt(c)} times A = {_matrix_text(A)}: each step multiplies one entry",
                    "add": f"A + B for A = {_matrix_text(A)} and B = {_matrix_text(B)}: each step adds one "
                    "pair of entries",
                }[mode]
                alt = (
                    f"Animation of {what}. Rows are separated by semicolons. The result is "
                    f"{_matrix_text(result)}, of shape {result.shape[0]}×{result.shape[1]}."
                )
                scenarios.append(self._scenario(MODES[mode], alt, snaps))
            finally:
                app._discard()
        return scenarios  # never empty: the transpose applies to any A


def matmul_stepper(A=None, B=None, mode="product", c=2.0):
    """Step through ``A @ B`` one dot product at a time; also ``A.T``, ``c * A`` and ``A + B``.

    Each step highlights row ``i`` of A and column ``j`` of B and writes their dot product into
    entry ``C[i, j]``. The matrices can be edited in the text boxes (``1 2 3; 4 5 6``).

    Parameters
    ----------
    A : array_like, shape (m, n), default ``[[1, 2, 3], [4, 5, 6]]``
    B : array_like, shape (n, p), default ``[[7, 8], [9, 10], [11, 12]]``
    mode : {"product", "transpose", "scale", "add"}
    c : float
        The scalar for ``mode="scale"``.

    Returns
    -------
    MatmulStepper
        An ``ipywidgets.VBox``; its ``state`` attribute is the current :class:`MatmulStep`.
    """
    A = [[1, 2, 3], [4, 5, 6]] if A is None else A
    B = [[7, 8], [9, 10], [11, 12]] if B is None else B
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; valid modes are {', '.join(map(repr, MODES))}")
    return MatmulStepper(np.asarray(A, dtype=float), np.asarray(B, dtype=float), mode, c)

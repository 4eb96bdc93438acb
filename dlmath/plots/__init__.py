"""The course's pictures, drawn the same way everywhere (matplotlib, Okabe-Ito colours).

- :mod:`dlmath.plots.curves`: :data:`PALETTE`, ``plot_history``, ``plot_decision_boundary``,
  ``plot_surface``, ``plot_paths``, ``plot_function``, ``plot_squared_errors`` (each takes an
  optional ``ax`` and returns it).
- :mod:`dlmath.plots.matrix`: ``draw_matrix``, a matrix as a grid of boxes (returns a
  :class:`MatrixArtists`, to recolour cells or rewrite numbers in place).
- :mod:`dlmath.plots.grids`: ``draw_stack`` (a 3-D tensor), ``draw_product`` (one entry of A @ B).
- :mod:`dlmath.plots.diagrams`: ``draw_network``, ``draw_vectors``, ``draw_linear_map``, ``draw_cycle``.
- :mod:`dlmath.plots.graphs`: ``draw_graph`` (the graph autograd records), ``draw_computation``
  (one laid out by hand, with values, gradients and local derivatives).

Every name is importable from ``dlmath.plots`` itself.
"""

from .curves import (
    PALETTE,
    plot_decision_boundary,
    plot_function,
    plot_history,
    plot_paths,
    plot_squared_errors,
    plot_surface,
)
from .diagrams import draw_cycle, draw_linear_map, draw_network, draw_vectors
from .graphs import draw_computation, draw_graph
from .grids import draw_product, draw_stack
from .matrix import MatrixArtists, draw_matrix

__all__ = [
    "PALETTE",
    "plot_history",
    "plot_decision_boundary",
    "plot_surface",
    "plot_paths",
    "plot_function",
    "plot_squared_errors",
    "MatrixArtists",
    "draw_matrix",
    "draw_stack",
    "draw_product",
    "draw_network",
    "draw_graph",
    "draw_computation",
    "draw_vectors",
    "draw_linear_map",
    "draw_cycle",
]

"""An independent finite-difference reference for the tests (deliberately not dlmath.gradcheck)."""

import numpy as np


def fd(f, x, h=1e-6):
    """Centred finite differences of a scalar function, one coordinate at a time."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        fp = f(x)
        x[i] = old - h
        fm = f(x)
        x[i] = old
        g[i] = (fp - fm) / (2 * h)
    return g

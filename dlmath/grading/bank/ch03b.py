"""Exercises for chapter 03b, geometry: the angle between two vectors, a projection, the signed
distance from a hyperplane, and the area a matrix gives the unit square."""

from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, Mistake, register
from ._common import f64 as _f
from ._common import randn, said

CHAPTER = "03b_geometry"


def _norm(a):
    return np.sqrt(np.sum(_f(a) ** 2))


def _angle(u, v):
    cos = _f(u) @ _f(v) / (_norm(u) * _norm(v))
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def _angle_cases(rng):
    return [
        (randn(rng, 5), randn(rng, 5)),  # first: no special angle
        (np.array([3.0, 0.0]), np.array([1.0, 1.0])),  # 45 degrees, |u| != 1
        (np.array([2.0, 1.0]), np.array([-1.0, 2.0])),  # orthogonal
        (np.array([1.0, 2.0, 2.0]), np.array([-2.0, -4.0, -4.0])),  # opposite
        (np.array([4, 3]), np.array([3, 4])),
        (np.array([1, 1, 1]), np.array([2, 2, 2])),  # parallel: the cosine rounds to 1 + 2e-16
        (np.array([0.7, 0.2]), np.array([2.1, 0.6])),  # parallel, above 1 in every way of writing it
    ]


register(
    Exercise(
        id="ch03b_angle",
        answer="angle_degrees",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="The angle between two vectors",
        reference=_angle,
        cases=_angle_cases,
        rtol=1e-6,
        atol=1e-6,
        mistakes=[
            Mistake(
                "Rounding pushed the cosine a hair above 1 (u and v lie along the same line), and "
                "arccos of a number beyond [-1, 1] is NaN. Clip the cosine first: np.clip(c, -1, 1).",
                lambda got, expected, args: (
                    np.isnan(np.asarray(got, dtype=float)).any()
                    and abs(np.dot(_f(args[0]), _f(args[1]))) >= 0.999 * _norm(args[0]) * _norm(args[1])
                ),
                family="stability",
            ),
            M.matches(
                lambda u, v: np.degrees(np.arccos(np.clip(_f(u) @ _f(v) / (_f(u) @ _f(u)), -1, 1))),
                "You divided by u . u. The cosine divides the dot product by the product of both lengths, |u| |v|.",
                family="missing_term",
            ),
            M.matches(
                lambda u, v: np.degrees(np.arccos(np.clip(_f(u) @ _f(v) / (_norm(u) + _norm(v)), -1, 1))),
                "You added the lengths. The cosine divides by their product, |u| |v|.",
                family="wrong_formula",
            ),
            M.matches(
                lambda u, v: np.radians(_angle(u, v)),
                "Your angle is in radians. Convert it to degrees (np.degrees).",
                family="wrong_formula",
            ),
            M.matches(
                lambda u, v: _f(u) @ _f(v) / (_norm(u) * _norm(v)),
                "That is cos(theta). Take the arccos, then convert to degrees.",
                family="wrong_formula",
            ),
            M.matches(
                lambda u, v: np.degrees(np.arccos(np.clip(_f(u) @ _f(v) / _norm(u), -1, 1))),
                "Divide the dot product by BOTH lengths, |u| |v|.",
                family="missing_term",
            ),
            M.matches(
                lambda u, v: np.degrees(np.arccos(np.clip(_f(u) @ _f(v) / (_f(u) @ _f(u) * (_f(v) @ _f(v))), -1, 1))),
                "You divided by the squared lengths. The length is sqrt(u . u).",
                family="wrong_formula",
            ),
            M.matches(
                lambda u, v: np.degrees(
                    np.arccos(np.clip(np.sum(_f(u) * _f(v)) / (np.sum(np.abs(u)) * np.sum(np.abs(v))), -1, 1))
                ),
                "The length is the Euclidean norm sqrt(sum u_i^2), not the sum of |u_i|.",
                family="wrong_formula",
            ),
            M.matches(
                lambda u, v: np.degrees(np.arccos(abs(_f(u) @ _f(v)) / (_norm(u) * _norm(v)))),
                "Keep the sign of the dot product: an angle above 90 degrees has a negative cosine.",
                family="sign",
            ),
            M.matches(
                lambda u, v: np.degrees(np.arcsin(np.clip(_f(u) @ _f(v) / (_norm(u) * _norm(v)), -1, 1))),
                "u . v = |u| |v| cos(theta): use arccos, not arcsin.",
                family="wrong_formula",
            ),
        ],
        hints=[
            "cos(theta) = u . v / (|u| |v|), with |u| = sqrt(u . u).",
            "theta = np.degrees(np.arccos(...)).",
        ],
    )
)


def _project(u, v):
    u, v = _f(u), _f(v)
    return (u @ v) / (v @ v) * v


def _proj_cases(rng):
    return [
        (np.array([3.0, 1.0]), np.array([2.0, 0.0])),  # |v| != 1
        (np.array([1.0, 2.0, 3.0]), np.array([0.0, 1.0, 1.0])),
        (randn(rng, 4), randn(rng, 4, scale=3.0)),
        (np.array([2, -1]), np.array([1, 1])),
        (np.array([1.0, 0.0]), np.array([0.0, 5.0])),
    ]  # orthogonal: the zero vector


register(
    Exercise(
        id="ch03b_project",
        answer="project",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="Project one vector on another",
        reference=_project,
        cases=_proj_cases,
        mistakes=[
            M.matches(
                lambda u, v: (_f(u) @ _f(v)) / (_f(v) @ _f(v)) * _f(u),
                "Your vector lies along u. The projection on v lies along v: multiply the number "
                "(u . v) / (v . v) by v.",
                family="shape",
            ),
            M.matches(
                lambda u, v: _project(v, u),
                "You projected v on u. The projection of u on v lies along v: (u . v / v . v) v.",
                family="swapped",
            ),
            M.matches(
                lambda u, v: (_f(u) @ _f(v)) * _f(v),
                "You forgot to divide by v . v: (u . v) v is only the projection when v has length 1.",
                family="missing_term",
            ),
            M.matches(
                lambda u, v: (_f(u) @ _f(v)) / _norm(v) * _f(v),
                "Divide by |v| twice (once to make v a unit vector, once for the shadow's length): by v . v.",
                family="missing_term",
            ),
            M.matches(
                lambda u, v: (_f(u) @ _f(v)) / _norm(v),
                "That is the signed length of the shadow, a number. Return the projection as a vector along v.",
                family="shape",
            ),
            M.matches(
                lambda u, v: _f(u) - _project(u, v),
                "That is the residual u - proj, the part of u orthogonal to v. Return the projection itself.",
                family="wrong_formula",
            ),
            M.matches(
                lambda u, v: (_f(u) @ _f(v)) / (_f(u) @ _f(u)) * _f(v), "Divide by v . v, not u . u.", family="swapped"
            ),
        ],
        hints=[
            "The projection points along v. Its signed length is u . v / |v|.",
            "proj = (u @ v) / (v @ v) * v.",
        ],
    )
)


def _signed_distance(X, w, b):
    X, w = _f(X), _f(w)
    return (X @ w + b) / _norm(w)


def _dist_cases(rng):
    return [
        (randn(rng, 5, 2), np.array([3.0, 4.0]), 2.0),  # |w| = 5
        (np.array([[1.0, 1.0], [0.0, 0.0], [-2.0, 3.0]]), np.array([1.0, -1.0]), -0.5),
        (randn(rng, 4, 3), randn(rng, 3), 1.5),
        (np.array([[2, 0], [0, 2]]), np.array([0, 2]), 0),
        (randn(rng, 6, 2), np.array([-1.0, 2.0]), 3.0),
    ]


register(
    Exercise(
        id="ch03b_signed_distance",
        answer="signed_distance",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="Signed distance from a hyperplane",
        reference=_signed_distance,
        cases=_dist_cases,
        mistakes=[
            M.matches(
                lambda X, w, b: _f(X) @ _f(w) + b,
                "That is z = w . x + b. Divide it by |w| to get a distance.",
                family="missing_term",
            ),
            M.matches(
                lambda X, w, b: (_f(X) @ _f(w) + b) / (_f(w) @ _f(w)),
                "You divided by |w|^2. The distance is z / |w|.",
                family="wrong_formula",
            ),
            M.matches(
                lambda X, w, b: _f(X) @ _f(w) / _norm(w),
                "You left out the bias b: the hyperplane is w . x + b = 0.",
                family="missing_term",
            ),
            M.negated("Your distances have the wrong sign: positive on the side w points to."),
            M.matches(
                lambda X, w, b: np.abs(_signed_distance(X, w, b)),
                "Keep the sign: it tells on which side of the hyperplane each point lies.",
                family="sign",
            ),
            M.matches(
                lambda X, w, b: (_f(X) @ _f(w) + b) / np.sum(np.abs(w)),
                "The length of w is the Euclidean norm sqrt(w . w), not the sum of |w_i|.",
                family="wrong_formula",
            ),
            M.matches(
                lambda X, w, b: (_f(X) @ _f(w) - b) / _norm(w), "Add the bias: w . x + b, not w . x - b.", family="sign"
            ),
        ],
        hints=[
            "Compute z = X @ w + b, one number per row of X.",
            "Divide by the length of w, np.sqrt(w @ w).",
        ],
    )
)

AREA_MATRIX = np.array([[1.0, 3.0], [4.0, 2.0]])

register(
    Exercise(
        id="ch03b_area",
        answer="area",
        kind="value",
        chapter=CHAPTER,
        points=1,
        title="The area of the image of the unit square",
        reference=lambda: abs(AREA_MATRIX[0, 0] * AREA_MATRIX[1, 1] - AREA_MATRIX[0, 1] * AREA_MATRIX[1, 0]),
        rtol=1e-6,
        mistakes=[
            said(
                -10.0, "An area is never negative: it is |det A|, the absolute value of the determinant.", family="sign"
            ),
            said(2.0, "You multiplied only the diagonal. det A = a00 a11 - a01 a10.", family="missing_term"),
            said(14.0, "Subtract the product of the off-diagonal entries: det A = a00 a11 - a01 a10.", family="sign"),
            said(3.0, "That is the trace (the sum of the diagonal). The area is |det A|.", family="wrong_formula"),
            said(100.0, "That is det(A)^2. The area is |det A|.", family="wrong_formula"),
            said(
                0.1,
                "That is 1 / |det A|, the factor of the inverse map. A itself scales areas by |det A|.",
                family="wrong_formula",
            ),
        ],
        hints=[
            "The unit square goes to the parallelogram spanned by the columns of A.",
            "Its area is |a00 a11 - a01 a10|.",
        ],
    )
)

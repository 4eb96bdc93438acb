"""Exercises for chapter 04, neural networks: the weighted sum, layer shapes, parameter counts."""

from __future__ import annotations

import numpy as np

from .. import mistakes as M
from ..spec import Exercise, Mistake, register
from ._common import layer_sizes, randint, randn, said

CHAPTER = "04_neural_networks"


def _weighted_sum(X, W, b):
    return np.asarray(X) @ np.asarray(W).T + np.asarray(b)


def _weighted_sum_cases(rng):
    return [
        # square W first: X @ W (no transpose) runs there and gives wrong values, so the
        # mistake can be named before a shape error hides it
        (randn(rng, 4, 3), randn(rng, 3, 3), randn(rng, 3)),
        (randn(rng, 5, 3), randn(rng, 2, 3), randn(rng, 2)),
        (randn(rng, 1, 4), randn(rng, 3, 4), randn(rng, 3)),  # one sample
        (randn(rng, 6, 2), randn(rng, 1, 2), randn(rng, 1)),  # one neuron
        (randint(rng, 3, 2), randint(rng, 4, 2), randint(rng, 4)),  # integers
        (randn(rng, 2, 3), np.zeros((2, 3)), randn(rng, 2)),  # zero weights: only the bias
        *[(randn(rng, n, i), randn(rng, o, i), randn(rng, o)) for n, i, o in layer_sizes(rng)],  # generated
    ]


register(
    Exercise(
        id="ch04_weighted_sum",
        answer="layer_weighted_sum",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="The weighted sum of a layer",
        reference=_weighted_sum,
        cases=_weighted_sum_cases,
        mistakes=[
            M.matches(
                lambda X, W, b: np.asarray(X) @ np.asarray(W) + b,
                "You multiplied by W, not by "
                "its transpose. W has one row per neuron, shape (n_out, n_in), so Z = X W^T + b.",
                family="transposed",
            ),
            M.matches(
                lambda X, W, b: _weighted_sum(X, W, b) + b,
                "You added the bias twice (the "
                "source's 'weighted_sum + bias_node'). The weighted sum already includes b.",
                family="wrong_formula",
            ),
            M.matches(
                lambda X, W, b: np.asarray(X) @ np.asarray(W).T, "You left out the bias b.", family="missing_term"
            ),
            M.transposed("Your result has one column per sample. Z has one ROW per sample: shape (batch, n_out)."),
            M.matches(
                lambda X, W, b: np.asarray(X) @ np.asarray(W).T - b,
                "You subtracted the bias: Z = X W^T + b.",
                family="sign",
            ),
            M.matches(
                lambda X, W, b: np.asarray(X) @ np.asarray(W).T + np.sum(b),
                "You summed the "
                "bias into one number. Each neuron has its own bias: add the vector b (n_out,), "
                "which broadcasts over the rows.",
                family="wrong_formula",
            ),
        ],
        loops="forbidden",
        hints=[
            "Check the shapes: X is (batch, n_in), W is (n_out, n_in), b is (n_out,).",
            "X @ W.T has shape (batch, n_out); adding b (n_out,) adds it to every row.",
        ],
    )
)

register(
    Exercise(
        id="ch04_W_shape",
        answer="W_shape",
        kind="value",
        chapter=CHAPTER,
        points=1,
        integer_result=True,  # the text says "ints" / "an int"
        title="Predict the shape of W",
        reference=lambda: (4, 3),  # a layer with 3 inputs and 4 neurons: (n_out, n_in)
        mistakes=[
            said(
                (3, 4),
                "That is (n_in, n_out). In this course (and in PyTorch's nn.Linear) W has one "
                "ROW per neuron: shape (n_out, n_in).",
                family="shape",
            ),
            Mistake(
                "That is the number of weights. The shape is a tuple: (rows, columns), one row per neuron.",
                lambda got, expected, args: np.ndim(got) == 0,
                family="shape",
            ),
            said(
                (4,),
                "That is the shape of b, one number per neuron. W has one row per neuron AND one column per input.",
                family="shape",
            ),
            said((3,), "That is one neuron's weights. W stacks them: one row per neuron.", family="wrong_formula"),
            said((4, 4), "Each neuron has one weight per input, so each row has 3 entries.", family="shape"),
            said((3, 3), "There is one row per neuron, and the layer has 4 neurons.", family="shape"),
        ],
        hints=[
            "Each neuron has one weight per input.",
            "Stack each neuron's weights as one row.",
        ],
    )
)

register(
    Exercise(
        id="ch04_Z_shape",
        answer="Z_shape",
        kind="value",
        chapter=CHAPTER,
        points=1,
        integer_result=True,  # the text says "ints" / "an int"
        title="Predict the shape of Z for a batch",
        reference=lambda: (np.zeros((32, 3)) @ np.zeros((4, 3)).T + np.zeros(4)).shape,
        mistakes=[
            said((4, 32), "Z has one ROW per sample, like X: (batch, n_out).", family="shape"),
            said(
                (32, 3), "That is the shape of X. The layer turns 3 inputs into 4 outputs per sample.", family="shape"
            ),
            said((32,), "Z has one row per sample AND one column per neuron: it is 2-D.", family="shape"),
            said((4,), "That is the shape of b. Z has one row per sample and one column per neuron.", family="shape"),
            said((32, 4, 3), "The inner 3 disappears in X @ W.T: Z is 2-D, (batch, n_out).", family="shape"),
            Mistake(
                "That is the number of entries. Write the shape as a tuple, (rows, columns).",
                lambda got, expected, args: np.ndim(got) == 0,
                family="shape",
            ),
        ],
        hints=[
            "Follow the shapes through X @ W.T + b.",
            "(batch, n_in) @ (n_in, n_out) gives (batch, n_out).",
        ],
    )
)


def _count_params(sizes):
    return int(sum(n_out * n_in + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:])))


_ex_count_params = register(
    Exercise(
        id="ch04_count_params",
        integer_result=True,  # "a whole number": a float count fails
        answer="count_params",
        kind="function",
        chapter=CHAPTER,
        points=2,
        title="Count the parameters of a network",
        reference=_count_params,
        cases=[([2, 1],), ([3, 4, 2],), ([64, 128, 10],), ([784, 100, 100, 10],), ([1, 1, 1],), ([5],)],
        hidden_cases=[([3, 5, 4, 2],)],
        mistakes=[
            M.matches(
                lambda sizes: sum(a * b for a, b in zip(sizes, sizes[1:])) + len(sizes) - 1,
                "You counted one bias per layer. Each layer has a bias per neuron: n_out of them.",
                family="missing_term",
            ),
            M.matches(
                lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])),
                "You counted only the weights. Each layer also has one bias per neuron: n_out of them.",
                family="missing_term",
            ),
            M.matches(
                lambda s: sum(a * b + a for a, b in zip(s[:-1], s[1:])),
                "Your layers have one bias per INPUT. A bias belongs to a neuron: a layer has n_out biases.",
                family="missing_term",
            ),
            M.matches(
                lambda s: sum(s),
                "You counted the nodes. Parameters are the weights (one per "
                "connection) and the biases (one per neuron after the input layer).",
                family="wrong_formula",
            ),
            M.matches(
                lambda s: _count_params(s[:-1]) if len(s) > 1 else 0,
                "You left out the last layer: with k sizes there are k - 1 layers, one per consecutive pair.",
                family="off_by_one",
            ),
            M.matches(
                lambda s: int(np.prod(s)) + sum(s[1:]),
                "You multiplied all the sizes together. "
                "Each layer has its own W: n_out * n_in weights, layer by layer, then add.",
                family="wrong_formula",
            ),
            M.matches(
                lambda s: _count_params(s) + s[0],
                "The input layer has no biases: biases belong to the neurons of the layers after it.",
                family="wrong_formula",
            ),
        ],
        hints=[
            "Go through consecutive pairs of sizes (n_in, n_out): each pair is one layer.",
            "A layer has W of shape (n_out, n_in) and b of shape (n_out,).",
            "A network with a single size has no layers at all.",
        ],
    )
)

"""dlmath.autograd: every rule against finite differences, against Dense/Network backward,
and the properties the chapter relies on (gradients add, topological order, one pass)."""

import numpy as np
import pytest
from _fd import fd

from dlmath.autograd import Tensor, Value, topological_order
from dlmath.layers import Dense
from dlmath.losses import mse, mse_grad
from dlmath.network import MLP

SCALAR_FUNCTIONS = {
    "add_mul": lambda a, b: a * b + a + 2.0,
    "sub_div": lambda a, b: (a - b) / (b * b + 1.0) - 3.0 / (a * a + 2.0),
    "pow": lambda a, b: a**3 + b**-2 + 1.0 - a,
    "exp_tanh": lambda a, b: (a * b).tanh() * (b * 0.5).exp(),
    "relu": lambda a, b: (a - b).relu() * a + (b * 2.0).relu(),
    "rsub_rdiv": lambda a, b: 2.0 - a + 1.0 / b + 3.0 * a,
}


def _plain(f, a, b):
    """Evaluate a Value function on floats: wrap in Value, return .data."""
    return f(Value(a), Value(b)).data


@pytest.mark.parametrize("name", SCALAR_FUNCTIONS)
def test_value_gradients_match_finite_differences(name):
    f = SCALAR_FUNCTIONS[name]
    for a0, b0 in [(0.7, -1.3), (-0.4, 2.1), (1.9, 0.6)]:
        a, b = Value(a0), Value(b0)
        out = f(a, b)
        out.backward()
        numeric = fd(lambda p: _plain(f, p[0], p[1]), [a0, b0])
        np.testing.assert_allclose([a.grad, b.grad], numeric, rtol=1e-6, atol=1e-8)


def test_a_value_used_twice_gets_the_sum_of_both_contributions():
    x = Value(3.0)
    y = x * x + x  # dy/dx = 2x + 1 = 7; overwriting instead of adding gives 3 or 1
    y.backward()
    assert x.grad == 7.0
    assert isinstance(x.grad, float)


def test_backward_twice_gives_the_same_gradient():
    x = Value(0.3)
    y = (x * x).tanh()
    y.backward()
    first = x.grad
    y.backward()
    assert x.grad == first != 0.0


def test_topological_order_puts_every_node_after_its_parents():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    e = d * c
    order = topological_order(e)
    assert order[-1] is e and len(order) == 5  # a, b, c, d, e: each node once
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        assert all(position[id(p)] < position[id(node)] for p in node.parents)


def test_parents_are_the_operands_in_order():
    a, b = Value(1.0), Value(2.0)
    assert a.parents == ()
    c = a * b
    assert len(c.parents) == 2 and c.parents[0] is a and c.parents[1] is b
    assert (c + 3.0).parents[0] is c and (c + 3.0).parents[1].parents == ()  # 3.0 became a leaf


def test_a_deep_chain_needs_no_recursion():
    x = Value(0.5)
    y = x
    for _ in range(5000):  # deeper than Python's recursion limit
        y = y * 1.0
    y.backward()
    assert x.grad == 1.0


def test_relu_derivative_is_zero_at_the_kink():
    x = Value(0.0)
    x.relu().backward()
    assert x.grad == 0.0


def test_power_must_be_a_constant():
    with pytest.raises(TypeError, match="constant power"):
        Value(2.0) ** Value(3.0)


def test_tensor_dense_layer_matches_dense_backward():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 3))
    layer = Dense(3, 4, activation="tanh", rng=1)
    dA = rng.normal(size=(5, 4))
    layer.forward(X)
    dX = layer.backward(dA)

    Xt, W, b = Tensor(X), Tensor(layer.W), Tensor(layer.b)
    A = (Xt @ W.T + b).tanh()
    S = (A * Tensor(dA)).sum()  # dS/dA = dA exactly
    S.backward()
    np.testing.assert_allclose(W.grad, layer.dW, rtol=1e-12)
    np.testing.assert_allclose(b.grad, layer.db, rtol=1e-12)
    np.testing.assert_allclose(Xt.grad, dX, rtol=1e-12)
    assert W.grad.shape == W.shape and b.grad.shape == b.shape


def test_tensor_network_matches_network_backward_and_finite_differences():
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    net = MLP([3, 5, 2], activation="relu", rng=2)
    net.backward(mse_grad(net.forward(X), Y))
    params = [Tensor(p) for p in net.parameters()]

    def loss(ps):
        W1, b1, W2, b2 = ps
        H = (Tensor(X) @ W1.T + b1).relu()
        return ((H @ W2.T + b2 - Y) ** 2).mean()

    L = loss(params)
    np.testing.assert_allclose(L.data, mse(net.forward(X), Y))
    L.backward()
    for p, g in zip(params, net.gradients()):
        np.testing.assert_allclose(p.grad, g, rtol=1e-10, atol=1e-14)
    W1 = params[0]
    numeric = fd(lambda w: loss([Tensor(w)] + [Tensor(p.data) for p in params[1:]]).data, W1.data)
    np.testing.assert_allclose(W1.grad, numeric, rtol=1e-6, atol=1e-9)


def test_broadcast_gradients_are_summed_back_to_the_original_shape():
    a = Tensor(np.arange(6.0).reshape(2, 3))
    row = Tensor([1.0, 2.0, 3.0])
    col = Tensor([[2.0], [3.0]])
    out = ((a + row) * col).sum()
    out.backward()
    np.testing.assert_allclose(row.grad, [5.0, 5.0, 5.0])  # col summed over the 2 rows
    np.testing.assert_allclose(col.grad, [[3.0 + 6.0], [12.0 + 6.0]])
    np.testing.assert_allclose(a.grad, [[2.0] * 3, [3.0] * 3])

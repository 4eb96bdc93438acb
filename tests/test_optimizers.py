"""dlmath.optimizers: each update rule against numbers worked by hand (torch.optim semantics)."""

import math

import numpy as np
import pytest

from dlmath.optimizers import SGD, Adam, AdamW, Optimizer, RMSProp, RMSprop

GRADS_3 = [1.0, -2.0, 0.5]  # a gradient sequence for three hand-worked steps


def _run(opt, p0, grads):
    """Apply ``opt`` to one parameter array; return the array after each step."""
    p = np.array(p0, dtype=float)
    out = []
    for g in grads:
        opt.step([p], [np.array(g, dtype=float)])
        out.append(p.copy())
    return out


# --- SGD -------------------------------------------------------------------------------------------
def test_sgd_plain_step_by_hand():
    p = np.array([1.0, -2.0])
    g = np.array([0.5, 1.0])
    g0 = g.copy()
    same = p
    SGD(lr=0.1).step([p], [g])
    assert p is same  # in place
    np.testing.assert_allclose(p, [0.95, -2.1], rtol=1e-15)  # theta - lr * g (minus, not plus)
    np.testing.assert_array_equal(g, g0)  # the gradient is left alone


def test_sgd_momentum_three_steps_by_hand():
    # b1 = 1                       p = 1 - 0.1 * 1       = 0.9
    # b2 = 0.9 * 1 - 2 = -1.1      p = 0.9 + 0.11        = 1.01
    # b3 = 0.9 * -1.1 + 0.5 = -0.49  p = 1.01 + 0.049    = 1.059
    path = _run(SGD(lr=0.1, momentum=0.9), [1.0], [[g] for g in GRADS_3])
    np.testing.assert_allclose(np.ravel(path), [0.9, 1.01, 1.059], rtol=1e-14)


def test_sgd_nesterov_three_steps_by_hand():
    # step uses g + mu * b:
    # b1 = 1,     g + 0.9 b = 1.9        p = 1 - 0.19     = 0.81
    # b2 = -1.1,  -2 - 0.99 = -2.99      p = 0.81 + 0.299 = 1.109
    # b3 = -0.49, 0.5 - 0.441 = 0.059    p = 1.109 - 0.0059 = 1.1031
    path = _run(SGD(lr=0.1, momentum=0.9, nesterov=True), [1.0], [[g] for g in GRADS_3])
    np.testing.assert_allclose(np.ravel(path), [0.81, 1.109, 1.1031], rtol=1e-13)


def test_sgd_dampening_and_weight_decay_by_hand():
    # dampening 0.5: b1 = g1 = 1 (torch: no dampening on the first step); b2 = 0.9 - 0.5 * 2 = -0.1
    path = _run(SGD(lr=0.1, momentum=0.9, dampening=0.5), [1.0], [[1.0], [-2.0]])
    np.testing.assert_allclose(np.ravel(path), [0.9, 0.91], rtol=1e-14)
    # weight decay 0.1: g' = g + 0.1 p = 1 + 0.2 = 1.2 -> p = 2 - 0.12
    path = _run(SGD(lr=0.1, weight_decay=0.1), [2.0], [[1.0]])
    np.testing.assert_allclose(path[0], [1.88], rtol=1e-15)


def test_sgd_learning_rate_can_change_between_steps():
    opt = SGD(lr=0.1)
    p = np.array([1.0])
    opt.step([p], [np.array([1.0])])
    opt.lr = 0.01
    opt.step([p], [np.array([1.0])])
    np.testing.assert_allclose(p, [1 - 0.1 - 0.01], rtol=1e-15)


# --- RMSProp ---------------------------------------------------------------------------------------
def test_rmsprop_first_step_formula():
    g = np.array([2.0, -0.5, 1e-3])
    lr, alpha, eps = 0.01, 0.99, 1e-8
    (p,) = _run(RMSProp(lr=lr, alpha=alpha, eps=eps), np.zeros(3), [g])
    np.testing.assert_allclose(p, -lr * g / (np.sqrt((1 - alpha) * g**2) + eps), rtol=1e-13)
    # sqrt(0.01 * 4) = 0.2 and 0.01 * 2 / 0.2 = 0.1: the first step is 10 lr in size
    np.testing.assert_allclose(p[:2], [-0.1, 0.1], rtol=1e-6)


def test_rmsprop_second_step_by_hand():
    # v1 = 0.01 * 4 = 0.04; v2 = 0.99 * 0.04 + 0.01 * 4 = 0.0796; step 2 = 0.01 * 2 / sqrt(0.0796)
    path = _run(RMSProp(lr=0.01, eps=0.0), [0.0], [[2.0], [2.0]])
    np.testing.assert_allclose(np.ravel(path), [-0.1, -0.1 - 0.02 / math.sqrt(0.0796)], rtol=1e-13)


def test_rmsprop_centered_and_momentum_by_hand():
    # centered: gavg = 0.01 * 2 = 0.02; denominator sqrt(0.04 - 0.0004)
    (p,) = _run(RMSProp(lr=0.01, centered=True, eps=0.0), [0.0], [[2.0]])
    np.testing.assert_allclose(p, [-0.02 / math.sqrt(0.0396)], rtol=1e-13)
    # momentum 0.9: b1 = 2 / 0.2 = 10; b2 = 9 + 2 / sqrt(0.0796)
    path = _run(RMSProp(lr=0.01, momentum=0.9, eps=0.0), [0.0], [[2.0], [2.0]])
    b2 = 9 + 2 / math.sqrt(0.0796)
    np.testing.assert_allclose(np.ravel(path), [-0.1, -0.1 - 0.01 * b2], rtol=1e-13)


def test_rmsprop_alias():
    assert RMSprop is RMSProp


# --- Adam and AdamW --------------------------------------------------------------------------------
def test_adam_first_step_is_lr_times_sign():
    g = np.array([3.0, -0.5, 1e-3, -40.0])
    lr = 0.01
    (p,) = _run(Adam(lr=lr), np.zeros(4), [g])
    # m_hat = g, v_hat = g^2 after bias correction: step = lr g / (|g| + eps)
    np.testing.assert_allclose(p, -lr * g / (np.abs(g) + 1e-8), rtol=1e-12)
    np.testing.assert_allclose(p, -lr * np.sign(g), rtol=1e-5)


def test_adam_two_steps_by_hand():
    # g1 = 1: m1 = 0.1, v1 = 0.001, m_hat = 1, v_hat = 1  -> p = -0.1
    # g2 = -1: m2 = 0.09 - 0.1 = -0.01, m_hat = -0.01 / 0.19; v2 = 0.000999 + 0.001 = 0.001999,
    #          v_hat = 0.001999 / (1 - 0.999^2) = 1       -> p = -0.1 + 0.1 / 19
    path = _run(Adam(lr=0.1, eps=0.0), [0.0], [[1.0], [-1.0]])
    np.testing.assert_allclose(np.ravel(path), [-0.1, -0.1 + 0.1 / 19], rtol=1e-12)


def test_adam_amsgrad_uses_the_running_max():
    # g = 1 then 0: v2 = 0.000999 < v1 = 0.001, so amsgrad divides by sqrt(0.001 / bias2) instead
    b1, b2, lr = 0.9, 0.999, 0.1
    m_hat2 = 0.09 / (1 - b1**2)
    bias2 = 1 - b2**2
    plain = _run(Adam(lr=lr, eps=0.0), [0.0], [[1.0], [0.0]])[1]
    ams = _run(Adam(lr=lr, eps=0.0, amsgrad=True), [0.0], [[1.0], [0.0]])[1]
    np.testing.assert_allclose(plain, [-0.1 - lr * m_hat2 / math.sqrt(0.000999 / bias2)], rtol=1e-12)
    np.testing.assert_allclose(ams, [-0.1 - lr * m_hat2 / math.sqrt(0.001 / bias2)], rtol=1e-12)


def test_adamw_decay_is_decoupled():
    # AdamW: p <- p (1 - lr wd) = 2 * 0.95 = 1.9, then the Adam step of size lr: 1.8
    (p,) = _run(AdamW(lr=0.1, weight_decay=0.5), [2.0], [[1.0]])
    np.testing.assert_allclose(p, [1.8], rtol=1e-7)
    # Adam's weight_decay is L2 inside the gradient: g' = 1 + 0.5 * 2 = 2, normalised away -> 1.9
    (p,) = _run(Adam(lr=0.1, weight_decay=0.5), [2.0], [[1.0]])
    np.testing.assert_allclose(p, [1.9], rtol=1e-7)
    # with a zero gradient AdamW only shrinks the weights: 2 * 0.95^3
    path = _run(AdamW(lr=0.1, weight_decay=0.5), [2.0], [[0.0]] * 3)
    np.testing.assert_allclose(path[-1], [2 * 0.95**3], rtol=1e-14)
    assert AdamW().weight_decay == 0.01 and Adam().weight_decay == 0.0


# --- state, lists, reset ----------------------------------------------------------------------------
@pytest.mark.parametrize("make", [lambda: SGD(0.1, momentum=0.9), lambda: RMSProp(0.01), lambda: Adam(0.01)])
def test_state_is_per_position_and_reset_forgets_it(make, rng):
    grads = [[rng.normal(size=(2, 3)), rng.normal(size=3)] for _ in range(4)]
    together = make()
    a, b = np.ones((2, 3)), np.zeros(3)
    for ga, gb in grads:
        together.step([a, b], [ga, gb])
    alone_a = _run(make(), np.ones((2, 3)), [g[0] for g in grads])[-1]
    alone_b = _run(make(), np.zeros(3), [g[1] for g in grads])[-1]
    np.testing.assert_allclose(a, alone_a, rtol=1e-14)
    np.testing.assert_allclose(b, alone_b, rtol=1e-14)
    assert together.t == 4
    together.reset()
    assert together.t == 0 and together.state == []
    p = np.zeros(3)
    together.step([p], [grads[0][1]])
    np.testing.assert_allclose(p, _run(make(), np.zeros(3), [grads[0][1]])[0], rtol=1e-14)


def test_repr_shows_hyperparameters():
    assert repr(SGD(0.1, momentum=0.9)).startswith("SGD(lr=0.1, momentum=0.9")
    assert "betas=(0.9, 0.999)" in repr(Adam())
    assert isinstance(AdamW(), Adam) and isinstance(SGD(0.1), Optimizer)


# --- bad input ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: SGD(0.0), ValueError, ["lr", "> 0", "0.0"]),
        (lambda: SGD(-1), ValueError, ["lr", "-1"]),
        (lambda: SGD(float("nan")), ValueError, ["lr"]),
        (lambda: SGD("0.1"), TypeError, ["lr", "str"]),
        (lambda: SGD(0.1, momentum=1.0), ValueError, ["momentum", "[0, 1)"]),
        (lambda: SGD(0.1, momentum=-0.5), ValueError, ["momentum"]),
        (lambda: SGD(0.1, nesterov=True), ValueError, ["nesterov", "momentum"]),
        (lambda: RMSProp(alpha=1.0), ValueError, ["alpha"]),
        (lambda: Adam(betas=0.9), TypeError, ["betas"]),
        (lambda: Adam(betas=(0.9, 1.0)), ValueError, ["betas[1]"]),
        (lambda: AdamW(weight_decay=-0.1), ValueError, ["weight_decay"]),
        (lambda: SGD(0.1).step([np.zeros(2)], []), ValueError, ["1 parameter", "0 gradient"]),
        (lambda: SGD(0.1).step([np.zeros(2)], [np.zeros(3)]), ValueError, ["grads[0]", "(3,)", "(2,)"]),
        (lambda: SGD(0.1).step([np.zeros(2, dtype=int)], [np.zeros(2)]), TypeError, ["params[0]", "float"]),
        (lambda: SGD(0.1).step([[0.0, 0.0]], [np.zeros(2)]), TypeError, ["params[0]", "list"]),
        (lambda: SGD(0.1).step([np.zeros(2)], [[0.0, 0.0]]), TypeError, ["grads[0]", "list"]),
    ],
)
def test_bad_input(call, exc, words):
    with pytest.raises(exc) as err:
        call()
    for w in words:
        assert w in str(err.value), (w, str(err.value))


def test_reuse_with_a_different_number_of_arrays_says_reset():
    opt = Adam()
    opt.step([np.zeros(2), np.zeros(3)], [np.ones(2), np.ones(3)])
    with pytest.raises(ValueError, match=r"reset\(\)"):
        opt.step([np.zeros(2)], [np.ones(2)])


@pytest.mark.parametrize("make", [lambda: SGD(0.1, momentum=0.9), lambda: RMSProp(), lambda: Adam()])
def test_reuse_with_new_shapes_says_reset(make):
    opt = make()
    opt.step([np.zeros(4)], [np.ones(4)])
    opt.step([np.zeros(4)], [np.ones(4)])
    with pytest.raises(ValueError, match=r"reset\(\)"):
        opt.step([np.zeros(3)], [np.ones(3)])


# --- optional cross-check against torch.optim (the hand-worked tests above are the ones that count) ----
TORCH_CASES = [
    ("SGD", dict(lr=0.1)),
    ("SGD", dict(lr=0.1, momentum=0.9, weight_decay=0.01)),
    ("SGD", dict(lr=0.1, momentum=0.9, nesterov=True)),
    ("SGD", dict(lr=0.1, momentum=0.8, dampening=0.3)),
    ("RMSprop", dict(lr=0.01, alpha=0.9, weight_decay=0.01)),
    ("RMSprop", dict(lr=0.01, momentum=0.9, centered=True)),
    ("Adam", dict(lr=0.01, betas=(0.8, 0.99), weight_decay=0.01)),
    ("Adam", dict(lr=0.01, amsgrad=True)),
    ("AdamW", dict(lr=0.01, weight_decay=0.1)),
    ("AdamW", dict(lr=0.01, weight_decay=0.1, amsgrad=True)),
]


@pytest.mark.parametrize("name, kwargs", TORCH_CASES)
def test_matches_torch_optim(name, kwargs, rng):
    torch = pytest.importorskip("torch")
    ours = {"SGD": SGD, "RMSprop": RMSprop, "Adam": Adam, "AdamW": AdamW}[name](**kwargs)
    p = rng.normal(size=(3, 4))
    tp = torch.tensor(p.copy(), dtype=torch.float64, requires_grad=True)
    topt = getattr(torch.optim, name)([tp], **kwargs)
    for _ in range(6):
        g = rng.normal(size=(3, 4)) * rng.uniform(0.01, 3)
        ours.step([p], [g])
        tp.grad = torch.tensor(g, dtype=torch.float64)
        topt.step()
    np.testing.assert_allclose(p, tp.detach().numpy(), rtol=1e-12, atol=1e-14)

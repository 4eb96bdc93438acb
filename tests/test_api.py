"""The public API of docs/DESIGN.md (a contract): every name exists, with the documented signature."""

import inspect
import subprocess
import sys

import pytest

import dlmath
from dlmath import activations, losses, surfaces

CONTRACT = {
    "ops": ["scale", "add", "matmul", "transpose", "dot", "weighted_sum", "matmul_loops"],
    "activations": [
        "sigmoid",
        "relu",
        "tanh",
        "softmax",
        "identity",
        "sigmoid_grad",
        "relu_grad",
        "tanh_grad",
        "identity_grad",
        "get_activation",
        "Activation",
        "ACTIVATIONS",
    ],
    "losses": [
        "mse",
        "mse_grad",
        "cross_entropy",
        "cross_entropy_grad",
        "binary_cross_entropy",
        "binary_cross_entropy_grad",
        "log_softmax",
        "get_loss",
        "Loss",
        "LOSSES",
    ],
    "layers": ["Dense"],
    "network": ["Network", "MLP", "classes_from_logits"],
    "optimizers": ["Optimizer", "SGD", "RMSProp", "RMSprop", "Adam", "AdamW"],
    "training": ["train", "History", "iterate_minibatches", "DivergenceError"],
    "autograd": ["Value", "Tensor", "topological_order"],
    "gradcheck": ["numerical_gradient", "relative_error", "gradcheck", "check_network_gradients"],
    "datasets": [
        "make_line",
        "make_blobs",
        "make_moons",
        "make_spirals",
        "make_xor",
        "load_digits",
        "train_test_split",
        "one_hot",
    ],
    "surfaces": [
        "Surface",
        "quadratic_bowl",
        "rosenbrock",
        "beale",
        "saddle",
        "himmelblau",
        "SURFACES",
        "run_path",
        "diverged_at",
    ],
    "plots": [
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
    ],
}

REEXPORTS = {  # name in dlmath -> (module, name there)
    "Dense": ("layers", "Dense"),
    "Network": ("network", "Network"),
    "MLP": ("network", "MLP"),
    "SGD": ("optimizers", "SGD"),
    "RMSProp": ("optimizers", "RMSProp"),
    "RMSprop": ("optimizers", "RMSprop"),
    "Adam": ("optimizers", "Adam"),
    "AdamW": ("optimizers", "AdamW"),
    "train": ("training", "train"),
    "History": ("training", "History"),
    "DivergenceError": ("training", "DivergenceError"),
    "matmul": ("ops", "matmul"),
    "weighted_sum": ("ops", "weighted_sum"),
    "sigmoid": ("activations", "sigmoid"),
    "relu": ("activations", "relu"),
    "tanh": ("activations", "tanh"),
    "softmax": ("activations", "softmax"),
    "mse": ("losses", "mse"),
    "mse_grad": ("losses", "mse_grad"),
    "cross_entropy": ("losses", "cross_entropy"),
    "cross_entropy_grad": ("losses", "cross_entropy_grad"),
    "binary_cross_entropy": ("losses", "binary_cross_entropy"),
    "numerical_gradient": ("gradcheck", "numerical_gradient"),
    "check_gradient": ("gradcheck", "gradcheck"),
    "check_network_gradients": ("gradcheck", "check_network_gradients"),
    "load_digits": ("datasets", "load_digits"),
    "train_test_split": ("datasets", "train_test_split"),
}

# (module, name) -> the documented parameters and defaults, in order (extra trailing ones allowed)
SIGNATURES = {
    ("ops", "scale"): "c, A",
    ("ops", "add"): "A, B",
    ("ops", "matmul"): "A, B",
    ("ops", "weighted_sum"): "inputs, weights, bias",
    ("ops", "dot"): "u, v",
    ("activations", "softmax"): "z, axis=-1",
    ("activations", "get_activation"): "name",
    ("losses", "mse"): "y_pred, y_true",
    ("losses", "cross_entropy"): "logits, labels",
    ("losses", "binary_cross_entropy"): "logits, targets",
    ("losses", "log_softmax"): "z, axis=-1",
    ("layers", "Dense"): "n_in, n_out, activation=None, rng=None",
    ("network", "Network"): "layers",
    ("network", "MLP"): "sizes, activation='relu', output_activation=None, rng=0",
    ("optimizers", "SGD"): "lr, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0",
    ("optimizers", "RMSProp"): "lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0.0, momentum=0.0, centered=False",
    ("optimizers", "Adam"): "lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.0, amsgrad=False",
    ("optimizers", "AdamW"): "lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01, amsgrad=False",
    ("training", "train"): "net, X, y, loss='mse', optimizer=None, epochs=10, batch_size=None, shuffle=True, "
    "seed=0, progress=None, validation_data=None",
    ("gradcheck", "numerical_gradient"): "f, x, eps=1e-06",
    ("gradcheck", "gradcheck"): "f, x, grad, eps=1e-06, tol=1e-06",
    ("gradcheck", "check_network_gradients"): "net, loss, X, y",
    ("datasets", "make_line"): "n=50, slope=2.0, intercept=1.0, noise=1.0, seed=0",
    ("datasets", "make_blobs"): "n=300, centers=3, std=1.0, seed=0",
    ("datasets", "make_moons"): "n=200, noise=0.1, seed=0",
    ("datasets", "make_spirals"): "n=300, classes=3, noise=0.2, seed=0",
    ("datasets", "make_xor"): "n=200, noise=0.1, seed=0",
    ("datasets", "train_test_split"): "X, y, test_size=0.25, seed=0",
    ("datasets", "one_hot"): "y, k=None",
    ("surfaces", "quadratic_bowl"): "a=1.0, b=10.0",
    ("surfaces", "run_path"): "surface, optimizer, start=None, steps=100",
    ("surfaces", "diverged_at"): "path",
    ("plots", "plot_history"): "history, ax=None",
    ("plots", "plot_decision_boundary"): "net, X, y, ax=None",
    ("plots", "plot_surface"): "surface, ax=None",
    ("plots", "plot_paths"): "surface, paths, ax=None",
}


def _module(name):
    return getattr(dlmath, name)


@pytest.mark.parametrize("module", list(CONTRACT))
def test_contract_names_exist(module):
    mod = _module(module)
    missing = [name for name in CONTRACT[module] if not hasattr(mod, name)]
    assert not missing, f"dlmath.{module} lacks {missing}"


def test_reexports_are_the_same_objects():
    for name, (module, attr) in REEXPORTS.items():
        assert getattr(dlmath, name) is getattr(_module(module), attr), name
    for name in dlmath.__all__:
        assert hasattr(dlmath, name), name
    assert dlmath.RMSprop is dlmath.RMSProp
    assert issubclass(dlmath.DivergenceError, FloatingPointError)
    assert isinstance(dlmath.__version__, str)


@pytest.mark.parametrize("key", list(SIGNATURES), ids=lambda k: ".".join(k))
def test_documented_signatures(key):
    module, name = key
    obj = getattr(_module(module), name)
    params = list(inspect.signature(obj).parameters.values())
    documented = [s.strip() for s in _split_params(SIGNATURES[key])]
    got = [(p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}") for p in params]
    assert got[: len(documented)] == documented, got


def _split_params(text):
    """Split "a, b=(1, 2), c" at top-level commas."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch in "([") - (ch in ")]")
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def test_object_interfaces():
    net = dlmath.MLP([2, 3, 1])
    for attr in ("forward", "backward", "parameters", "gradients", "predict", "predict_classes", "n_params"):
        assert hasattr(net, attr), attr
    layer = dlmath.Dense(2, 3)
    for attr in ("forward", "backward", "parameters", "gradients", "n_params", "W", "b", "dW", "db"):
        assert hasattr(layer, attr), attr
    act = dlmath.activations.get_activation("relu")
    for attr in ("name", "grad", "backward"):
        assert hasattr(act, attr), attr
    assert callable(act)
    loss = dlmath.losses.get_loss("mse")
    for attr in ("value", "grad", "value_and_grad"):
        assert hasattr(loss, attr), attr
    hist = dlmath.History()
    for attr in ("loss", "step_loss", "accuracy", "val_loss", "val_accuracy", "epochs", "steps", "plot"):
        assert hasattr(hist, attr), attr
    surface = dlmath.surfaces.quadratic_bowl()
    for attr in ("name", "f", "grad", "minima", "xlim", "ylim", "start", "levels"):
        assert hasattr(surface, attr), attr
    opt = dlmath.SGD(0.1)
    for attr in ("step", "reset", "lr"):
        assert hasattr(opt, attr), attr
    assert set(dlmath.surfaces.SURFACES) == {"quadratic_bowl", "rosenbrock", "beale", "saddle", "himmelblau"}


def test_import_is_light():
    """plots (matplotlib) is imported on first use, so `import dlmath` stays fast."""
    code = "import sys, dlmath; print('matplotlib' in sys.modules); dlmath.plots; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


# ---- one name rule for get_activation, get_loss, get_surface -------------------------------------------
LOOKUPS = [
    (activations.get_activation, "activation", "tanh", "TanH", "tahn"),
    (losses.get_loss, "loss", "cross_entropy", "Cross_Entropy", "cross-entropy"),
    (surfaces.get_surface, "surface", "rosenbrock", "Rosenbrock", "rosenbrok"),
]


@pytest.mark.parametrize(("get", "what", "name", "other_case", "typo"), LOOKUPS)
def test_every_lookup_ignores_case_and_suggests_the_closest_name(get, what, name, other_case, typo):
    assert get(other_case).name.lower().startswith(name.split("_")[0])
    assert get(other_case).name == get(name).name
    with pytest.raises(ValueError) as err:
        get(typo)
    message = str(err.value)
    assert message.startswith(f"unknown {what} {typo!r}")
    assert f"did you mean {name!r}?" in message
    assert "valid names are" in message
    with pytest.raises(ValueError) as err:
        get("zzzzzzzz")
    assert "did you mean" not in str(err.value)
    with pytest.raises(TypeError, match=what):
        get(42)

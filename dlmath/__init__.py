"""dlmath: the math of deep learning in small, readable NumPy.

Each module holds one idea; read them in this order: ``ops`` (matrices), ``activations``,
``losses``, ``layers`` (forward and backward of a dense layer), ``network``, ``optimizers``,
``training``, ``gradcheck``, ``autograd`` (the chain rule done by the computer). ``datasets``
and ``surfaces`` provide data and toy loss landscapes, ``plots`` the course's pictures,
``widgets`` its interactive apps and ``grading`` the exercise checks. ``plots``, ``widgets``
and ``grading`` are imported on first use so that ``import dlmath`` stays fast.
"""

from importlib import import_module
from types import ModuleType

from . import activations, autograd, datasets, gradcheck, layers, losses, network, ops, optimizers, surfaces, training
from .activations import relu, sigmoid, softmax, tanh
from .datasets import load_digits, train_test_split
from .gradcheck import check_network_gradients, numerical_gradient
from .gradcheck import gradcheck as check_gradient
from .layers import Dense
from .losses import binary_cross_entropy, cross_entropy, cross_entropy_grad, mse, mse_grad
from .network import MLP, Network
from .ops import matmul, weighted_sum
from .optimizers import SGD, Adam, AdamW, RMSProp, RMSprop
from .training import DivergenceError, History, train

__version__ = "0.1.0"

__all__ = [
    "ops",
    "activations",
    "losses",
    "layers",
    "network",
    "optimizers",
    "training",
    "gradcheck",
    "autograd",
    "datasets",
    "surfaces",
    "Dense",
    "Network",
    "MLP",
    "SGD",
    "RMSProp",
    "RMSprop",
    "Adam",
    "AdamW",
    "train",
    "History",
    "DivergenceError",
    "matmul",
    "weighted_sum",
    "sigmoid",
    "relu",
    "tanh",
    "softmax",
    "mse",
    "mse_grad",
    "cross_entropy",
    "cross_entropy_grad",
    "binary_cross_entropy",
    "numerical_gradient",
    "check_gradient",
    "check_network_gradients",
    "load_digits",
    "train_test_split",
]

_LAZY = {"plots", "widgets", "grading"}


def __getattr__(name: str) -> ModuleType:
    if name in _LAZY:
        module = import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'dlmath' has no attribute {name!r}")

"""The exercise bank: one module per chapter, each registering its exercises.

Importing this package registers every exercise in :data:`dlmath.grading.EXERCISES`
(``dlmath.grading.spec`` imports it lazily, on first use of the registry).
"""

from . import ch02, ch03, ch03b, ch04, ch05, ch06, ch07, ch08, ch08b, ch08c, ch09, ch10  # noqa: F401

CHAPTERS = (
    "02_tensors",
    "03_matrix_operations",
    "03b_geometry",
    "04_neural_networks",
    "05_activations",
    "06_losses",
    "07_gradient_descent",
    "08_backpropagation",
    "08b_autograd",
    "08c_initialization",
    "09_optimizers",
    "10_training",
)

"""Update rules: how a gradient becomes a step.

Every optimizer has ``step(params, grads)``, which changes the arrays in ``params`` in place,
and keeps its state (velocities, moment estimates) per position in that list. The
hyperparameters and formulas are those of ``torch.optim`` (SGD, RMSprop, Adam, AdamW), so
settings carry over. Plain gradient descent is ``SGD`` without momentum: whether it is
full-batch, stochastic or mini-batch depends on the batches you feed it (see
:func:`dlmath.training.train`), not on the rule.
"""

from .adam import Adam, AdamW
from .base import Optimizer
from .rmsprop import RMSProp, RMSprop
from .sgd import SGD

__all__ = ["Optimizer", "SGD", "RMSProp", "RMSprop", "Adam", "AdamW"]

"""Wrong answers, as learners write them, for chapters 06-10 (see test_wrong_answers.py)."""

D = "def "
_LS = "    s = logits - logits.max(axis=1, keepdims=True)\n    lp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
_CE = D + "cross_entropy(logits, labels):\n"


def _opt(name, args, body):
    return f"def {name}({args}):\n" + body


_MOM = "grad_f, theta0, lr, momentum, steps"
_RMS = "grad_f, theta0, lr, alpha, eps, steps"
_ADAM = "grad_f, theta0, lr, beta1, beta2, eps, steps"

CAT_B = {
    "ch06_mse": [
        (D + "mse(y_pred, y_true):\n    return float(np.sum((y_pred - y_true) ** 2))", "missing_term", "summed"),
        (
            D + "mse(y_pred, y_true):\n    return float(np.sum((y_pred - y_true) ** 2) / len(y_pred))",
            "wrong_formula",
            "batch size only",
        ),
        (
            D + "mse(y_pred, y_true):\n    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))",
            "wrong_formula",
            "RMSE",
        ),
        (D + "mse(y_pred, y_true):\n    return float(np.mean(np.abs(y_pred - y_true)))", "wrong_formula", "MAE"),
        (D + "mse(y_pred, y_true):\n    return float(np.mean(y_pred - y_true))", "missing_term", "forgot to square"),
        (D + "mse(y_pred, y_true):\n    return np.mean((y_pred - y_true) ** 2, axis=0)", "shape", "single number"),
        (
            D + "mse(y_pred, y_true):\n    return float(np.mean((y_pred - y_true.ravel()) ** 2))",
            "broadcasting",
            "(n, n)",
        ),
        (
            D + "mse(y_pred, y_true):\n    return float(np.mean(y_pred - y_true) ** 2)",
            "wrong_formula",
            "square of the mean",
        ),
        (
            D + "mse(y_pred, y_true):\n    return float(np.mean((y_pred - y_true) ** 2) / 2)",
            "wrong_formula",
            "divided by 2",
        ),
    ],
    "ch06_mse_grad": [
        (D + "mse_grad(y_pred, y_true):\n    return 2 * (y_pred - y_true)", "missing_term", "SUMMED"),
        (D + "mse_grad(y_pred, y_true):\n    return (y_pred - y_true) / y_pred.size", "missing_term", "factor 2"),
        (D + "mse_grad(y_pred, y_true):\n    return 2 * (y_true - y_pred) / y_pred.size", "sign", "wrong way"),
        (
            D + "mse_grad(y_pred, y_true):\n    return 2 * (y_pred - y_true) / len(y_pred)",
            "wrong_formula",
            "batch size only",
        ),
        (D + "mse_grad(y_pred, y_true):\n    return 2 * np.mean(y_pred - y_true)", "shape", "single number"),
        (D + "mse_grad(y_pred, y_true):\n    return 2 * (y_pred - y_true) // y_pred.size", "integer_division", "//"),
        (
            D + "mse_grad(y_pred, y_true):\n    return np.mean(2 * (y_pred - y_true), axis=0)",
            "shape",
            "one axis is gone",
        ),
        (
            D + "mse_grad(y_pred, y_true):\n    return 2 * (y_pred - y_true.ravel()) / y_pred.size",
            "broadcasting",
            "(n, n)",
        ),
    ],
    "ch06_softmax": [
        (D + "softmax(z):\n    e = np.exp(z)\n    return e / e.sum(axis=1, keepdims=True)", "stability", "overflowed"),
        (
            D + "softmax(z):\n    e = np.exp(z - z.max())\n    return e / e.sum(axis=0, keepdims=True)",
            "indexing",
            "columns sum to 1",
        ),
        (D + "softmax(z):\n    e = np.exp(z - z.max())\n    return e / e.sum()", "wrong_formula", "whole batch"),
        (D + "softmax(z):\n    e = np.exp(z - z.max())\n    return e / e.sum(axis=1)", "broadcasting", "keepdims"),
        (
            D
            + "softmax(z):\n    e = np.exp(z - z.min(axis=1, keepdims=True))\n    return e / e.sum(axis=1, keepdims=True)",
            "stability",
            "row minimum",
        ),
        (
            D
            + "softmax(z):\n    e = np.exp(z - z.mean(axis=1, keepdims=True))\n    return e / e.sum(axis=1, keepdims=True)",
            "stability",
            "row mean",
        ),
        (
            D + "softmax(z):\n    e = np.exp(z - z[:, :1])\n    return e / e.sum(axis=1, keepdims=True)",
            "stability",
            "first column",
        ),
        (
            D + "softmax(z):\n    e = np.exp(z - np.max(z))\n    return e / e.sum(axis=1, keepdims=True)",
            "stability",
            "whole batch's maximum",
        ),
        (
            D + "softmax(z):\n    return np.array([np.exp(r - r.max()) / np.exp(r - r.max()).sum() for r in z])",
            "rule",
            "vectorised",
        ),
        (
            D
            + "softmax(z):\n    z -= z.max(axis=1, keepdims=True)\n    return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)",
            "in_place",
            "changed its input",
        ),
        (
            D + "softmax(z):\n    e = np.exp(np.clip(z, -500, 500))\n    return e / e.sum(axis=1, keepdims=True)",
            "stability",
            "clipped",
        ),
    ],
    "ch06_cross_entropy": [
        (
            _CE + "    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)\n"
            "    return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))",
            "stability",
            "overflowed",
        ),
        (
            _CE + _LS + "    return float(-np.sum(lp[np.arange(len(labels)), labels]))",
            "missing_term",
            "summed over the batch",
        ),
        (_CE + _LS + "    return float(np.mean(lp[np.arange(len(labels)), labels]))", "sign", "negative"),
        (
            _CE + _LS + "    Y = np.eye(logits.shape[1])[labels]\n    return float(-np.mean(Y * lp))",
            "wrong_formula",
            "over the classes too",
        ),
        (
            _CE + "    s = logits - logits.max()\n    lp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
            "    return float(-np.mean(lp[np.arange(len(labels)), labels]))",
            "stability",
            "whole batch",
        ),
        (_CE + _LS + "    return float(-np.mean(lp[:, labels]))", "indexing", "logp[:, labels]"),
        (
            _CE + _LS + "    return float(-np.mean([lp[i, labels[i]] for i in range(len(labels))]))",
            "rule",
            "vectorised",
        ),
        (
            _CE
            + "    s = logits - logits.max(axis=1, keepdims=True)\n    p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)\n"
            "    return float(-np.mean(np.log(p[np.arange(len(labels)), labels] + 1e-12)))",
            "stability",
            "small number inside the log",
        ),
        (
            _CE
            + "    s = logits - logits.max(axis=1, keepdims=True)\n    p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)\n"
            "    return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))",
            "stability",
            "log space",
        ),
        (_CE + _LS + "    return float(-np.mean(lp[labels]))", "indexing", "logp[labels]"),
    ],
    "ch06_uniform_loss": [
        ("import math\nuniform_loss = math.log2(10)", "wrong_formula", "base 2"),
        ("uniform_loss = 1.0", "wrong_formula", "base 10"),
        ("uniform_loss = 0.1", "missing_term", "probability"),
        ("uniform_loss = -np.log(10)", "sign", "MINUS"),
        ("uniform_loss = 10", "wrong_formula", "number of classes"),
        ("uniform_loss = 2.3", "precision", "four significant digits"),
        ("uniform_loss = 0.9", "wrong_formula", "1 - p"),
        ("uniform_loss = np.log(10) / 10", "wrong_formula", "averaged over the classes"),
        ("uniform_loss = 'np.log(10)'", "type", "should be a number"),
    ],
    "ch07_gd_step": [
        (D + "gd_step(theta, grad, lr):\n    return theta + lr * grad", "sign", "goes uphill"),
        (D + "gd_step(theta, grad, lr):\n    return theta - grad", "missing_term", "left out the learning rate"),
        (
            D + "gd_step(theta, grad, lr):\n    return theta - grad / lr",
            "wrong_formula",
            "divided by the learning rate",
        ),
        (D + "gd_step(theta, grad, lr):\n    theta -= lr * grad\n    return theta", "in_place", "changed its input"),
        (
            D + "gd_step(theta, grad, lr):\n    new = theta\n    new -= lr * grad\n    return new",
            "in_place",
            "changed its input",
        ),
        (D + "gd_step(theta, grad, lr):\n    return theta - lr * np.sum(grad)", "wrong_formula", "summed the gradient"),
        (D + "gd_step(theta, grad, lr):\n    return theta - lr * grad * theta", "wrong_formula", "multiplied by theta"),
        (
            D + "gd_step(theta, grad, lr):\n    return theta - lr * np.sign(grad)",
            "wrong_formula",
            "sign of the gradient",
        ),
    ],
    "ch07_max_lr": [
        (D + "max_stable_lr(c):\n    return 1 / np.max(c)", "missing_term", "twice that"),
        (D + "max_stable_lr(c):\n    return 2 / np.min(c)", "indexing", "smallest curvature"),
        (D + "max_stable_lr(c):\n    return 2 / np.mean(c)", "wrong_formula", "average curvature"),
        (D + "max_stable_lr(c):\n    return 2 * np.max(c)", "wrong_formula", "Upside down"),
        (D + "max_stable_lr(c):\n    return 1.99 / np.max(c)", "off_by_one", "boundary itself"),
        (D + "max_stable_lr(c):\n    return 2 // np.max(c)", "integer_division", "//"),
        (D + "max_stable_lr(c):\n    return 2 / c", "shape", "single number"),
        (D + "max_stable_lr(c):\n    return 2 / np.sum(c)", "wrong_formula", "sum of the curvatures"),
    ],
    "ch07_steps": [
        (
            """def steps_to_converge(a, lr, theta0, tol):
    theta, k = theta0, 0
    while True:
        theta = theta - lr * a * theta
        k += 1
        if abs(theta) < tol:
            return k""",
            "off_by_one",
            "one step too many",
        ),
        (
            """def steps_to_converge(a, lr, theta0, tol):
    theta, k = theta0, 0
    while abs(theta) >= tol:
        theta = theta - lr * a * theta
        k += 1
    return k - 1""",
            "off_by_one",
            "one step too few",
        ),
        (
            """def steps_to_converge(a, lr, theta0, tol):
    theta, k = theta0, 0
    while abs(theta) > tol:
        theta = theta - lr * a * theta
        k += 1
    return k""",
            "off_by_one",
            "equals tol exactly",
        ),
        (
            """import math
def steps_to_converge(a, lr, theta0, tol):
    if abs(theta0) < tol:
        return 0
    return math.floor(math.log(tol / abs(theta0)) / math.log(abs(1 - lr * a))) + 1""",
            "rule",
            "no loop",
        ),
        (
            """def steps_to_converge(a, lr, theta0, tol):
    theta, k = theta0, 0
    while abs(theta) >= tol:
        theta = theta - lr * theta
        k += 1
    return k""",
            "missing_term",
            "curvature a",
        ),
        (
            """def steps_to_converge(a, lr, theta0, tol):
    theta, k = theta0, 0
    while theta >= tol:
        theta = theta - lr * a * theta
        k += 1
    return k""",
            "sign",
            "|theta|",
        ),
        (
            """def steps_to_converge(a, lr, theta0, tol):
    theta = theta0
    while abs(theta) >= tol:
        theta = theta - lr * a * theta
    return theta""",
            "wrong_formula",
            "returned theta",
        ),
        (
            """def steps_to_converge(a, lr, theta0, tol):
    theta, k = theta0, 0.0
    while abs(theta) >= tol:
        theta = theta - lr * a * theta
        k += 1
    return k""",
            "dtype",
            "whole number",
        ),
    ],
    "ch07_gd_path": [
        (
            """def gd_path(grad_f, theta0, lr, steps):
    theta = theta0.copy()
    path = [theta]
    for _ in range(steps):
        theta -= lr * grad_f(theta)
        path.append(theta)
    return np.array(path)""",
            "in_place",
            "Every row of your path is the same",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    theta, path = theta0, []
    for _ in range(steps):
        theta = theta - lr * grad_f(theta)
        path.append(theta)
    return np.array(path).reshape(steps, -1)""",
            "off_by_one",
            "leaves out the start",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    path = [theta0]
    for _ in range(steps - 1):
        path.append(path[-1] - lr * grad_f(path[-1]))
    return np.array(path)""",
            "off_by_one",
            "stops one step early",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    path = [theta0]
    for _ in range(steps):
        path.append(path[-1] + lr * grad_f(path[-1]))
    return np.array(path)""",
            "sign",
            "uphill",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    path = [theta0]
    for _ in range(steps):
        path.append(path[-1] - lr * grad_f(path[-1]))
    return path""",
            "type",
            "wrap it in np.array",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    path = [theta0]
    for _ in range(steps):
        path.append(path[-1] - lr * grad_f(path[-1]))
    return np.array(path).T""",
            "transposed",
            "transpose",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    path = [theta0]
    for _ in range(steps):
        path.append(path[-1] - lr * grad_f(theta0))
    return np.array(path)""",
            "wrong_formula",
            "gradient at the start",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    path = [theta0]
    for _ in range(steps + 1):
        path.append(path[-1] - lr * grad_f(path[-1]))
    return np.array(path)""",
            "off_by_one",
            "one step too many",
        ),
        (
            """def gd_path(grad_f, theta0, lr, steps):
    theta = theta0
    path = [theta0.copy()]
    for _ in range(steps):
        theta -= lr * grad_f(theta)
        path.append(theta.copy())
    return np.array(path)""",
            "in_place",
            "changed its input",
        ),
    ],
    "ch08_dW": [
        (D + "dense_dW(X, dZ):\n    return X.T @ dZ", "transposed", "dW is transposed"),
        (D + "dense_dW(X, dZ):\n    return dZ.T @ X / len(X)", "wrong_formula", "divided by the batch size"),
        (D + "dense_dW(X, dZ):\n    return dZ.T @ X * len(X)", "wrong_formula", "n times too large"),
        (
            """def dense_dW(X, dZ):
    dW = np.zeros((dZ.shape[1], X.shape[1]))
    for s in range(len(X)):
        dW += np.outer(dZ[s], X[s])
    return dW""",
            "rule",
            "vectorised",
        ),
        (
            D + "dense_dW(X, dZ):\n    return np.outer(dZ.sum(axis=0), X.sum(axis=0))",
            "wrong_formula",
            "summed over the batch before",
        ),
        (D + "dense_dW(X, dZ):\n    return -dZ.T @ X", "sign", "opposite sign"),
        (D + "dense_dW(X, dZ):\n    return dZ[:1].T @ X[:1]", "off_by_one", "only the first sample"),
        (D + "dense_dW(X, dZ):\n    return (dZ.T @ X).sum(axis=0)", "shape", "one axis is gone"),
    ],
    "ch08_db": [
        (D + "dense_db(dZ):\n    return dZ.mean(axis=0)", "wrong_formula", "mean over the batch"),
        (D + "dense_db(dZ):\n    return dZ.sum(axis=1)", "indexing", "summed over the neurons"),
        (D + "dense_db(dZ):\n    return dZ.sum(axis=0, keepdims=True)", "shape", "drop keepdims"),
        (D + "dense_db(dZ):\n    return dZ.sum()", "shape", "summed over everything"),
        (D + "dense_db(dZ):\n    return dZ[0]", "missing_term", "only the first sample"),
        (D + "dense_db(dZ):\n    return np.sum(dZ, axis=0) / dZ.shape[1]", "wrong_formula", "number of neurons"),
        (D + "dense_db(dZ):\n    return -dZ.sum(axis=0)", "sign", "opposite sign"),
    ],
    "ch08_dX": [
        (D + "dense_dX(dZ, W):\n    return dZ @ W.T", "transposed", "multiplied by W^T"),
        (D + "dense_dX(dZ, W):\n    return W.T @ dZ.T", "transposed", "dX is transposed"),
        (D + "dense_dX(dZ, W):\n    return np.array([row @ W for row in dZ])", "rule", "vectorised"),
        (D + "dense_dX(dZ, W):\n    return dZ @ W / len(dZ)", "wrong_formula", "times too small"),
        (D + "dense_dX(dZ, W):\n    return -dZ @ W", "sign", "opposite sign"),
        (D + "dense_dX(dZ, W):\n    return dZ.sum(axis=0) @ W", "shape", "one axis is gone"),
        (D + "dense_dX(dZ, W):\n    return W @ dZ.T", "transposed", "dX = dZ W"),
    ],
    "ch08_neuron": [
        (
            D + "neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n"
            "    return 2 * (a - y) * np.array([x, 1.0])",
            "missing_term",
            "sigmoid's derivative",
        ),
        (
            D + "neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n    d = (a - y) * a * (1 - a)\n"
            "    return np.array([d * x, d])",
            "missing_term",
            "factor 2",
        ),
        (
            D + "neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n    d = 2 * (y - a) * a * (1 - a)\n"
            "    return np.array([d * x, d])",
            "sign",
            "wrong sign",
        ),
        (
            D + "neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n    d = 2 * (a - y) * a * (1 - a)\n"
            "    return np.array([d, d])",
            "missing_term",
            "dz/dw = x",
        ),
        (
            D + "neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n    d = 2 * (a - y) * a * (1 - a)\n"
            "    return np.array([d, d * x])",
            "indexing",
            "swapped the two",
        ),
        (
            D + "neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n    d = 2 * (a - y) * a * (1 + a)\n"
            "    return np.array([d * x, d])",
            "sign",
            "1 + sigma",
        ),
        (
            D + "neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n    d = 2 * (a - y) * a * (1 - a)\n"
            "    return d * x, d",
            "type",
            "wrap it in np.array",
        ),
        (
            D + "neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x)))\n    d = 2 * (a - y) * a * (1 - a)\n"
            "    return np.array([d * x, d])",
            "missing_term",
            "left out b",
        ),
    ],
    "ch08_numgrad": [
        (
            D + "numerical_gradient(f, x, eps):\n"
            "    return np.array([(f(x + eps * e) - f(x)) / eps for e in np.eye(len(x))])",
            "wrong_formula",
            "forward difference",
        ),
        (
            D + "numerical_gradient(f, x, eps):\n"
            "    return np.array([(f(x + eps * e) - f(x - eps * e)) / eps for e in np.eye(len(x))])",
            "missing_term",
            "divide by 2 * eps",
        ),
        (
            D + "numerical_gradient(f, x, eps):\n"
            "    return np.array([(f(x + 1e-6 * e) - f(x - 1e-6 * e)) / 2e-6 for e in np.eye(len(x))])",
            "wrong_formula",
            "ignored the eps",
        ),
        (
            """def numerical_gradient(f, x, eps):
    g = np.zeros(len(x))
    for i in range(len(x)):
        x[i] += eps
        up = f(x)
        x[i] -= 2 * eps
        down = f(x)
        g[i] = (up - down) / (2 * eps)
    return g""",
            "in_place",
            "changed its input",
        ),
        (
            D + "numerical_gradient(f, x, eps):\n    return np.full(x.shape, (f(x + eps) - f(x - eps)) / (2 * eps))",
            "wrong_formula",
            "every coordinate at once",
        ),
        (
            """def numerical_gradient(f, x, eps):
    x = x.copy()
    g = np.zeros(len(x))
    for i in range(len(x)):
        old = x[i]
        x[i] = old + eps
        up = f(x)
        x[i] = old - eps
        down = f(x)
        x[i] = old
        g[i] = (up - down) / (2 * eps)
    return g""",
            "dtype",
            "stays integer",
        ),
        (
            """def numerical_gradient(f, x, eps):
    g = np.zeros_like(x)
    for i in range(len(x)):
        e = np.zeros(len(x))
        e[i] = eps
        g[i] = (f(x + e) - f(x - e)) / (2 * eps)
    return g""",
            "dtype",
            "integers cannot hold",
        ),
        (
            """def numerical_gradient(f, x, eps):
    g = np.zeros(len(x))
    for i in range(len(x) - 1):
        e = np.zeros(len(x))
        e[i] = eps
        g[i] = (f(x + e) - f(x - e)) / (2 * eps)
    return g""",
            "off_by_one",
            "last coordinate",
        ),
        (
            """def numerical_gradient(f, x, eps):
    g = np.zeros(len(x))
    for i in range(len(x)):
        e = np.zeros(len(x))
        e[i] = eps
        g[i] = (f(x + e) - f(x - e)) / 2 * eps
    return g""",
            "wrong_formula",
            "/ (2 * eps)",
        ),
    ],
    "ch09_momentum": [
        (
            _opt(
                "momentum_descent",
                _MOM,
                """    theta, v = theta0, 0
    for _ in range(steps):
        v = momentum * v + (1 - momentum) * grad_f(theta)
        theta = theta - lr * v
    return theta""",
            ),
            "wrong_formula",
            "You averaged",
        ),
        (
            _opt(
                "momentum_descent",
                _MOM,
                """    theta, v = theta0, 0
    for _ in range(steps):
        v = momentum * v + grad_f(theta)
        theta = theta + lr * v
    return theta""",
            ),
            "sign",
            "uphill",
        ),
        (
            _opt(
                "momentum_descent",
                _MOM,
                """    theta = theta0
    for _ in range(steps):
        v = 0
        v = momentum * v + grad_f(theta)
        theta = theta - lr * v
    return theta""",
            ),
            "missing_term",
            "forgets the past",
        ),
        (
            _opt(
                "momentum_descent",
                _MOM,
                """    theta, v = theta0, np.zeros_like(theta0)
    for _ in range(steps):
        theta = theta - lr * v
        v = momentum * v + grad_f(theta)
    return theta""",
            ),
            "off_by_one",
            "buffer of the step before",
        ),
        (
            _opt(
                "momentum_descent",
                _MOM,
                """    theta, v = theta0, 0
    for _ in range(steps - 1):
        v = momentum * v + grad_f(theta)
        theta = theta - lr * v
    return theta""",
            ),
            "off_by_one",
            "one step short",
        ),
        (
            _opt(
                "momentum_descent",
                _MOM,
                """    theta, v = theta0, 0
    for _ in range(steps):
        v = momentum * v + grad_f(theta)
        theta -= lr * v
    return theta""",
            ),
            "in_place",
            "changed its input",
        ),
        (
            _opt(
                "momentum_descent",
                _MOM,
                """    theta, v, path = theta0, 0, []
    for _ in range(steps):
        v = momentum * v + grad_f(theta)
        theta = theta - lr * v
        path.append(theta)
    return np.array(path)""",
            ),
            "shape",
            "the last point only",
        ),
    ],
    "ch09_rmsprop": [
        (
            "def rmsprop_descent(grad_f, theta0, lr, alpha, eps, steps):\n    theta = np.array(theta0, dtype=float)\n"
            "    v = np.zeros_like(theta)\n    for _ in range(steps):\n        g = grad_f(theta)\n"
            "        v = alpha * (v + g * g)\n        theta = theta - lr * g / (np.sqrt(v) + eps)\n    return theta",
            "wrong_formula",
            "add up to 1",
        ),
        (
            _opt(
                "rmsprop_descent",
                _RMS,
                """    theta, v = theta0, 0
    for _ in range(steps):
        g = grad_f(theta)
        v = alpha * v + (1 - alpha) * g ** 2
        theta = theta - lr * g / (v + eps)
    return theta""",
            ),
            "missing_term",
            "not by its square root",
        ),
        (
            _opt(
                "rmsprop_descent",
                _RMS,
                """    theta, v = theta0, 0
    for _ in range(steps):
        g = grad_f(theta)
        v = alpha * v + g ** 2
        theta = theta - lr * g / (np.sqrt(v) + eps)
    return theta""",
            ),
            "missing_term",
            "leaves out (1 - alpha)",
        ),
        (
            _opt(
                "rmsprop_descent",
                _RMS,
                """    theta, v = theta0, 0
    for _ in range(steps):
        g = grad_f(theta)
        v = alpha * v + (1 - alpha) * g ** 2
        theta = theta - lr * g / np.sqrt(v + eps)
    return theta""",
            ),
            "wrong_formula",
            "inside the square root",
        ),
        (
            _opt(
                "rmsprop_descent",
                _RMS,
                """    theta, v = theta0, 0
    for _ in range(steps):
        g = grad_f(theta)
        v = alpha * v + (1 - alpha) * g ** 2
        theta = theta + lr * g / (np.sqrt(v) + eps)
    return theta""",
            ),
            "sign",
            "uphill",
        ),
        (
            _opt(
                "rmsprop_descent",
                _RMS,
                """    theta, v = theta0, 0
    for _ in range(steps):
        g = grad_f(theta)
        v = alpha * v + (1 - alpha) * g
        theta = theta - lr * g / (np.sqrt(np.abs(v)) + eps)
    return theta""",
            ),
            "missing_term",
            "not g^2",
        ),
        (
            _opt(
                "rmsprop_descent",
                _RMS,
                """    theta, v = theta0, 0
    for _ in range(1, steps):
        g = grad_f(theta)
        v = alpha * v + (1 - alpha) * g ** 2
        theta = theta - lr * g / (np.sqrt(v) + eps)
    return theta""",
            ),
            "off_by_one",
            "one step short",
        ),
        (
            _opt(
                "rmsprop_descent",
                _RMS,
                """    theta, v = theta0, 0
    for _ in range(steps):
        g = grad_f(theta)
        v = alpha * v + (1 - alpha) * g ** 2
        theta -= lr * g / (np.sqrt(v) + eps)
    return theta""",
            ),
            "in_place",
            "changed its input",
        ),
    ],
    "ch09_adam": [
        (
            "def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):\n    theta = np.array(theta0, dtype=float)\n"
            "    m = v = np.zeros_like(theta)\n    for t in range(1, steps + 1):\n        g = grad_f(theta)\n"
            "        m = beta1 * m + (1 - beta1) * g\n        v = beta2 * v + (1 - beta2) * np.abs(g) * np.sign(g)\n"
            "        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)\n    return theta",
            "missing_term",
            "the square is missing",
        ),
        (
            _opt(
                "adam_descent",
                _ADAM,
                """    theta, m, v = theta0, 0, 0
    for t in range(steps):
        g = grad_f(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return theta""",
            ),
            "off_by_one",
            "t = 1",
        ),
        (
            _opt(
                "adam_descent",
                _ADAM,
                """    theta, m, v = theta0, 0, 0
    for t in range(1, steps + 1):
        g = grad_f(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        theta = theta - lr * m / (np.sqrt(v) + eps)
    return theta""",
            ),
            "missing_term",
            "left out the bias correction",
        ),
        (
            _opt(
                "adam_descent",
                _ADAM,
                """    theta, m, v = theta0, 0, 0
    for t in range(1, steps + 1):
        g = grad_f(theta)
        m = beta1 * g + (1 - beta1) * m
        v = beta2 * g ** 2 + (1 - beta2) * v
        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return theta""",
            ),
            "wrong_formula",
            "weight the new gradient by beta",
        ),
        (
            _opt(
                "adam_descent",
                _ADAM,
                """    theta, m, v = theta0, 0, 0
    for t in range(1, steps + 1):
        g = grad_f(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        theta = theta - lr * (m / (1 - beta1 ** t)) / np.sqrt(v / (1 - beta2 ** t) + eps)
    return theta""",
            ),
            "wrong_formula",
            "inside the square root",
        ),
        (
            _opt(
                "adam_descent",
                _ADAM,
                """    theta, m, v = theta0, 0, 0
    t = 1
    for _ in range(steps):
        g = grad_f(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return theta""",
            ),
            "off_by_one",
            "t never grows",
        ),
        (
            _opt(
                "adam_descent",
                _ADAM,
                """    theta, m, v = theta0, 0, 0
    for t in range(1, steps):
        g = grad_f(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return theta""",
            ),
            "off_by_one",
            "one step short",
        ),
        (
            _opt(
                "adam_descent",
                _ADAM,
                """    theta, m, v = theta0, 0, 0
    for t in range(1, steps + 1):
        g = grad_f(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v) + eps)
    return theta""",
            ),
            "missing_term",
            "only m",
        ),
        (
            _opt(
                "adam_descent",
                _ADAM,
                """    theta, m, v = theta0, 0, 0
    for t in range(1, steps + 1):
        g = grad_f(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        theta -= lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return theta""",
            ),
            "in_place",
            "changed its input",
        ),
    ],
    "ch09_adam_first_step": [
        ("first_step = -0.01 * np.array([1000, 0.001, -5])", "wrong_formula", "plain gradient descent"),
        ("first_step = np.array([0.01, 0.01, -0.01])", "sign", "wrong direction"),
        ("first_step = np.array([-0.01, -0.01, -0.01])", "sign", "third coordinate"),
        ("first_step = np.array([-0.01, 0.0, 0.01])", "wrong_formula", "nearly flat coordinate"),
        ("first_step = np.array([-0.0316, -0.0316, 0.0316])", "missing_term", "without the bias correction"),
        ("first_step = [-0.01, -0.01, 0.01]", "type", "wrap it in np.array"),
        ("first_step = np.array([[-0.01, -0.01, 0.01]])", "shape", "extra axis of length 1"),
    ],
    "ch09_steps_per_epoch": [
        (
            D
            + "steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return 1\n    return n // batch_size",
            "integer_division",
            "round UP",
        ),
        (
            D
            + "steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return n\n    return math.ceil(n / batch_size)",
            "wrong_formula",
            "full batch",
        ),
        (D + "steps_per_epoch(n, batch_size):\n    return batch_size or 1", "wrong_formula", "returned the batch size"),
        (
            D
            + "steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return 1\n    return n / batch_size",
            "dtype",
            "without rounding",
        ),
        (
            D
            + "steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return 1\n    return n // batch_size + 1",
            "off_by_one",
            "multiple of batch_size",
        ),
        (
            D
            + "steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return 1\n    return round(n / batch_size)",
            "wrong_formula",
            "round()",
        ),
        (D + "steps_per_epoch(n, batch_size):\n    return math.ceil(n / batch_size)", "missing_term", "NoneType"),
        (
            D + "steps_per_epoch(n, batch_size):\n    return 1 if batch_size is None else np.ceil(n / batch_size)",
            "dtype",
            "whole number",
        ),
    ],
    "ch10_accuracy": [
        (
            D + "accuracy(logits, labels):\n    return float(np.sum(np.argmax(logits, axis=1) == labels))",
            "missing_term",
            "counted the right",
        ),
        (
            D + "accuracy(logits, labels):\n    return 100 * float(np.mean(np.argmax(logits, axis=1) == labels))",
            "wrong_formula",
            "percentage",
        ),
        (
            D + "accuracy(logits, labels):\n    return float(np.mean(np.argmax(logits, axis=1) != labels))",
            "sign",
            "error rate",
        ),
        (
            D + "accuracy(logits, labels):\n    return float(np.mean(np.argmax(logits, axis=0) == labels))",
            "indexing",
            "axis 0",
        ),
        (
            D
            + "accuracy(logits, labels):\n    return sum(1 for z, y in zip(logits, labels) if np.argmax(z) == y) / len(labels)",
            "rule",
            "vectorised",
        ),
        (
            D + "accuracy(logits, labels):\n    return float(np.mean(np.argmax(logits) == labels))",
            "indexing",
            "whole array",
        ),
        (
            D + "accuracy(logits, labels):\n    return float(np.mean(np.max(logits, axis=1) == labels))",
            "wrong_formula",
            "argmax",
        ),
        (
            D + "accuracy(logits, labels):\n    return int(np.sum(np.argmax(logits, axis=1) == labels)) // len(labels)",
            "integer_division",
            "//",
        ),
        (D + "accuracy(logits, labels):\n    return np.argmax(logits, axis=1) == labels", "shape", "take the mean"),
    ],
    "ch10_minibatches": [
        (
            D + "minibatch_indices(n, batch_size, seed):\n    order = np.random.default_rng(seed).permutation(n)\n"
            "    b = batch_size or n\n    return [order[i:i + b] for i in range(0, n - b + 1, b)]",
            "off_by_one",
            "dropped the last",
        ),
        (
            D + "minibatch_indices(n, batch_size, seed):\n    b = batch_size or n\n"
            "    return [np.arange(n)[i:i + b] for i in range(0, n, b)]",
            "missing_term",
            "not shuffled",
        ),
        (
            D + "minibatch_indices(n, batch_size, seed):\n    return [np.random.default_rng(seed).permutation(n)]",
            "missing_term",
            "one batch of everything",
        ),
        (
            """def minibatch_indices(n, batch_size, seed):
    order = np.random.default_rng(seed).permutation(n)
    b = batch_size or n
    out = []
    for start in range(0, n, b):
        batch = np.zeros(len(order[start:start + b]))
        batch[:] = order[start:start + b]
        out.append(batch)
    return out""",
            "dtype",
            "should hold integers",
        ),
        (
            D + "minibatch_indices(n, batch_size, seed):\n    order = np.random.default_rng(seed).permutation(n)\n"
            "    return [order[i:i + batch_size] for i in range(0, n, batch_size)]",
            "missing_term",
            "NoneType",
        ),
        (
            D
            + "minibatch_indices(n, batch_size, seed):\n    np.random.seed(seed)\n    order = np.random.permutation(n)\n"
            "    b = batch_size or n\n    return [order[i:i + b] for i in range(0, n, b)]",
            "wrong_formula",
            "default_rng(seed)",
        ),
        (
            D + "minibatch_indices(n, batch_size, seed):\n    order = np.random.default_rng(seed).permutation(n)\n"
            "    return np.array_split(order, max(1, n // (batch_size or n)))",
            "wrong_formula",
            "array_split",
        ),
        (
            D + "minibatch_indices(n, batch_size, seed):\n    order = np.random.default_rng(seed).permutation(n)\n"
            "    b = batch_size or n\n    return [list(order[i:i + b]) for i in range(0, n, b)]",
            "type",
            "wrap it in np.array",
        ),
    ],
    "ch10_split": [
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = math.ceil(n * test_size)
    rng = np.random.default_rng(seed)
    ox, oy = rng.permutation(n), rng.permutation(n)
    return X[ox[k:]], X[ox[:k]], y[oy[k:]], y[oy[:k]]""",
            "indexing",
            "DIFFERENT permutations",
        ),
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = int(n * test_size)
    o = np.random.default_rng(seed).permutation(n)
    return X[o[k:]], X[o[:k]], y[o[k:]], y[o[:k]]""",
            "off_by_one",
            "one sample short",
        ),
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = math.ceil(n * test_size)
    return X[k:], X[:k], y[k:], y[:k]""",
            "missing_term",
            "did not shuffle",
        ),
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = math.ceil(n * test_size)
    o = np.random.default_rng(seed).permutation(n)
    return X[o[:k]], X[o[k:]], y[o[:k]], y[o[k:]]""",
            "indexing",
            "swapped train and test",
        ),
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = math.ceil(n * test_size)
    o = np.random.default_rng(seed).permutation(n)
    return X[o[k:]], y[o[k:]], X[o[:k]], y[o[:k]]""",
            "indexing",
            "X_train, X_test, y_train, y_test",
        ),
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = math.ceil(n * test_size)
    o = np.random.default_rng(seed).permutation(n)
    return X[o[:-k]], X[o[-k:]], y[o[:-k]], y[o[-k:]]""",
            "indexing",
            "FIRST n_test",
        ),
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = round(n * test_size)
    o = np.random.default_rng(seed).permutation(n)
    return X[o[k:]], X[o[:k]], y[o[k:]], y[o[:k]]""",
            "off_by_one",
            "one sample short",
        ),
        (
            """def split_train_test(X, y, test_size, seed):
    n = len(X); k = math.ceil(n * test_size)
    rng = np.random.default_rng(seed)
    o = rng.permutation(n)
    rng.shuffle(X)
    return X[o[k:]], X[o[:k]], y[o[k:]], y[o[:k]]""",
            "in_place",
            "changed its input",
        ),
    ],
    "ch10_train_loop": [
        (
            "def train_linear(X, y, lr, steps):\n    w, b, out = np.zeros(X.shape[1]), 0.0, []\n"
            "    for _ in range(steps):\n        r = X @ w + b - y\n        out.append(np.mean(r ** 2))\n"
            "        g = 2.0 * r / len(y)\n        w = w - lr * X.T @ g\n        b = b - lr * np.mean(g)\n"
            "    return np.array(out)",
            "wrong_formula",
            "the sum of g",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        g = 2 * r / len(y)
        w, b = w + lr * X.T @ g, b + lr * g.sum()
    return np.array(losses)""",
            "sign",
            "loss goes up",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        g = 2 * r
        w, b = w - lr * X.T @ g, b - lr * g.sum()
    return np.array(losses)""",
            "missing_term",
            "summed loss",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        g = 2 * r / len(y)
        w, b = w - lr * X.T @ g, b - lr * g.sum()
        losses.append(np.mean((X @ w + b - y) ** 2))
    return np.array(losses)""",
            "off_by_one",
            "one step ahead",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        w = w - lr * X.T @ (2 * r / len(y))
    return np.array(losses)""",
            "missing_term",
            "bias never moves",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        g = r / len(y)
        w, b = w - lr * X.T @ g, b - lr * g.sum()
    return np.array(losses)""",
            "missing_term",
            "factor 2",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        losses.append(np.sum(r ** 2))
        g = 2 * r / len(y)
        w, b = w - lr * X.T @ g, b - lr * g.sum()
    return np.array(losses)""",
            "wrong_formula",
            "sum where the mean",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps - 1):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        g = 2 * r / len(y)
        w, b = w - lr * X.T @ g, b - lr * g.sum()
    return np.array(losses)""",
            "off_by_one",
            "one too few along axis 0",
        ),
        (
            """def train_linear(X, y, lr, steps):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        g = 2 * r / len(y)
        w, b = w - lr * X.T @ g, b - lr * g.sum()
    return losses""",
            "type",
            "wrap it in np.array",
        ),
    ],
    "ch10_total_steps": [
        ("total_steps = 20", "missing_term", "EPOCHS"),
        ("total_steps = 420", "integer_division", "round up"),
        ("total_steps = 20 * 1347", "wrong_formula", "batch size 1"),
        ("total_steps = 22", "missing_term", "ONE epoch"),
        ("total_steps = 20 * 1347 / 64", "integer_division", "whole number of steps"),
        ("total_steps = math.ceil(20 * 1347 / 64)", "off_by_one", "each epoch ends"),
        ("total_steps = 20 * 64", "wrong_formula", "batch size times"),
    ],
}

# Mistakes that no exercise mistake describes, named by the term variants (the reference changed
# in one place, or one of its scalar inputs altered; dlmath/grading/_terms.py): they keep each of
# those detectors proven.
_NO_LR = "        theta = theta - {step}\n"
TERM_VARIANTS_B = {
    "ch06_mse": [
        (D + "mse(y_pred, y_true):\n    return float(np.mean((y_pred - y_true) ** 3))", "wrong_formula", "exponent"),
        (
            D + "mse(y_pred, y_true):\n    return float(np.mean((y_pred - y_true) ** 2) ** 2)",
            "wrong_formula",
            "the result is squared",
        ),
    ],
    "ch09_momentum": [
        (
            _opt(
                "momentum_descent",
                _MOM,
                "    theta = np.array(theta0, dtype=float)\n    b = np.zeros_like(theta)\n"
                "    for _ in range(steps):\n        b = momentum * b + grad_f(theta)\n" + _NO_LR.format(step="b"),
            )
            + "    return theta",
            "missing_term",
            "`lr` is missing",
        ),
    ],
    "ch07_gd_path": [
        (
            D + "gd_path(grad_f, theta0, lr, steps):\n    path = [np.array(theta0, dtype=float)]\n"
            "    for _ in range(steps):\n        path.append(path[-1] - grad_f(path[-1]))\n    return np.array(path)",
            "missing_term",
            "`lr` is missing",
        ),
    ],
    "ch09_adam": [
        (
            _opt(
                "adam_descent",
                _ADAM,
                "    theta = np.array(theta0, dtype=float)\n    m = np.zeros_like(theta)\n    v = np.zeros_like(theta)\n"
                "    for t in range(1, steps + 1):\n        g = grad_f(theta)\n"
                "        m = beta1 * m + (1 - beta1) * g\n        v = beta2 * v + (1 - beta2) * g ** 2\n"
                "        m_hat = m / (1 - beta1 ** t)\n        v_hat = v / (1 - beta2 ** t)\n"
                + _NO_LR.format(step="m_hat / (np.sqrt(v_hat) + eps)"),
            )
            + "    return theta",
            "missing_term",
            "`lr` is missing",
        ),
    ],
    "ch10_minibatches": [
        (
            D + "minibatch_indices(n, batch_size, seed):\n    order = np.random.default_rng(seed).permutation(n)\n"
            "    if batch_size is None:\n        return [order]\n"
            "    return [order[s:s + batch_size - 1] for s in range(0, n, batch_size)]",
            "off_by_one",
            "slice bound is off by one",
        ),
    ],
}
for _id, _entries in TERM_VARIANTS_B.items():
    CAT_B[_id].extend(_entries)

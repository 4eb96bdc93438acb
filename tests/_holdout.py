"""A held-out set of wrong answers, written after the bank's detectors and never tuned
against them: the live check's out-of-sample score (see test_wrong_answers.py).

Each entry is (exercise id, learner code, fragment that would name the mistake)."""

D = "def "
HOLDOUT_RAW = [
    ("ch02_get_column", D + "get_column(M, j):\n    return M[:, j].reshape(-1, 1)"),
    ("ch02_get_column", D + "get_column(M, j):\n    return M.T[j - 1]"),
    (
        "ch03_matmul",
        "def my_matmul(A, B):\n    C = np.zeros((A.shape[0], B.shape[1]))\n    for i in range(A.shape[0]):\n        for j in range(B.shape[1]):\n            C[i, j] = sum(A[i, :] * B[j, :])\n    return C",
    ),
    (
        "ch03_transpose",
        "def my_transpose(A):\n    return np.array([A[:, j] for j in range(A.shape[1])]).reshape(A.shape)",
    ),
    ("ch03_scale_add", D + "scale_then_add(c, A, B):\n    return c * A @ np.eye(len(A)) + B"),
    ("ch04_weighted_sum", D + "layer_weighted_sum(X, W, b):\n    return X @ W.T + b[:, None].T.T"),
    (
        "ch04_count_params",
        D
        + "count_params(sizes):\n    return sum(sizes[i] * sizes[i + 1] for i in range(len(sizes) - 1)) + len(sizes) - 1",
    ),
    ("ch05_sigmoid", D + "sigmoid(z):\n    return np.exp(-np.logaddexp(0, z))"),
    (
        "ch05_sigmoid",
        D
        + "sigmoid(z):\n    z = np.asarray(z, dtype=np.float32)\n    e = np.exp(-np.abs(z))\n    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))",
    ),
    ("ch05_relu", D + "relu(z):\n    out = z\n    out[out < 0] = 0\n    return out"),
    (
        "ch05_forward",
        D
        + "two_layer_forward(X, W1, b1, W2, b2):\n    H = np.maximum(X @ W1.T + b1, 0)\n    return np.maximum(H @ W2.T + b2, 0) / (1 + np.abs(H @ W2.T + b2))",
    ),
    ("ch06_mse", D + "mse(y_pred, y_true):\n    return float(((y_pred - y_true) ** 2).mean(axis=1).sum())"),
    ("ch06_mse_grad", D + "mse_grad(y_pred, y_true):\n    return 2 * (y_pred - y_true) / y_pred.shape[0]"),
    (
        "ch06_softmax",
        D
        + "softmax(z):\n    e = np.exp(z - z.max(axis=0, keepdims=True))\n    return e / e.sum(axis=1, keepdims=True)",
    ),
    (
        "ch06_softmax",
        D
        + "softmax(z):\n    e = np.exp(z - np.median(z, axis=1, keepdims=True))\n    return e / e.sum(axis=1, keepdims=True)",
    ),
    (
        "ch06_cross_entropy",
        D
        + "cross_entropy(logits, labels):\n    s = logits - logits.min(axis=1, keepdims=True)\n    lp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n    return float(-np.mean(lp[np.arange(len(labels)), labels]))",
    ),
    (
        "ch06_cross_entropy",
        D
        + "cross_entropy(logits, labels):\n    s = logits - logits.max(axis=1, keepdims=True)\n    lp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n    return float(-np.mean(lp[np.arange(len(labels)), labels - 1]))",
    ),
    ("ch07_gd_step", D + "gd_step(theta, grad, lr):\n    theta[:] = theta - lr * grad\n    return theta.copy()"),
    ("ch07_max_lr", D + "max_stable_lr(c):\n    return float(2 / np.max(c) - 1e-3)"),
    (
        "ch07_steps",
        "def steps_to_converge(a, lr, theta0, tol):\n    theta, k = theta0, 0\n    while abs(theta) >= tol and k < 50:\n        theta = theta - lr * a * theta\n        k += 1\n    return k",
    ),
    (
        "ch07_gd_path",
        "def gd_path(grad_f, theta0, lr, steps):\n    path = [theta0]\n    for _ in range(steps):\n        path.append(path[-1] - lr * grad_f(path[0]))\n    return np.vstack(path)",
    ),
    ("ch08_dW", D + "dense_dW(X, dZ):\n    return np.einsum('si,sj->ji', dZ, X)"),
    ("ch08_db", D + "dense_db(dZ):\n    return dZ.sum(axis=0)[::-1]"),
    ("ch08_dX", D + "dense_dX(dZ, W):\n    return dZ @ W * 2"),
    (
        "ch08_neuron",
        D
        + "neuron_grads(x, y, w, b):\n    a = 1 / (1 + np.exp(-(w * x + b)))\n    d = 2 * (a - y) * a * (1 - a)\n    return np.array([d * w, d])",
    ),
    (
        "ch08_numgrad",
        "def numerical_gradient(f, x, eps):\n    x = x.astype(float)\n    g = np.zeros_like(x)\n    for i in range(len(x)):\n        x[i] += eps\n        up = f(x)\n        x[i] -= eps\n        g[i] = (up - f(x)) / eps\n    return g",
    ),
    (
        "ch09_momentum",
        "def momentum_descent(grad_f, theta0, lr, momentum, steps):\n    theta, v = theta0, 0\n    for _ in range(steps):\n        v = momentum * v + lr * grad_f(theta)\n        theta = theta - lr * v\n    return theta",
    ),
    (
        "ch09_adam",
        "def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):\n    theta, m, v = theta0, 0, 0\n    for t in range(1, steps + 1):\n        g = grad_f(theta)\n        m = beta1 * m + (1 - beta1) * g\n        v = beta2 * v + (1 - beta2) * g ** 2\n        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps) * (1 - beta1)\n    return theta",
    ),
    (
        "ch09_steps_per_epoch",
        D + "steps_per_epoch(n, batch_size):\n    return 1 if batch_size is None else (n + batch_size) // batch_size",
    ),
    ("ch10_accuracy", D + "accuracy(logits, labels):\n    return float(np.mean(np.argmin(logits, axis=1) == labels))"),
    (
        "ch10_minibatches",
        D
        + "minibatch_indices(n, batch_size, seed):\n    order = np.random.default_rng(seed).permutation(n)\n    b = batch_size or n\n    return [np.sort(order[i:i + b]) for i in range(0, n, b)]",
    ),
    (
        "ch10_split",
        "def split_train_test(X, y, test_size, seed):\n    n = len(X); k = math.ceil(n * test_size)\n    o = np.random.default_rng(seed + 1).permutation(n)\n    return X[o[k:]], X[o[:k]], y[o[k:]], y[o[:k]]",
    ),
    (
        "ch10_train_loop",
        "def train_linear(X, y, lr, steps):\n    w, b, losses = np.zeros(X.shape[1]), 0.0, []\n    for _ in range(steps):\n        r = X @ w + b - y\n        losses.append(np.mean(r ** 2))\n        g = 2 * r / len(y)\n        w, b = w - lr * X.T @ g, b - lr * g.mean()\n    return np.array(losses)",
    ),
]

# the fragment that would name each mistake, chosen by hand before the checks were run
FRAGMENTS = [
    "Your column is 2-D",
    "off by one column",
    "column j of B",
    "reshape",
    "c * A",
    "broadcast",
    "bias",
    "flipped",
    "float64",
    "changed its input",
    "sigmoid",
    "summed",
    "batch size only",
    "each row",
    "median",
    "row minimum",
    "labels - 1",
    "changed its input",
    "boundary itself",
    "stopped early",
    "gradient at the start",
    "transposed",
    "another order",
    "twice too large",
    "dz/dw = x",
    "forward difference",
    "lr twice",
    "(1 - beta1)",
    "one too many",
    "argmin",
    "another order",
    "seed",
    "sum of",
]

HOLDOUT = [(ex, code, frag) for (ex, code), frag in zip(HOLDOUT_RAW, FRAGMENTS)]

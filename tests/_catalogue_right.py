"""Right answers written in unusual ways: each must pass its check."""

RIGHT = {
    "ch02_get_column": [
        "def get_column(M, j):\n    return M.T[j]",
        "def get_column(M, j):\n    return np.take(M, j, axis=1)",
    ],
    "ch03_matmul": [
        """def my_matmul(A, B):
    return np.array([[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A])""",
        """def my_matmul(A, B):
    m, n = A.shape
    C = np.zeros((m, B.shape[1]), dtype=np.result_type(A, B))
    for i in range(m):
        for k in range(n):
            C[i] += A[i, k] * B[k]
    return C""",
    ],
    "ch03_transpose": [
        "def my_transpose(A):\n    return np.array([list(r) for r in zip(*A)])",
        """def my_transpose(A):
    out = np.empty((A.shape[1], A.shape[0]), dtype=A.dtype)
    for i in range(A.shape[0]):
        out[:, i] = A[i]
    return out""",
    ],
    "ch03_scale_add": ["def scale_then_add(c, A, B):\n    return np.add(np.multiply(c, A), B)"],
    "ch04_weighted_sum": [
        "def layer_weighted_sum(X, W, b):\n    return (W @ X.T).T + b",
        "def layer_weighted_sum(X, W, b):\n    return np.einsum('si,oi->so', X, W) + b",
    ],
    "ch04_count_params": ["def count_params(sizes):\n    return sum((a + 1) * b for a, b in zip(sizes, sizes[1:]))"],
    "ch05_sigmoid": [
        # both formulas under np.where: the overflow happens in the branch not taken, so every value
        # returned is right; stability is judged by the values (issue 9), the warning adds a note
        "def sigmoid(z):\n    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))",
        "def sigmoid(z):\n    return np.exp(-np.logaddexp(0, -np.asarray(z, dtype=float)))",
        """def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1 + e)
    return out""",
    ],
    "ch05_relu": [
        "def relu(z):\n    return z * (z > 0)",
        "def relu(z):\n    return np.where(z > 0, z, 0)",
        "def relu(z):\n    return np.heaviside(z, 0).astype(z.dtype) * z",
        "def relu(z):\n    return z.clip(min=0)",
    ],
    "ch05_relu_grad": [
        "def relu_grad(z):\n    return np.heaviside(z, 0)",
        "def relu_grad(z):\n    return (z > 0) * 1.0",
        "def relu_grad(z):\n    return np.where(z > 0, 1.0, 0.0)",
    ],
    "ch05_forward": [
        """def relu(z):
    return np.maximum(z, 0)
def sigmoid(z):
    return np.exp(-np.logaddexp(0, -z))
def two_layer_forward(X, W1, b1, W2, b2):
    return sigmoid(relu((W1 @ X.T).T + b1) @ W2.T + b2)"""
    ],
    "ch06_mse": ["def mse(y_pred, y_true):\n    d = (y_pred - y_true).ravel()\n    return float(d @ d / d.size)"],
    "ch06_mse_grad": ["def mse_grad(y_pred, y_true):\n    return (y_pred - y_true) * (2 / np.size(y_pred))"],
    "ch06_softmax": [
        """def softmax(z):
    s = z - np.max(z, axis=-1, keepdims=True)
    return np.exp(s - np.log(np.exp(s).sum(axis=-1, keepdims=True)))""",
        "def softmax(z):\n    e = np.exp(z - z.max(axis=1)[:, None])\n    return e / e.sum(axis=1)[:, None]",
    ],
    "ch06_cross_entropy": [
        """def cross_entropy(logits, labels):
    m = logits.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return float(np.mean(lse - logits[np.arange(len(labels)), labels]))""",
        """def cross_entropy(logits, labels):
    s = logits - logits.max(axis=1, keepdims=True)
    lp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    return float(-np.take_along_axis(lp, labels[:, None], axis=1).mean())""",
    ],
    "ch07_gd_step": ["def gd_step(theta, grad, lr):\n    return np.subtract(theta, lr * grad)"],
    "ch07_max_lr": ["def max_stable_lr(curvatures):\n    return 2 / max(curvatures)"],
    "ch07_steps": [
        """def steps_to_converge(a, lr, theta0, tol):
    k = 0
    theta = theta0
    for k in range(100000):
        if abs(theta) < tol:
            return k
        theta -= lr * a * theta"""
    ],
    "ch07_gd_path": [
        """def gd_path(grad_f, theta0, lr, steps):
    path = np.zeros((steps + 1, len(theta0)))
    path[0] = theta0
    for k in range(steps):
        path[k + 1] = path[k] - lr * grad_f(path[k])
    return path"""
    ],
    "ch08_dW": [
        "def dense_dW(X, dZ):\n    return (X.T @ dZ).T",
        "def dense_dW(X, dZ):\n    return np.einsum('si,sj->ij', dZ, X)",
    ],
    "ch08_db": [
        "def dense_db(dZ):\n    return dZ.mean(axis=0) * len(dZ)",
        "def dense_db(dZ):\n    return np.ones(len(dZ)) @ dZ",
    ],
    "ch08_dX": ["def dense_dX(dZ, W):\n    return (W.T @ dZ.T).T"],
    "ch08_numgrad": [
        """def numerical_gradient(f, x, eps):
    x = np.asarray(x, dtype=float)
    E = eps * np.eye(x.size)
    return np.array([f(x + e) - f(x - e) for e in E]) / (2 * eps)"""
    ],
    "ch09_momentum": [
        """def momentum_descent(grad_f, theta0, lr, momentum, steps):
    theta, u = np.array(theta0, dtype=float), 0.0
    for _ in range(steps):
        u = momentum * u - lr * grad_f(theta)
        theta = theta + u
    return theta"""
    ],
    "ch09_adam": [
        """def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):
    theta = np.array(theta0, dtype=float)
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    for t in range(1, steps + 1):
        g = grad_f(theta)
        m = m + (1 - beta1) * (g - m)
        v = v + (1 - beta2) * (g * g - v)
        step_size = lr / (1 - beta1 ** t)
        denom = np.sqrt(v) / np.sqrt(1 - beta2 ** t) + eps
        theta = theta - step_size * m / denom
    return theta"""
    ],
    "ch09_steps_per_epoch": [
        "def steps_per_epoch(n, batch_size):\n    return 1 if batch_size is None else -(-n // batch_size)"
    ],
    "ch10_accuracy": [
        "def accuracy(logits, labels):\n    return float((logits.argmax(1) == labels).sum() / len(labels))"
    ],
    "ch10_minibatches": [
        """def minibatch_indices(n, batch_size, seed):
    order = np.random.default_rng(seed).permutation(n)
    if batch_size is None:
        return [order]
    return np.split(order, range(batch_size, n, batch_size))"""
    ],
    "ch10_split": [
        """def split_train_test(X, y, test_size, seed):
    order = np.random.default_rng(seed).permutation(len(X))
    test, train = np.split(order, [math.ceil(len(X) * test_size)])
    return X[train], X[test], y[train], y[test]"""
    ],
    "ch10_train_loop": [
        """def train_linear(X, y, lr, steps):
    Xb = np.hstack([X, np.ones((len(X), 1))])
    wb = np.zeros(Xb.shape[1])
    losses = np.empty(steps)
    for k in range(steps):
        r = Xb @ wb - y
        losses[k] = r @ r / len(y)
        wb = wb - lr * Xb.T @ (2 * r / len(y))
    return losses"""
    ],
}

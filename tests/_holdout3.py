# ruff: noqa: E501  (learners' code as strings, one answer per entry, like the catalogues)
"""A third held-out set of wrong answers (issue 9), written blind on 2026-12-02 by a helper
that read only the exercise texts (``solutions/*.ipynb``, ``exercises/*.ipynb``), docs/DESIGN.md
and the format of ``tests/_holdout2.py`` (its docstring and first lines). It did not read the
mistake-detection code (``dlmath/grading/``: judge, spec, families, mistakes, banks), the other
held-out sets' answers, the catalogues, ``tests/test_wrong_answers.py`` or any check message,
and it never ran ``check()`` on these answers.

Each entry is ``(exercise id, learner code, family, fragment)``. The fragment is what a good
message would contain to name the mistake, phrased as the mistake, chosen before anything was
run. Matching is case-insensitive. Each entry was verified to be wrong against the solution
notebook's reference (values, type, shape, dtype, input mutation, or an operation the text
forbids) in plain NumPy. Entries and fragments are never edited after this file's first commit;
a fragment that turns out unfair stays, and the report says so.
"""

H3 = []


def add(ex_id, code, family, fragment):
    H3.append((ex_id, code, family, fragment))


# --- 02 tensors -----------------------------------------------------------------------------
add("ch02_cube_shape", "cube_shape = (2, 3, 2)", "transposed", "order")
add("ch02_cube_shape", "cube_shape = (2, 6)", "shape", "axes")
add("ch02_cube_shape", "cube_shape = 12", "type", "tuple")
add("ch02_cube_shape", "cube_shape = (2.0, 2.0, 3.0)", "type", "int")
add("ch02_ndims", "ndims = (0, 2, 1, 3, 1)", "rule", "entry 5")
add("ch02_ndims", "ndims = (0, 2, 1, 3)", "shape", "five")
add("ch02_ndims", "ndims = [0, 2, 1, 3, 3]", "type", "tuple")
add("ch02_ndims", "ndims = (0, 2, 3, 3, 3)", "rule", "entry 3")
add("ch02_fix_matrix", "grid = np.array([1, 2, 3], [4, 5, 6], [7, 8, 9])", "rule", "TypeError")
add("ch02_fix_matrix", "grid = np.array([[1, 2, 3], [4, 5, 6]])", "shape", "(2, 3)")
add("ch02_fix_matrix", "grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]", "type", "list")
add("ch02_fix_matrix", "grid = np.arange(9).reshape(3, 3)", "off_by_one", "off by one")
add("ch02_get_column", "def get_column(M, j):\n    return list(M[:, j])", "type", "list")
add("ch02_get_column", "def get_column(M, j):\n    return M[:, j].astype(float)", "dtype", "dtype")
add("ch02_get_column", "def get_column(M, j):\n    return M[:][j]", "indexing", "row")
add("ch02_get_column", "def get_column(M, j):\n    return np.array([row[j] for row in M])", "rule", "loop")
add("ch02_build_tensor", "blocks = np.arange(30).reshape(3, 5, 2)", "shape", "shape")
add("ch02_build_tensor", "blocks = np.arange(1, 31).reshape(3, 2, 5)", "off_by_one", "start")
add("ch02_build_tensor", "blocks = np.arange(30).reshape(5, 2, 3).T", "transposed", "order")
add("ch02_build_tensor", "blocks = np.arange(30.0).reshape(3, 2, 5)", "dtype", "int")

# --- 03 matrix operations -------------------------------------------------------------------
add(
    "ch03_matmul",
    "def my_matmul(A, B):\n    m, n = A.shape\n    p = B.shape[1]\n    C = np.zeros((m, p))\n    for i in range(m):\n        for j in range(p):\n            for k in range(n):\n                C[i, j] += A[i, k] * B[j, k]\n    return C",
    "transposed",
    "transpose",
)
add(
    "ch03_matmul",
    "def my_matmul(A, B):\n    m, n = A.shape\n    p = B.shape[1]\n    C = np.zeros((m, p))\n    for i in range(m):\n        for j in range(p):\n            C[i, j] = np.dot(A[i, :], B[:, j])\n    return C",
    "rule",
    "np.dot",
)
add(
    "ch03_matmul",
    "def my_matmul(A, B):\n    m, n = A.shape\n    p = B.shape[1]\n    C = np.zeros((m, p))\n    for i in range(m):\n        for j in range(p):\n            for k in range(n):\n                C[i, j] = A[i, k] * B[k, j]\n    return C",
    "missing_term",
    "sum",
)
add(
    "ch03_matmul",
    "def my_matmul(A, B):\n    m, n = A.shape\n    p = B.shape[1]\n    C = np.zeros((m, p), dtype=int)\n    for i in range(m):\n        for j in range(p):\n            for k in range(n):\n                C[i, j] += A[i, k] * B[k, j]\n    return C",
    "dtype",
    "int",
)
add("ch03_product_shape", "AB_shape = (5, 5)", "rule", "inner")
add("ch03_product_shape", "AB_shape = (3, 2)", "transposed", "order")
add("ch03_product_shape", "AB_shape = (2, 5, 3)", "shape", "two")
add("ch03_product_shape", "AB_shape = 6", "type", "tuple")
add("ch03_defined", "defined = (False, True, True, False, True, True)", "rule", "columns of the first")
add("ch03_defined", "defined = (False, False, False, True, False, False)", "rule", "same shape")
add("ch03_defined", "defined = ('True', 'False', 'True', 'False', 'True', 'False')", "type", "bool")
add("ch03_defined", "defined = (1, 0, 1, 0, 1, 0)", "type", "bool")
add("ch03_top_left", "top_left = 1 * 7 + 2 * 8 + 3 * 9", "transposed", "column")
add("ch03_top_left", "top_left = 1 * 7 + 4 * 8", "indexing", "row")
add("ch03_top_left", "top_left = 58.0", "type", "int")
add("ch03_top_left", "top_left = 1 + 2 + 3 + 7 + 9 + 11", "wrong_formula", "product")
add(
    "ch03_transpose",
    "def my_transpose(A):\n    m, n = A.shape\n    result = np.zeros((m, n), dtype=A.dtype)\n    for i in range(m):\n        for j in range(n):\n            result[i, j] = A[i, j]\n    return result",
    "shape",
    "shape",
)
add("ch03_transpose", "def my_transpose(A):\n    return A.T.copy()", "rule", ".T")
add(
    "ch03_transpose", "def my_transpose(A):\n    m, n = A.shape\n    return A.reshape(n, m)", "wrong_formula", "reshape"
)
add(
    "ch03_transpose",
    "def my_transpose(A):\n    n = A.shape[0]\n    for i in range(n):\n        for j in range(i + 1, n):\n            A[i, j], A[j, i] = A[j, i], A[i, j]\n    return A",
    "mutation",
    "in place",
)
add("ch03_scale_add", "def scale_then_add(c, A, B):\n    return c * (A + B)", "wrong_formula", "only A")
add("ch03_scale_add", "def scale_then_add(c, A, B):\n    return c + A + B", "wrong_formula", "multiply")
add("ch03_scale_add", "def scale_then_add(c, A, B):\n    A *= c\n    return A + B", "mutation", "in place")
add("ch03_scale_add", "def scale_then_add(c, A, B):\n    return c * A - B", "sign", "sign")

# --- 03b geometry ---------------------------------------------------------------------------
add(
    "ch03b_angle",
    "def angle_degrees(u, v):\n    cos = (u @ v) / (np.sqrt(u @ u) * np.sqrt(v @ v))\n    return np.arccos(np.clip(cos, -1, 1))",
    "wrong_formula",
    "radian",
)
add(
    "ch03b_angle",
    "def angle_degrees(u, v):\n    cos = (u @ v) / ((u @ u) * (v @ v))\n    return np.degrees(np.arccos(np.clip(cos, -1, 1)))",
    "missing_term",
    "sqrt",
)
add(
    "ch03b_angle",
    "def angle_degrees(u, v):\n    cos = (u @ v) / (np.sqrt(u @ u) * np.sqrt(v @ v))\n    return np.degrees(np.arccos(cos))",
    "stability",
    "clip",
)
add(
    "ch03b_angle",
    "def angle_degrees(u, v):\n    cos = (u @ v) / (np.sqrt(u @ u) * np.sqrt(v @ v))\n    return np.degrees(np.arcsin(np.clip(cos, -1, 1)))",
    "wrong_formula",
    "arccos",
)
add("ch03b_project", "def project(u, v):\n    return (u @ v) / (u @ u) * v", "wrong_formula", "denominator")
add("ch03b_project", "def project(u, v):\n    return (u @ v) / (v @ v)", "shape", "shape")
add("ch03b_project", "def project(u, v):\n    return (u @ v) / (v @ v) * u", "wrong_formula", "direction")
add("ch03b_project", "def project(u, v):\n    return (u @ v) // (v @ v) * v", "integer_division", "integer division")
add("ch03b_signed_distance", "def signed_distance(X, w, b):\n    return X @ w + b", "missing_term", "norm")
add("ch03b_signed_distance", "def signed_distance(X, w, b):\n    return (X @ w + b) / (w @ w)", "missing_term", "sqrt")
add(
    "ch03b_signed_distance",
    "def signed_distance(X, w, b):\n    return X @ w / np.sqrt(w @ w) + b",
    "wrong_formula",
    "divide",
)
add(
    "ch03b_signed_distance",
    "def signed_distance(X, w, b):\n    return np.abs(X @ w + b) / np.sqrt(w @ w)",
    "sign",
    "sign",
)
add("ch03b_area", "area = 1 * 2 - 3 * 4", "sign", "absolute")
add("ch03b_area", "area = 1 * 2 + 3 * 4", "wrong_formula", "determinant")
add("ch03b_area", "area = abs(1 * 4 - 3 * 2)", "indexing", "determinant")
add("ch03b_area", "area = 1 * 2", "missing_term", "determinant")

# --- 04 neural networks ---------------------------------------------------------------------
add("ch04_weighted_sum", "def layer_weighted_sum(X, W, b):\n    return X @ W + b", "transposed", "transpose")
add("ch04_weighted_sum", "def layer_weighted_sum(X, W, b):\n    return X @ W.T", "missing_term", "bias")
add("ch04_weighted_sum", "def layer_weighted_sum(X, W, b):\n    return X @ W.T + b + b", "wrong_formula", "twice")
add(
    "ch04_weighted_sum",
    "def layer_weighted_sum(X, W, b):\n    return X @ W.T + b.reshape(-1, 1)",
    "broadcast",
    "broadcast",
)
add("ch04_W_shape", "W_shape = (3, 4)", "transposed", "transpose")
add("ch04_W_shape", "W_shape = [4, 3]", "type", "list")
add("ch04_W_shape", "W_shape = (4,)", "shape", "bias")
add("ch04_W_shape", "W_shape = (4, 4)", "shape", "bias")
add("ch04_Z_shape", "Z_shape = (4, 32)", "transposed", "transpose")
add("ch04_Z_shape", "Z_shape = (32, 3)", "shape", "input")
add("ch04_Z_shape", "Z_shape = (4,)", "shape", "batch")
add("ch04_Z_shape", "Z_shape = (32, 4.0)", "type", "int")
add(
    "ch04_count_params",
    "def count_params(sizes):\n    total = 0\n    for n_in, n_out in zip(sizes[:-1], sizes[1:]):\n        total += n_out * n_in\n    return total",
    "missing_term",
    "bias",
)
add(
    "ch04_count_params",
    "def count_params(sizes):\n    total = 0\n    for n_in, n_out in zip(sizes[:-1], sizes[1:]):\n        total += n_out * n_in + n_in\n    return total",
    "wrong_formula",
    "bias",
)
add(
    "ch04_count_params",
    "def count_params(sizes):\n    total = 0\n    for i in range(len(sizes) - 2):\n        total += sizes[i] * sizes[i + 1] + sizes[i + 1]\n    return total",
    "off_by_one",
    "last layer",
)
add(
    "ch04_count_params",
    "def count_params(sizes):\n    total = 0\n    for n_in, n_out in zip(sizes[:-1], sizes[1:]):\n        total += n_out * n_in + n_out\n    return float(total)",
    "type",
    "int",
)

# --- 05 activations -------------------------------------------------------------------------
add("ch05_sigmoid", "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))", "stability", "overflow")
add(
    "ch05_sigmoid",
    "def sigmoid(z):\n    e = np.exp(-np.abs(z))\n    return np.where(z >= 0, e / (1 + e), 1 / (1 + e))",
    "wrong_formula",
    "swap",
)
add(
    "ch05_sigmoid",
    "def sigmoid(z):\n    e = np.exp(-np.abs(z))\n    z[...] = np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n    return z",
    "mutation",
    "in place",
)
add(
    "ch05_sigmoid",
    "import math\n\ndef sigmoid(z):\n    z = np.asarray(z, dtype=float)\n    out = np.empty(z.shape)\n    for idx, x in np.ndenumerate(z):\n        out[idx] = 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))\n    return out",
    "rule",
    "loop",
)
add("ch05_sigmoid_slope", "slope_at_0 = 0.5", "wrong_formula", "value")
add("ch05_sigmoid_slope", "slope_at_0 = 0.5 * (1 + 0.5)", "sign", "sign")
add("ch05_sigmoid_slope", "slope_at_0 = '0.25'", "type", "number")
add("ch05_relu", "def relu(z):\n    return max(z, 0)", "rule", "max")
add("ch05_relu", "def relu(z):\n    return np.max(z, 0)", "wrong_formula", "maximum")
add("ch05_relu", "def relu(z):\n    z[z < 0] = 0\n    return z", "mutation", "in place")
add("ch05_relu", "def relu(z):\n    return np.maximum(z, 0.0)", "dtype", "dtype")
add("ch05_relu_grad", "def relu_grad(z):\n    return (np.asarray(z) >= 0).astype(float)", "rule", "z = 0")
add("ch05_relu_grad", "def relu_grad(z):\n    return np.asarray(z) > 0", "dtype", "bool")
add("ch05_relu_grad", "def relu_grad(z):\n    return np.maximum(z, 0) / z", "wrong_formula", "nan")
add("ch05_relu_grad", "def relu_grad(z):\n    return np.maximum(z, 0).astype(float)", "wrong_formula", "derivative")
_ACTS = "def relu(z):\n    return np.maximum(z, 0)\n\ndef sigmoid(z):\n    z = np.asarray(z, dtype=float)\n    e = np.exp(-np.abs(z))\n    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))\n\n"
add(
    "ch05_forward",
    _ACTS + "def two_layer_forward(X, W1, b1, W2, b2):\n    H = X @ W1.T + b1\n    return sigmoid(H @ W2.T + b2)",
    "missing_term",
    "relu",
)
add(
    "ch05_forward",
    _ACTS + "def two_layer_forward(X, W1, b1, W2, b2):\n    H = relu(X @ W1.T + b1)\n    return relu(H @ W2.T + b2)",
    "wrong_formula",
    "sigmoid",
)
add(
    "ch05_forward",
    _ACTS + "def two_layer_forward(X, W1, b1, W2, b2):\n    H = relu(X @ W1 + b1)\n    return sigmoid(H @ W2 + b2)",
    "transposed",
    "transpose",
)
add(
    "ch05_forward",
    _ACTS + "def two_layer_forward(X, W1, b1, W2, b2):\n    H = relu(X @ W1.T) + b1\n    return sigmoid(H @ W2.T) + b2",
    "wrong_formula",
    "bias",
)

# --- 06 losses ------------------------------------------------------------------------------
add("ch06_mse", "def mse(y_pred, y_true):\n    return float(np.sum((y_pred - y_true) ** 2))", "missing_term", "mean")
add(
    "ch06_mse",
    "def mse(y_pred, y_true):\n    return float(np.mean(np.abs(y_pred - y_true)))",
    "wrong_formula",
    "square",
)
add("ch06_mse", "def mse(y_pred, y_true):\n    return np.mean((y_pred - y_true) ** 2, axis=0)", "axis", "axis")
add(
    "ch06_mse",
    "def mse(y_pred, y_true):\n    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))",
    "wrong_formula",
    "root",
)
add("ch06_mse_grad", "def mse_grad(y_pred, y_true):\n    return 2.0 * (y_pred - y_true)", "missing_term", "1/N")
add("ch06_mse_grad", "def mse_grad(y_pred, y_true):\n    return (y_pred - y_true) / y_pred.size", "missing_term", "2")
add("ch06_mse_grad", "def mse_grad(y_pred, y_true):\n    return 2.0 * (y_true - y_pred) / y_pred.size", "sign", "sign")
add("ch06_mse_grad", "def mse_grad(y_pred, y_true):\n    return np.mean(2.0 * (y_pred - y_true))", "shape", "shape")
add(
    "ch06_softmax",
    "def softmax(z):\n    e = np.exp(z)\n    return e / e.sum(axis=1, keepdims=True)",
    "stability",
    "max",
)
add(
    "ch06_softmax",
    "def softmax(z):\n    e = np.exp(z - z.max())\n    return e / e.sum(axis=1, keepdims=True)",
    "axis",
    "row",
)
add(
    "ch06_softmax",
    "def softmax(z):\n    e = np.exp(z - z.max(axis=1))\n    return e / e.sum(axis=1)",
    "broadcast",
    "keepdims",
)
add(
    "ch06_softmax",
    "def softmax(z):\n    z -= z.max(axis=1, keepdims=True)\n    e = np.exp(z)\n    return e / e.sum(axis=1, keepdims=True)",
    "mutation",
    "in place",
)
add(
    "ch06_cross_entropy",
    "def cross_entropy(logits, labels):\n    shifted = logits - logits.max(axis=1, keepdims=True)\n    p = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)\n    n = len(labels)\n    return float(-np.mean(np.log(p[np.arange(n), labels])))",
    "stability",
    "underflow",
)
add(
    "ch06_cross_entropy",
    "def cross_entropy(logits, labels):\n    shifted = logits - logits.max(axis=1, keepdims=True)\n    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n    n = len(labels)\n    return float(-np.sum(log_p[np.arange(n), labels]))",
    "missing_term",
    "mean",
)
add(
    "ch06_cross_entropy",
    "def cross_entropy(logits, labels):\n    n = len(labels)\n    return float(-np.mean(logits[np.arange(n), labels]))",
    "missing_term",
    "softmax",
)
add(
    "ch06_cross_entropy",
    "def cross_entropy(logits, labels):\n    shifted = logits - logits.max(axis=1, keepdims=True)\n    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n    return float(-np.mean(log_p[:, labels]))",
    "indexing",
    "arange",
)
add("ch06_uniform_loss", "uniform_loss = np.log10(10)", "wrong_formula", "natural")
add("ch06_uniform_loss", "uniform_loss = 1 / 10", "wrong_formula", "log")
add("ch06_uniform_loss", "uniform_loss = -np.log(10)", "sign", "sign")
add("ch06_uniform_loss", "uniform_loss = 10 * np.log(10)", "wrong_formula", "true class")

# --- 07 gradient descent --------------------------------------------------------------------
add("ch07_gd_step", "def gd_step(theta, grad, lr):\n    theta -= lr * grad\n    return theta", "mutation", "in place")
add("ch07_gd_step", "def gd_step(theta, grad, lr):\n    return theta - grad", "missing_term", "learning rate")
add("ch07_gd_step", "def gd_step(theta, grad, lr):\n    return theta - grad / lr", "wrong_formula", "divide")
add("ch07_gd_step", "def gd_step(theta, grad, lr):\n    return theta + lr * grad", "sign", "sign")
add("ch07_max_lr", "def max_stable_lr(curvatures):\n    return 1.0 / np.max(curvatures)", "wrong_formula", "half")
add("ch07_max_lr", "def max_stable_lr(curvatures):\n    return 2.0 / np.min(curvatures)", "rule", "largest")
add("ch07_max_lr", "def max_stable_lr(curvatures):\n    return 2.0 / curvatures", "type", "array")
add(
    "ch07_max_lr",
    "def max_stable_lr(curvatures):\n    return 2 // np.max(curvatures)",
    "integer_division",
    "integer division",
)
add(
    "ch07_steps",
    "def steps_to_converge(a, lr, theta0, tol):\n    theta = theta0\n    steps = 0\n    while abs(theta) > tol:\n        theta = theta - lr * a * theta\n        steps += 1\n    return steps",
    "off_by_one",
    "equal",
)
add(
    "ch07_steps",
    "def steps_to_converge(a, lr, theta0, tol):\n    theta = theta0\n    steps = 0\n    while abs(theta) >= tol:\n        theta = theta - lr * theta\n        steps += 1\n    return steps",
    "missing_term",
    "curvature",
)
add(
    "ch07_steps",
    "def steps_to_converge(a, lr, theta0, tol):\n    theta = theta0\n    while abs(theta) >= tol:\n        theta = theta - lr * a * theta\n    return theta",
    "type",
    "count",
)
add(
    "ch07_steps",
    "def steps_to_converge(a, lr, theta0, tol):\n    theta = theta0\n    steps = 0\n    while True:\n        theta = theta - lr * a * theta\n        steps += 1\n        if abs(theta) < tol:\n            return steps",
    "off_by_one",
    "already",
)
add(
    "ch07_gd_path",
    "def gd_path(grad_f, theta0, lr, steps):\n    theta = np.asarray(theta0, dtype=float)\n    path = []\n    for _ in range(steps):\n        theta = theta - lr * grad_f(theta)\n        path.append(theta)\n    return np.array(path)",
    "off_by_one",
    "start",
)
add(
    "ch07_gd_path",
    "def gd_path(grad_f, theta0, lr, steps):\n    theta = np.asarray(theta0, dtype=float)\n    path = [theta]\n    for _ in range(steps):\n        theta -= lr * grad_f(theta)\n        path.append(theta)\n    return np.array(path)",
    "mutation",
    "copy",
)
add(
    "ch07_gd_path",
    "def gd_path(grad_f, theta0, lr, steps):\n    theta = np.asarray(theta0, dtype=float)\n    path = [theta]\n    for _ in range(steps):\n        theta = theta + lr * grad_f(theta)\n        path.append(theta)\n    return np.array(path)",
    "sign",
    "sign",
)
add(
    "ch07_gd_path",
    "def gd_path(grad_f, theta0, lr, steps):\n    theta = np.asarray(theta0, dtype=float)\n    path = [theta]\n    for _ in range(steps):\n        theta = theta - lr * grad_f(theta)\n        path.append(theta)\n    return np.array(path).T",
    "transposed",
    "transpose",
)

# --- 08 backpropagation ---------------------------------------------------------------------
add("ch08_dW", "def dense_dW(X, dZ):\n    return X.T @ dZ", "transposed", "transpose")
add("ch08_dW", "def dense_dW(X, dZ):\n    return dZ.T @ X / len(X)", "wrong_formula", "1/n")
add("ch08_dW", "def dense_dW(X, dZ):\n    return np.outer(dZ.sum(axis=0), X.sum(axis=0))", "wrong_formula", "sample")
add(
    "ch08_dW",
    "def dense_dW(X, dZ):\n    dW = np.zeros((dZ.shape[1], X.shape[1]))\n    for s in range(X.shape[0]):\n        dW += np.outer(dZ[s], X[s])\n    return dW",
    "rule",
    "loop",
)
add("ch08_db", "def dense_db(dZ):\n    return dZ.sum(axis=1)", "axis", "axis")
add("ch08_db", "def dense_db(dZ):\n    return dZ.mean(axis=0)", "wrong_formula", "mean")
add("ch08_db", "def dense_db(dZ):\n    return dZ.sum()", "shape", "shape")
add("ch08_db", "def dense_db(dZ):\n    return dZ.sum(axis=0, keepdims=True)", "shape", "1-D")
add("ch08_dX", "def dense_dX(dZ, W):\n    return dZ @ W.T", "transposed", "transpose")
add("ch08_dX", "def dense_dX(dZ, W):\n    return dZ @ W / len(dZ)", "wrong_formula", "1/n")
add("ch08_dX", "def dense_dX(dZ, W):\n    return -(dZ @ W)", "sign", "sign")
add(
    "ch08_dX",
    "def dense_dX(dZ, W):\n    dX = np.zeros((dZ.shape[0], W.shape[1]))\n    for s in range(dZ.shape[0]):\n        for j in range(W.shape[1]):\n            dX[s, j] = sum(dZ[s, i] * W[i, j] for i in range(W.shape[0]))\n    return dX",
    "rule",
    "loop",
)
add(
    "ch08_neuron",
    "def neuron_grads(x, y, w, b):\n    a = 1.0 / (1.0 + np.exp(-(w * x + b)))\n    dL_dz = (a - y) * a * (1.0 - a)\n    return np.array([dL_dz * x, dL_dz])",
    "missing_term",
    "2",
)
add(
    "ch08_neuron",
    "def neuron_grads(x, y, w, b):\n    a = 1.0 / (1.0 + np.exp(-(w * x + b)))\n    dL_dz = 2.0 * (a - y)\n    return np.array([dL_dz * x, dL_dz])",
    "missing_term",
    "sigmoid",
)
add(
    "ch08_neuron",
    "def neuron_grads(x, y, w, b):\n    a = 1.0 / (1.0 + np.exp(-(w * x + b)))\n    dL_dz = 2.0 * (a - y) * a * (1.0 - a)\n    return np.array([dL_dz * x, dL_dz * x])",
    "wrong_formula",
    "db",
)
add(
    "ch08_neuron",
    "def neuron_grads(x, y, w, b):\n    a = 1.0 / (1.0 + np.exp(-(w * x)))\n    dL_dz = 2.0 * (a - y) * a * (1.0 - a)\n    return np.array([dL_dz * x, dL_dz])",
    "missing_term",
    "bias",
)
add(
    "ch08_numgrad",
    "def numerical_gradient(f, x, eps):\n    x = np.array(x, dtype=float)\n    grad = np.zeros_like(x)\n    for i in range(x.size):\n        old = x[i]\n        x[i] = old + eps\n        f_plus = f(x)\n        x[i] = old\n        grad[i] = (f_plus - f(x)) / eps\n    return grad",
    "wrong_formula",
    "centr",
)
add(
    "ch08_numgrad",
    "def numerical_gradient(f, x, eps):\n    grad = np.zeros(x.shape)\n    for i in range(x.size):\n        x[i] += eps\n        f_plus = f(x)\n        x[i] -= 2 * eps\n        f_minus = f(x)\n        grad[i] = (f_plus - f_minus) / (2 * eps)\n    return grad",
    "mutation",
    "in place",
)
add(
    "ch08_numgrad",
    "def numerical_gradient(f, x, eps):\n    x = x.copy()\n    grad = np.zeros(x.shape)\n    for i in range(x.size):\n        old = x[i]\n        x[i] = old + eps\n        f_plus = f(x)\n        x[i] = old - eps\n        f_minus = f(x)\n        x[i] = old\n        grad[i] = (f_plus - f_minus) / (2 * eps)\n    return grad",
    "dtype",
    "int",
)
add(
    "ch08_numgrad",
    "def numerical_gradient(f, x, eps):\n    x = np.array(x, dtype=float)\n    grad = np.zeros_like(x)\n    for i in range(x.size):\n        grad[i] = (f(x + eps) - f(x - eps)) / (2 * eps)\n    return grad",
    "wrong_formula",
    "coordinate",
)

# --- 08b autograd ---------------------------------------------------------------------------
add(
    "ch08b_mul_backward",
    "def mul_backward(u, v, grad_out):\n    return grad_out * u, grad_out * v",
    "wrong_formula",
    "swap",
)
add("ch08b_mul_backward", "def mul_backward(u, v, grad_out):\n    return v, u", "missing_term", "grad_out")
add("ch08b_mul_backward", "def mul_backward(u, v, grad_out):\n    return [grad_out * v, grad_out * u]", "type", "tuple")
add(
    "ch08b_mul_backward",
    "def mul_backward(u, v, grad_out):\n    return np.sum(grad_out * v), np.sum(grad_out * u)",
    "shape",
    "shape",
)
add(
    "ch08b_shared_grad",
    "def shared_grad(x):\n    t = np.tanh(x)\n    return t + x * (1 - t ** 2)",
    "missing_term",
    "x^2",
)
add(
    "ch08b_shared_grad",
    "def shared_grad(x):\n    t = np.tanh(x)\n    return x * (1 - t ** 2) + 2 * x",
    "missing_term",
    "product rule",
)
add(
    "ch08b_shared_grad",
    "def shared_grad(x):\n    t = np.tanh(x)\n    return t + x * (1 - t) + 2 * x",
    "wrong_formula",
    "square",
)
add(
    "ch08b_shared_grad",
    "def shared_grad(x):\n    t = np.tanh(x)\n    return t + x * (1 - t ** 2) + x",
    "missing_term",
    "twice",
)
add(
    "ch08b_softmax_jacobian",
    "def softmax_jacobian(z):\n    e = np.exp(z)\n    s = e / e.sum()\n    return np.diag(s) - np.outer(s, s)",
    "stability",
    "overflow",
)
add(
    "ch08b_softmax_jacobian",
    "def softmax_jacobian(z):\n    e = np.exp(z - np.max(z))\n    s = e / e.sum()\n    return np.outer(s, s) - np.diag(s)",
    "sign",
    "sign",
)
add(
    "ch08b_softmax_jacobian",
    "def softmax_jacobian(z):\n    e = np.exp(z - np.max(z))\n    s = e / e.sum()\n    return np.diag(s * (1 - s))",
    "missing_term",
    "off-diagonal",
)
add(
    "ch08b_softmax_jacobian",
    "def softmax_jacobian(z):\n    e = np.exp(z - np.max(z))\n    s = e / e.sum()\n    return np.diag(s) - s * s",
    "broadcast",
    "outer",
)
add(
    "ch08b_softmax_vjp",
    "def softmax_vjp(z, grad_s):\n    e = np.exp(z - np.max(z))\n    s = e / e.sum()\n    return grad_s @ (np.diag(s) - np.outer(s, s))",
    "rule",
    "outer",
)
add(
    "ch08b_softmax_vjp",
    "def softmax_vjp(z, grad_s):\n    e = np.exp(z - np.max(z))\n    s = e / e.sum()\n    return s * (grad_s - grad_s.sum())",
    "wrong_formula",
    "dot",
)
add(
    "ch08b_softmax_vjp",
    "def softmax_vjp(z, grad_s):\n    e = np.exp(z - np.max(z))\n    s = e / e.sum()\n    return grad_s - grad_s @ s",
    "missing_term",
    "multiply",
)
add(
    "ch08b_softmax_vjp",
    "def softmax_vjp(z, grad_s):\n    e = np.exp(z)\n    s = e / e.sum()\n    return s * (grad_s - grad_s @ s)",
    "stability",
    "overflow",
)

# --- 08c initialization ---------------------------------------------------------------------
add(
    "ch08c_glorot_limit",
    "def glorot_limit(n_in, n_out):\n    return np.sqrt(2 / (n_in + n_out))",
    "missing_term",
    "uniform",
)
add("ch08c_glorot_limit", "def glorot_limit(n_in, n_out):\n    return 6 / (n_in + n_out)", "missing_term", "sqrt")
add("ch08c_glorot_limit", "def glorot_limit(n_in, n_out):\n    return np.sqrt(6 / n_in)", "missing_term", "n_out")
add(
    "ch08c_glorot_limit",
    "def glorot_limit(n_in, n_out):\n    return np.sqrt(6 // (n_in + n_out))",
    "integer_division",
    "integer division",
)
add(
    "ch08c_init_std",
    "def init_std(n_in, n_out, activation):\n    if activation == 'relu':\n        return 2 / n_in\n    return 2 / (n_in + n_out)",
    "missing_term",
    "sqrt",
)
add("ch08c_init_std", "def init_std(n_in, n_out, activation):\n    return np.sqrt(2 / n_in)", "rule", "Glorot")
add(
    "ch08c_init_std",
    "def init_std(n_in, n_out, activation):\n    if activation == 'relu':\n        return np.sqrt(2 / (n_in + n_out))\n    return np.sqrt(2 / n_in)",
    "rule",
    "swap",
)
add(
    "ch08c_init_std",
    "def init_std(n_in, n_out, activation):\n    if activation == 'relu':\n        return np.sqrt(2 / n_in)\n    return np.sqrt(6 / (n_in + n_out))",
    "wrong_formula",
    "limit",
)
add(
    "ch08c_standardize",
    "def standardize(X_train, X_test):\n    mu = X_train.mean(axis=0)\n    s = X_train.std(axis=0)\n    return (X_train - mu) / s, (X_test - X_test.mean(axis=0)) / X_test.std(axis=0)",
    "rule",
    "training",
)
add(
    "ch08c_standardize",
    "def standardize(X_train, X_test):\n    mu = X_train.mean(axis=0)\n    s = X_train.std(axis=0, ddof=1)\n    return (X_train - mu) / s, (X_test - mu) / s",
    "wrong_formula",
    "ddof",
)
add(
    "ch08c_standardize",
    "def standardize(X_train, X_test):\n    mu = X_train.mean()\n    s = X_train.std()\n    return (X_train - mu) / s, (X_test - mu) / s",
    "axis",
    "column",
)
add(
    "ch08c_standardize",
    "def standardize(X_train, X_test):\n    mu = X_train.mean(axis=0)\n    s = X_train.std(axis=0)\n    X_train -= mu\n    X_train /= s\n    return X_train, (X_test - mu) / s",
    "mutation",
    "in place",
)
add("ch08c_depth_factor", "depth_factor = 0.8 * 10", "wrong_formula", "each layer")
add("ch08c_depth_factor", "depth_factor = 0.64 ** 10", "wrong_formula", "variance")
add("ch08c_depth_factor", "depth_factor = 0.8 ** 9", "off_by_one", "off by one")
add("ch08c_depth_factor", "depth_factor = np.sqrt(0.8) ** 10", "wrong_formula", "standard deviation")

# --- 09 optimizers --------------------------------------------------------------------------
add(
    "ch09_momentum",
    "def momentum_descent(grad_f, theta0, lr, momentum, steps):\n    theta = np.array(theta0, dtype=float)\n    b = np.zeros_like(theta)\n    for _ in range(steps):\n        g = grad_f(theta)\n        b = momentum * b + (1 - momentum) * g\n        theta = theta - lr * b\n    return theta",
    "wrong_formula",
    "dampening",
)
add(
    "ch09_momentum",
    "def momentum_descent(grad_f, theta0, lr, momentum, steps):\n    theta = np.array(theta0, dtype=float)\n    for _ in range(steps):\n        b = grad_f(theta)\n        theta = theta - lr * b\n    return theta",
    "missing_term",
    "buffer",
)
add(
    "ch09_momentum",
    "def momentum_descent(grad_f, theta0, lr, momentum, steps):\n    theta = theta0\n    b = np.zeros_like(theta, dtype=float)\n    for _ in range(steps):\n        g = grad_f(theta)\n        b = momentum * b + g\n        theta -= lr * b\n    return theta",
    "mutation",
    "in place",
)
add(
    "ch09_momentum",
    "def momentum_descent(grad_f, theta0, lr, momentum, steps):\n    theta = np.array(theta0, dtype=float)\n    b = np.zeros_like(theta)\n    for _ in range(steps):\n        g = grad_f(theta0)\n        b = momentum * b + g\n        theta = theta - lr * b\n    return theta",
    "wrong_formula",
    "current point",
)
add(
    "ch09_rmsprop",
    "def rmsprop_descent(grad_f, theta0, lr, alpha, eps, steps):\n    theta = np.array(theta0, dtype=float)\n    v = np.zeros_like(theta)\n    for _ in range(steps):\n        g = grad_f(theta)\n        v = alpha * v + (1 - alpha) * g ** 2\n        theta = theta - lr * g / np.sqrt(v + eps)\n    return theta",
    "wrong_formula",
    "eps",
)
add(
    "ch09_rmsprop",
    "def rmsprop_descent(grad_f, theta0, lr, alpha, eps, steps):\n    theta = np.array(theta0, dtype=float)\n    v = np.zeros_like(theta)\n    for _ in range(steps):\n        g = grad_f(theta)\n        v = alpha * v + (1 - alpha) * g\n        theta = theta - lr * g / (np.sqrt(np.abs(v)) + eps)\n    return theta",
    "missing_term",
    "square",
)
add(
    "ch09_rmsprop",
    "def rmsprop_descent(grad_f, theta0, lr, alpha, eps, steps):\n    theta = np.array(theta0, dtype=float)\n    v = np.zeros_like(theta)\n    for _ in range(steps):\n        g = grad_f(theta)\n        v = alpha * v + (1 - alpha) * g ** 2\n        theta = theta - lr * g / (v + eps)\n    return theta",
    "missing_term",
    "root",
)
add(
    "ch09_rmsprop",
    "def rmsprop_descent(grad_f, theta0, lr, alpha, eps, steps):\n    theta = np.array(theta0, dtype=float)\n    v = np.zeros_like(theta)\n    for _ in range(steps):\n        g = grad_f(theta)\n        v = (1 - alpha) * v + alpha * g ** 2\n        theta = theta - lr * g / (np.sqrt(v) + eps)\n    return theta",
    "wrong_formula",
    "alpha",
)
add(
    "ch09_adam",
    "def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):\n    theta = np.array(theta0, dtype=float)\n    m = np.zeros_like(theta)\n    v = np.zeros_like(theta)\n    for _ in range(steps):\n        g = grad_f(theta)\n        m = beta1 * m + (1 - beta1) * g\n        v = beta2 * v + (1 - beta2) * g ** 2\n        theta = theta - lr * m / (np.sqrt(v) + eps)\n    return theta",
    "missing_term",
    "bias correction",
)
add(
    "ch09_adam",
    "def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):\n    theta = np.array(theta0, dtype=float)\n    m = np.zeros_like(theta)\n    v = np.zeros_like(theta)\n    for t in range(steps):\n        g = grad_f(theta)\n        m = beta1 * m + (1 - beta1) * g\n        v = beta2 * v + (1 - beta2) * g ** 2\n        m_hat = m / (1 - beta1 ** t)\n        v_hat = v / (1 - beta2 ** t)\n        theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)\n    return theta",
    "off_by_one",
    "t = 1",
)
add(
    "ch09_adam",
    "def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):\n    theta = np.array(theta0, dtype=float)\n    m = np.zeros_like(theta)\n    v = np.zeros_like(theta)\n    for t in range(1, steps + 1):\n        g = grad_f(theta)\n        m = beta1 * m + (1 - beta1) * g\n        v = beta2 * v + (1 - beta2) * g ** 2\n        m = m / (1 - beta1 ** t)\n        v = v / (1 - beta2 ** t)\n        theta = theta - lr * m / (np.sqrt(v) + eps)\n    return theta",
    "wrong_formula",
    "corrected",
)
add(
    "ch09_adam",
    "def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):\n    theta = np.array(theta0, dtype=float)\n    m = np.zeros_like(theta)\n    v = np.zeros_like(theta)\n    for t in range(1, steps + 1):\n        g = grad_f(theta)\n        m = beta1 * m + (1 - beta1) * g\n        v = beta2 * v + (1 - beta2) * g\n        m_hat = m / (1 - beta1 ** t)\n        v_hat = v / (1 - beta2 ** t)\n        theta = theta - lr * m_hat / (np.sqrt(np.abs(v_hat)) + eps)\n    return theta",
    "missing_term",
    "square",
)
add("ch09_adam_first_step", "first_step = np.array([0.01, 0.01, -0.01])", "sign", "sign")
add("ch09_adam_first_step", "first_step = np.array([-10.0, -1e-05, 0.05])", "wrong_formula", "gradient descent")
add("ch09_adam_first_step", "first_step = np.array([-0.0316, -0.0316, 0.0316])", "missing_term", "bias correction")
add("ch09_adam_first_step", "first_step = np.array([-0.01, 0.0, 0.01])", "wrong_formula", "0.001")
add(
    "ch09_steps_per_epoch",
    "def steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return 1\n    return n // batch_size",
    "integer_division",
    "last batch",
)
add(
    "ch09_steps_per_epoch",
    "def steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return n\n    return math.ceil(n / batch_size)",
    "rule",
    "None",
)
add(
    "ch09_steps_per_epoch",
    "def steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return 1\n    return n / batch_size",
    "type",
    "int",
)
add(
    "ch09_steps_per_epoch",
    "def steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return 1\n    return n // batch_size + 1",
    "off_by_one",
    "evenly",
)

# --- 10 training ----------------------------------------------------------------------------
add(
    "ch10_accuracy",
    "def accuracy(logits, labels):\n    return float(np.mean(np.argmax(logits, axis=0) == labels))",
    "axis",
    "axis",
)
add(
    "ch10_accuracy",
    "def accuracy(logits, labels):\n    return float(np.sum(np.argmax(logits, axis=1) == labels))",
    "wrong_formula",
    "fraction",
)
add(
    "ch10_accuracy",
    "def accuracy(logits, labels):\n    return float(np.mean(np.max(logits, axis=1) == labels))",
    "wrong_formula",
    "argmax",
)
add(
    "ch10_accuracy",
    "def accuracy(logits, labels):\n    return float(np.mean(np.argmax(logits, axis=1) != labels))",
    "wrong_formula",
    "error",
)
add(
    "ch10_minibatches",
    "def minibatch_indices(n, batch_size, seed):\n    order = np.arange(n)\n    size = n if batch_size is None else batch_size\n    return [order[start:start + size] for start in range(0, n, size)]",
    "rule",
    "shuffle",
)
add(
    "ch10_minibatches",
    "def minibatch_indices(n, batch_size, seed):\n    order = np.random.default_rng(seed).permutation(n)\n    size = n if batch_size is None else batch_size\n    return [order[start:start + size] for start in range(0, n - size + 1, size)]",
    "off_by_one",
    "last batch",
)
add(
    "ch10_minibatches",
    "def minibatch_indices(n, batch_size, seed):\n    order = np.random.default_rng(seed).permutation(n)\n    return [order[start:start + batch_size] for start in range(0, n, batch_size)]",
    "type",
    "None",
)
add(
    "ch10_minibatches",
    "def minibatch_indices(n, batch_size, seed):\n    order = np.random.default_rng(seed).permutation(n)\n    size = n if batch_size is None else batch_size\n    return [order[start:start + size] for start in range(0, n, 1)]",
    "steps",
    "overlap",
)
add(
    "ch10_split",
    "import math\n\ndef split_train_test(X, y, test_size, seed):\n    n = len(X)\n    order = np.random.default_rng(seed).permutation(n)\n    n_test = math.ceil(n * test_size)\n    test, train = order[:n_test], order[n_test:]\n    return X[train], y[train], X[test], y[test]",
    "rule",
    "order",
)
add(
    "ch10_split",
    "def split_train_test(X, y, test_size, seed):\n    n = len(X)\n    order = np.random.default_rng(seed).permutation(n)\n    n_test = int(n * test_size)\n    test, train = order[:n_test], order[n_test:]\n    return X[train], X[test], y[train], y[test]",
    "off_by_one",
    "ceil",
)
add(
    "ch10_split",
    "import math\n\ndef split_train_test(X, y, test_size, seed):\n    n = len(X)\n    order = np.random.default_rng(seed).permutation(n)\n    n_test = math.ceil(n * test_size)\n    train, test = order[:n - n_test], order[n - n_test:]\n    return X[train], X[test], y[train], y[test]",
    "indexing",
    "first",
)
add(
    "ch10_split",
    "import math\n\ndef split_train_test(X, y, test_size, seed):\n    n = len(X)\n    order = np.random.default_rng(seed).permutation(n)\n    order_y = np.random.default_rng(seed + 1).permutation(n)\n    n_test = math.ceil(n * test_size)\n    return X[order[n_test:]], X[order[:n_test]], y[order_y[n_test:]], y[order_y[:n_test]]",
    "indexing",
    "same indices",
)
add(
    "ch10_train_loop",
    "def train_linear(X, y, lr, steps):\n    n, d = X.shape\n    w = np.zeros(d)\n    b = 0.0\n    losses = []\n    for _ in range(steps):\n        r = X @ w + b - y\n        g = 2.0 * r / n\n        w = w - lr * (X.T @ g)\n        b = b - lr * g.sum()\n        losses.append(np.mean((X @ w + b - y) ** 2))\n    return np.array(losses)",
    "steps",
    "before",
)
add(
    "ch10_train_loop",
    "def train_linear(X, y, lr, steps):\n    n, d = X.shape\n    w = np.zeros(d)\n    b = 0.0\n    losses = []\n    for _ in range(steps):\n        r = X @ w + b - y\n        losses.append(np.mean(r ** 2))\n        g = 2.0 * r\n        w = w - lr * (X.T @ g)\n        b = b - lr * g.sum()\n    return np.array(losses)",
    "missing_term",
    "1/n",
)
add(
    "ch10_train_loop",
    "def train_linear(X, y, lr, steps):\n    n, d = X.shape\n    w = np.zeros(d)\n    b = 0.0\n    losses = []\n    for _ in range(steps):\n        r = X @ w + b - y\n        losses.append(np.mean(r ** 2))\n        g = 2.0 * r / n\n        w = w - lr * (X.T @ g)\n    return np.array(losses)",
    "missing_term",
    "bias",
)
add(
    "ch10_train_loop",
    "def train_linear(X, y, lr, steps):\n    n, d = X.shape\n    w = np.zeros(d)\n    b = 0.0\n    losses = []\n    for _ in range(steps):\n        r = y - (X @ w + b)\n        losses.append(np.mean(r ** 2))\n        g = 2.0 * r / n\n        w = w - lr * (X.T @ g)\n        b = b - lr * g.sum()\n    return np.array(losses)",
    "sign",
    "sign",
)
add("ch10_total_steps", "total_steps = 20 * 1347 // 64", "integer_division", "last batch")
add("ch10_total_steps", "total_steps = 20", "wrong_formula", "epoch")
add("ch10_total_steps", "total_steps = 20 * 1347", "wrong_formula", "batch")
add("ch10_total_steps", "total_steps = 20 * 1347 / 64", "type", "int")

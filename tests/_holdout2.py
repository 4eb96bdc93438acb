# ruff: noqa: E501  (learners' code as strings, one answer per entry, like the catalogues)
"""A second held-out set of wrong answers (issue 9), written from the exercise texts in
``solutions/*.ipynb`` alone, before any message was changed and without reading the
mistake-detection code (judge, mistakes, the banks' Mistake lists).

Each entry is ``(exercise id, learner code, family, fragment)``. The fragment is what a good
message would contain to name the mistake, phrased as the mistake, chosen before the check
was run on it. Matching is case-insensitive (decided here, before measuring). Entries and
fragments are never edited after this file's first commit; a fragment that turns out unfair
stays, and the report says so.
"""

H = []


def add(ex_id, code, family, fragment):
    H.append((ex_id, code, family, fragment))


# --- 02 tensors -----------------------------------------------------------------------------
add("ch02_cube_shape", "cube_shape = (3, 2, 2)", "transposed", "reverse")
add("ch02_cube_shape", "cube_shape = [2, 2, 3]", "type", "list")
add("ch02_ndims", "ndims = (1, 2, 1, 3, 3)", "off_by_one", "entry 1")
add("ch02_ndims", "ndims = (0, 1, 1, 3, 3)", "off_by_one", "entry 2")
add("ch02_fix_matrix", "grid = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9])", "shape", "(9,)")
add("ch02_fix_matrix", "grid = np.array([[1, 4, 7], [2, 5, 8], [3, 6, 9]])", "transposed", "transpose")
add("ch02_fix_matrix", "grid = np.arange(1, 10).reshape(3, 3) * 1.0", "dtype", "float64")
add("ch02_get_column", "def get_column(M, j):\n    return M[j]", "indexing", "row")
add("ch02_get_column", "def get_column(M, j):\n    return M[:, j:j + 1]", "shape", "2-D")
add("ch02_get_column", "def get_column(M, j):\n    return M[:, j - 1]", "off_by_one", "j - 1")
add("ch02_get_column", "def get_column(M, j):\n    return [row[j] for row in M]", "type", "list")
add("ch02_build_tensor", "blocks = np.arange(30).reshape(5, 2, 3)", "shape", "(5, 2, 3)")
add("ch02_build_tensor", "blocks = np.arange(1, 31).reshape(3, 2, 5)", "off_by_one", "by 1")
add(
    "ch02_build_tensor",
    "blocks = np.arange(30).reshape(3, 5, 2).transpose(0, 2, 1)",
    "transposed",
    "order",
)

# --- 03 matrix operations -------------------------------------------------------------------
MM = "def my_matmul(A, B):\n    m, n = A.shape\n    p = B.shape[1]\n"
add(
    "ch03_matmul",
    MM + "    C = np.zeros((m, p))\n    for i in range(m):\n        for j in range(p):\n"
    "            C[i, j] = np.dot(A[i, :], B[:, j])\n    return C",
    "rule",
    "dot",
)
add(
    "ch03_matmul",
    MM + "    C = np.zeros((m, p))\n    for i in range(m):\n        for j in range(p):\n"
    "            for k in range(n - 1):\n                C[i, j] += A[i, k] * B[k, j]\n    return C",
    "off_by_one",
    "last",
)
add(
    "ch03_matmul",
    MM + "    C = np.zeros((m, p), dtype=int)\n    for i in range(m):\n        for j in range(p):\n"
    "            for k in range(n):\n                C[i, j] += A[i, k] * B[k, j]\n    return C",
    "dtype",
    "int",
)
add(
    "ch03_matmul",
    MM + "    C = np.zeros((m, p))\n    for i in range(m):\n        for j in range(p):\n"
    "            for k in range(n):\n                C[i, j] = A[i, k] * B[k, j]\n    return C",
    "missing_term",
    "+=",
)
add("ch03_product_shape", "AB_shape = (5, 5)", "shape", "inner")
add("ch03_product_shape", "AB_shape = (3, 2)", "transposed", "transpose")
add("ch03_defined", "defined = (False, True, True, False, True, True)", "wrong_formula", "backwards")
add("ch03_defined", 'defined = ("True", "False", "True", "False", "True", "False")', "type", "str")
add("ch03_top_left", "top_left = 1 * 7 + 2 * 8 + 3 * 9", "indexing", "column")
add("ch03_top_left", "top_left = 1 * 7 + 2 * 9", "missing_term", "term")
TR = "def my_transpose(A):\n    m, n = A.shape\n"
add(
    "ch03_transpose",
    "def my_transpose(A):\n    return np.array([[A[i][j] for j in range(A.shape[1])] for i in range(A.shape[0])])",
    "wrong_formula",
    "same",
)
add("ch03_transpose", "def my_transpose(A):\n    return np.swapaxes(A, 0, 1)", "rule", "swapaxes")
add(
    "ch03_transpose",
    TR + "    result = np.zeros((m, n))\n    for i in range(m):\n        for j in range(n):\n"
    "            result[i, j] = A[j, i]\n    return result",
    "shape",
    "out of bounds",
)
add(
    "ch03_transpose",
    TR + "    result = np.zeros((n, m), dtype=int)\n    for i in range(m):\n        for j in range(n):\n"
    "            result[j, i] = A[i, j]\n    return result",
    "dtype",
    "int",
)
add("ch03_scale_add", "def scale_then_add(c, A, B):\n    return c * (A + B)", "wrong_formula", "c * (A + B)")
add("ch03_scale_add", "def scale_then_add(c, A, B):\n    return c * A - B", "sign", "- B")

# --- 03b geometry ---------------------------------------------------------------------------
add(
    "ch03b_angle",
    "def angle_degrees(u, v):\n    cos = (u @ v) / (np.sqrt(u @ u) * np.sqrt(v @ v))\n"
    "    return np.arccos(np.clip(cos, -1, 1))",
    "wrong_formula",
    "radians",
)
add(
    "ch03b_angle",
    "def angle_degrees(u, v):\n    cos = (u @ v) / (u @ u)\n    return np.degrees(np.arccos(np.clip(cos, -1, 1)))",
    "missing_term",
    "length",
)
add(
    "ch03b_angle",
    "def angle_degrees(u, v):\n    cos = (u @ v) / (np.sqrt(u @ u) + np.sqrt(v @ v))\n"
    "    return np.degrees(np.arccos(np.clip(cos, -1, 1)))",
    "wrong_formula",
    "product",
)
add("ch03b_project", "def project(u, v):\n    return (u @ v) / np.sqrt(v @ v) * v", "missing_term", "squared")
add("ch03b_project", "def project(u, v):\n    return (u @ v) / (v @ v) * u", "wrong_formula", "along")
add("ch03b_project", "def project(u, v):\n    return (u @ v) / (u @ u) * u", "transposed", "v on u")
add(
    "ch03b_signed_distance",
    "def signed_distance(X, w, b):\n    return np.abs(X @ w + b) / np.sqrt(w @ w)",
    "sign",
    "sign",
)
add(
    "ch03b_signed_distance",
    "def signed_distance(X, w, b):\n    return (X @ w + b) / (w @ w)",
    "missing_term",
    "squared",
)
add(
    "ch03b_signed_distance",
    "def signed_distance(X, w, b):\n    return (X @ w - b) / np.sqrt(w @ w)",
    "sign",
    "sign",
)
add(
    "ch03b_signed_distance",
    "def signed_distance(X, w, b):\n    return (X @ w + b).reshape(-1, 1) / np.linalg.norm(w)",
    "shape",
    "(n,)",
)
add("ch03b_area", "area = 1 * 2 - 3 * 4", "sign", "negative")
add("ch03b_area", "area = 1 * 2 + 3 * 4", "sign", "determinant")
add("ch03b_area", "area = abs(1 * 4 - 3 * 2)", "indexing", "determinant")

# --- 04 neural networks ---------------------------------------------------------------------
WS = "def layer_weighted_sum(X, W, b):\n"
add("ch04_weighted_sum", WS + "    return X @ W + b", "transposed", "transpose")
add("ch04_weighted_sum", WS + "    return X @ W.T + b.reshape(-1, 1)", "broadcasting", "broadcast")
add("ch04_weighted_sum", WS + "    return X @ W.T", "missing_term", "bias")
add("ch04_weighted_sum", WS + "    return W @ X.T + b", "transposed", "transpose")
add("ch04_W_shape", "W_shape = (3, 4)", "transposed", "(n_out, n_in)")
add("ch04_W_shape", "W_shape = 12", "type", "tuple")
add("ch04_Z_shape", "Z_shape = (4, 32)", "transposed", "row")
add("ch04_Z_shape", "Z_shape = (32, 3)", "wrong_formula", "neurons")
CP = "def count_params(sizes):\n"
add("ch04_count_params", CP + "    return sum(a * b for a, b in zip(sizes, sizes[1:]))", "missing_term", "bias")
add(
    "ch04_count_params",
    CP + "    total = 0\n    for n_in, n_out in zip(sizes[:-1], sizes[1:]):\n"
    "        total += n_in * n_out + n_in\n    return total",
    "wrong_formula",
    "n_out",
)
add(
    "ch04_count_params",
    CP + "    total = 0\n    for i in range(len(sizes) - 2):\n"
    "        total += sizes[i] * sizes[i + 1] + sizes[i + 1]\n    return total",
    "off_by_one",
    "last layer",
)
add(
    "ch04_count_params",
    CP + "    total = 0\n    for n_in, n_out in zip(sizes[:-1], sizes[1:]):\n"
    "        total += n_out * n_in + n_out\n    return float(total)",
    "type",
    "float",
)

# --- 05 activations -------------------------------------------------------------------------
add("ch05_sigmoid", "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))", "stability", "overflow")
add(
    "ch05_sigmoid",
    "def sigmoid(z):\n    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))",
    "stability",
    "both",
)
add("ch05_sigmoid", "def sigmoid(z):\n    return np.exp(z) / (1 + np.exp(z))", "stability", "NaN")
add(
    "ch05_sigmoid",
    "def sigmoid(z):\n    return np.array([1 / (1 + np.exp(-x)) if x >= 0 else np.exp(x) / (1 + np.exp(x)) for x in z])",
    "rule",
    "loop",
)
add(
    "ch05_sigmoid",
    "def sigmoid(z):\n    z = np.asarray(z, dtype=float)\n    e = np.exp(-np.abs(z))\n"
    "    return np.where(z >= 0, 1 / (1 + e), 1 / (1 + 1 / e))",
    "precision",
    "tiny",
)
add("ch05_sigmoid_slope", "slope_at_0 = 0.5", "wrong_formula", "value of the sigmoid")
add("ch05_sigmoid_slope", "slope_at_0 = 0.5 * (1 + 0.5)", "sign", "sign")
add("ch05_relu", "def relu(z):\n    return max(0, z)", "wrong_formula", "np.maximum")
add("ch05_relu", "def relu(z):\n    z[z < 0] = 0\n    return z", "in_place", "in place")
add("ch05_relu", "def relu(z):\n    return np.maximum(z, 0.0)", "dtype", "dtype")
add("ch05_relu", "def relu(z):\n    return np.abs(z)", "sign", "negative")
add("ch05_relu_grad", "def relu_grad(z):\n    return (z >= 0).astype(float)", "off_by_one", "at 0")
add("ch05_relu_grad", "def relu_grad(z):\n    return z > 0", "dtype", "bool")
add("ch05_relu_grad", "def relu_grad(z):\n    return np.where(z > 0, z, 0)", "wrong_formula", "relu(z)")
add("ch05_relu_grad", "def relu_grad(z):\n    return np.heaviside(z, 1)", "off_by_one", "at 0")
FW = "def two_layer_forward(X, W1, b1, W2, b2):\n"
add("ch05_forward", FW + "    H = sigmoid(X @ W1.T + b1)\n    return sigmoid(H @ W2.T + b2)", "wrong_formula", "hidden")
add("ch05_forward", FW + "    H = relu(X @ W1.T + b1)\n    return H @ W2.T + b2", "missing_term", "sigmoid")
add("ch05_forward", FW + "    H = relu(X @ W1 + b1)\n    return sigmoid(H @ W2.T + b2)", "transposed", "transpose")

# --- 06 losses ------------------------------------------------------------------------------
add("ch06_mse", "def mse(y_pred, y_true):\n    return float(np.sum((y_pred - y_true) ** 2))", "missing_term", "sum")
add("ch06_mse", "def mse(y_pred, y_true):\n    return np.mean((y_pred - y_true) ** 2, axis=0)", "shape", "axis")
add(
    "ch06_mse",
    "def mse(y_pred, y_true):\n    return float(np.mean(np.abs(y_pred - y_true)))",
    "wrong_formula",
    "absolute",
)
add(
    "ch06_mse",
    "def mse(y_pred, y_true):\n    return float(np.sum((y_pred - y_true) ** 2) / len(y_pred))",
    "wrong_formula",
    "rows",
)
MG = "def mse_grad(y_pred, y_true):\n"
add("ch06_mse_grad", MG + "    return 2 * (y_pred - y_true) / len(y_pred)", "wrong_formula", "rows")
add("ch06_mse_grad", MG + "    return (y_pred - y_true) / y_pred.size", "missing_term", "factor")
add("ch06_mse_grad", MG + "    return 2 * (y_true - y_pred) / y_pred.size", "sign", "sign")
add("ch06_mse_grad", MG + "    return 2 * (y_pred - y_true) // y_pred.size", "integer_division", "floor")
SM = "def softmax(z):\n"
add("ch06_softmax", SM + "    e = np.exp(z)\n    return e / e.sum(axis=1, keepdims=True)", "stability", "NaN")
add(
    "ch06_softmax",
    SM + "    e = np.exp(z - z.max(axis=0, keepdims=True))\n    return e / e.sum(axis=0, keepdims=True)",
    "indexing",
    "axis",
)
add(
    "ch06_softmax",
    SM + "    e = np.exp(z - z.max())\n    return e / e.sum(axis=1, keepdims=True)",
    "stability",
    "each row",
)
add(
    "ch06_softmax",
    SM + "    e = np.exp(z - z.max(axis=1, keepdims=True))\n    return e / e.sum(axis=1)",
    "broadcasting",
    "keepdims",
)
add(
    "ch06_softmax",
    SM + "    e = np.exp(z - z.max(axis=1))\n    return e / e.sum(axis=1, keepdims=True)",
    "broadcasting",
    "keepdims",
)
CE = "def cross_entropy(logits, labels):\n"
LOGP = (
    "    s = logits - logits.max(axis=1, keepdims=True)\n"
    "    log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
    "    n = len(labels)\n"
)
add("ch06_cross_entropy", CE + LOGP + "    return float(-np.mean(log_p[:, labels]))", "indexing", "per row")
add(
    "ch06_cross_entropy",
    CE + "    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)\n"
    "    return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))",
    "stability",
    "inf",
)
add("ch06_cross_entropy", CE + LOGP + "    return float(-np.sum(log_p[np.arange(n), labels]))", "missing_term", "sum")
add("ch06_cross_entropy", CE + LOGP + "    return float(np.mean(log_p[np.arange(n), labels]))", "sign", "sign")
add(
    "ch06_cross_entropy",
    CE + "    s = logits - logits.max()\n    log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))\n"
    "    return float(-np.mean(log_p[np.arange(len(labels)), labels]))",
    "stability",
    "each row",
)
add("ch06_uniform_loss", "uniform_loss = np.log(1 / 10)", "sign", "sign")
add("ch06_uniform_loss", "uniform_loss = 1 / 10", "wrong_formula", "probability")
add("ch06_uniform_loss", "uniform_loss = np.log2(10)", "wrong_formula", "base")

# --- 07 gradient descent --------------------------------------------------------------------
GD = "def gd_step(theta, grad, lr):\n"
add("ch07_gd_step", GD + "    return theta + lr * grad", "sign", "sign")
add("ch07_gd_step", GD + "    theta -= lr * grad\n    return theta", "in_place", "in place")
add("ch07_gd_step", GD + "    return theta - grad", "missing_term", "lr")
add("ch07_gd_step", GD + "    new = theta.copy()\n    new -= lr * grad\n    return new", "dtype", "int")
ML = "def max_stable_lr(curvatures):\n"
add("ch07_max_lr", ML + "    return 1.0 / np.max(curvatures)", "wrong_formula", "half")
add("ch07_max_lr", ML + "    return 2.0 / np.min(curvatures)", "wrong_formula", "smallest")
add("ch07_max_lr", ML + "    return 2.0 / np.mean(curvatures)", "wrong_formula", "mean")
add("ch07_max_lr", ML + "    return float(2 // np.max(curvatures))", "integer_division", "floor")
ST = "def steps_to_converge(a, lr, theta0, tol):\n"
add(
    "ch07_steps",
    ST + "    theta, steps = theta0, 0\n    while abs(theta) > tol:\n"
    "        theta = theta - lr * a * theta\n        steps += 1\n    return steps",
    "off_by_one",
    "exactly",
)
add(
    "ch07_steps",
    ST + "    theta, steps = theta0, 0\n    while True:\n        theta = theta - lr * a * theta\n"
    "        steps += 1\n        if abs(theta) < tol:\n            return steps",
    "off_by_one",
    "already",
)
add(
    "ch07_steps",
    ST + "    theta, steps = theta0, 0\n    while abs(theta) >= tol:\n"
    "        theta = theta - lr * theta\n        steps += 1\n    return steps",
    "missing_term",
    "curvature",
)
add(
    "ch07_steps",
    ST + "    theta = theta0\n    if abs(theta) < tol:\n        return 0\n    for k in range(10000):\n"
    "        theta = theta - lr * a * theta\n        if abs(theta) < tol:\n            return k",
    "off_by_one",
    "too few",
)
GP = "def gd_path(grad_f, theta0, lr, steps):\n"
add(
    "ch07_gd_path",
    GP + "    theta = np.asarray(theta0, dtype=float)\n    path = []\n    for _ in range(steps):\n"
    "        theta = theta - lr * grad_f(theta)\n        path.append(theta)\n    return np.array(path)",
    "off_by_one",
    "start",
)
add(
    "ch07_gd_path",
    GP + "    theta = np.array(theta0, dtype=float)\n    path = [theta]\n    for _ in range(steps):\n"
    "        theta -= lr * grad_f(theta)\n        path.append(theta)\n    return np.array(path)",
    "in_place",
    "every row",
)
add(
    "ch07_gd_path",
    GP + "    theta = np.asarray(theta0, dtype=float)\n    path = [theta]\n    for _ in range(steps - 1):\n"
    "        theta = theta - lr * grad_f(theta)\n        path.append(theta)\n    return np.array(path)",
    "off_by_one",
    "steps + 1",
)
add(
    "ch07_gd_path",
    GP + "    theta = theta0\n    path = [theta.copy()]\n    for _ in range(steps):\n"
    "        theta -= lr * grad_f(theta)\n        path.append(theta.copy())\n    return np.array(path)",
    "in_place",
    "theta0",
)

# --- 08 backpropagation ---------------------------------------------------------------------
add("ch08_dW", "def dense_dW(X, dZ):\n    return X.T @ dZ", "transposed", "transpose")
add("ch08_dW", "def dense_dW(X, dZ):\n    return dZ.T @ X / len(X)", "wrong_formula", "already")
add("ch08_db", "def dense_db(dZ):\n    return dZ.sum(axis=1)", "indexing", "axis")
add("ch08_db", "def dense_db(dZ):\n    return dZ.mean(axis=0)", "wrong_formula", "mean")
add("ch08_db", "def dense_db(dZ):\n    return dZ.sum(axis=0, keepdims=True)", "shape", "1-D")
add("ch08_dX", "def dense_dX(dZ, W):\n    return dZ @ W.T", "transposed", "W.T")
add("ch08_dX", "def dense_dX(dZ, W):\n    return W.T @ dZ.T", "transposed", "transpose")
add("ch08_dX", "def dense_dX(dZ, W):\n    return dZ @ W / len(dZ)", "wrong_formula", "already")
NG = "def neuron_grads(x, y, w, b):\n    a = 1.0 / (1.0 + np.exp(-(w * x + b)))\n"
add("ch08_neuron", NG + "    d = 2 * (a - y) * a * (1 - a)\n    return np.array([d, d])", "missing_term", "factor x")
add("ch08_neuron", NG + "    d = (a - y) * a * (1 - a)\n    return np.array([d * x, d])", "missing_term", "factor 2")
add("ch08_neuron", NG + "    d = 2 * (y - a) * a * (1 - a)\n    return np.array([d * x, d])", "sign", "sign")
add("ch08_neuron", NG + "    d = 2 * (a - y) * a * (1 + a)\n    return np.array([d * x, d])", "sign", "sign")
add("ch08_neuron", NG + "    d = 2 * (a - y) * a * (1 - a)\n    return (d * x, d)", "type", "tuple")
NU = "def numerical_gradient(f, x, eps):\n"
add(
    "ch08_numgrad",
    NU + "    x = np.array(x, dtype=float)\n    g = np.zeros_like(x)\n    for i in range(x.size):\n"
    "        old = x[i]\n        f0 = f(x)\n        x[i] = old + eps\n        g[i] = (f(x) - f0) / eps\n"
    "        x[i] = old\n    return g",
    "wrong_formula",
    "centred",
)
add(
    "ch08_numgrad",
    NU + "    x = x.copy()\n    g = np.zeros(x.shape)\n    for i in range(x.size):\n"
    "        old = x[i]\n        x[i] = old + eps\n        fp = f(x)\n        x[i] = old - eps\n        fm = f(x)\n"
    "        x[i] = old\n        g[i] = (fp - fm) / (2 * eps)\n    return g",
    "dtype",
    "int",
)
add(
    "ch08_numgrad",
    NU + "    g = np.zeros(len(x))\n    for i in range(len(x)):\n"
    "        x[i] += eps\n        fp = f(x)\n        x[i] -= 2 * eps\n        fm = f(x)\n"
    "        g[i] = (fp - fm) / (2 * eps)\n    return g",
    "in_place",
    "in place",
)
add(
    "ch08_numgrad",
    NU + "    x = np.array(x, dtype=float)\n    g = np.zeros_like(x)\n    for i in range(x.size):\n"
    "        old = x[i]\n        x[i] = old + eps\n        fp = f(x)\n        x[i] = old - eps\n        fm = f(x)\n"
    "        x[i] = old\n        g[i] = (fp - fm) / eps\n    return g",
    "wrong_formula",
    "2 * eps",
)

# --- 08b autograd ---------------------------------------------------------------------------
MB = "def mul_backward(u, v, grad_out):\n"
add("ch08b_mul_backward", MB + "    return grad_out * u, grad_out * v", "transposed", "swapped")
add("ch08b_mul_backward", MB + "    return v, u", "missing_term", "grad_out")
add("ch08b_mul_backward", MB + "    return grad_out @ v, grad_out @ u", "shape", "shape")
SG = "def shared_grad(x):\n    t = np.tanh(x)\n"
add("ch08b_shared_grad", SG + "    return t + x * (1 - t ** 2)", "missing_term", "term")
add("ch08b_shared_grad", SG + "    return t + x * (1 - t ** 2) + x", "missing_term", "twice")
add("ch08b_shared_grad", SG + "    return t + (1 - t ** 2) + 2 * x", "missing_term", "product rule")
add("ch08b_shared_grad", SG + "    return x * (1 - t ** 2) + 2 * x", "missing_term", "term")
SJ = "def softmax_jacobian(z):\n"
add(
    "ch08b_softmax_jacobian",
    SJ + "    s = np.exp(z) / np.exp(z).sum()\n    return np.diag(s) - np.outer(s, s)",
    "stability",
    "max",
)
add(
    "ch08b_softmax_jacobian",
    SJ + "    e = np.exp(z - z.max())\n    s = e / e.sum()\n    return np.diag(s) - s * s",
    "broadcasting",
    "outer",
)
add(
    "ch08b_softmax_jacobian",
    SJ + "    e = np.exp(z - z.max())\n    s = e / e.sum()\n    return np.outer(s, s) - np.diag(s)",
    "sign",
    "sign",
)
add(
    "ch08b_softmax_jacobian",
    SJ + "    e = np.exp(z - z.max())\n    s = e / e.sum()\n    return np.diag(s * (1 - s))",
    "missing_term",
    "off-diagonal",
)
SV = "def softmax_vjp(z, grad_s):\n    e = np.exp(z - z.max())\n    s = e / e.sum()\n"
add("ch08b_softmax_vjp", SV + "    return s * (grad_s - grad_s.sum())", "missing_term", "dot product")
add("ch08b_softmax_vjp", SV + "    return grad_s - grad_s @ s", "missing_term", "factor s")
add("ch08b_softmax_vjp", SV + "    return s * grad_s - grad_s @ np.outer(s, s)", "rule", "outer")

# --- 08c initialization ---------------------------------------------------------------------
GL = "def glorot_limit(n_in, n_out):\n"
add("ch08c_glorot_limit", GL + "    return np.sqrt(2 / (n_in + n_out))", "wrong_formula", "standard deviation")
add("ch08c_glorot_limit", GL + "    return np.sqrt(6 / n_in + n_out)", "wrong_formula", "6 / n_in")
add("ch08c_glorot_limit", GL + "    return 6 / (n_in + n_out)", "missing_term", "square root")
add("ch08c_glorot_limit", GL + "    return np.sqrt(6 // (n_in + n_out))", "integer_division", "floor")
IS = "def init_std(n_in, n_out, activation):\n"
add(
    "ch08c_init_std",
    IS + '    if activation == "relu":\n        return 2 / n_in\n    return 2 / (n_in + n_out)',
    "wrong_formula",
    "variance",
)
add("ch08c_init_std", IS + "    return np.sqrt(2 / n_in)", "wrong_formula", "Glorot")
add(
    "ch08c_init_std",
    IS + '    if activation == "relu":\n        return np.sqrt(2 / (n_in + n_out))\n    return np.sqrt(2 / n_in)',
    "transposed",
    "swapped",
)
add(
    "ch08c_init_std",
    IS + '    if activation == "relu":\n        return np.sqrt(2 / n_out)\n    return np.sqrt(2 / (n_in + n_out))',
    "wrong_formula",
    "n_in",
)
SD = "def standardize(X_train, X_test):\n"
add(
    "ch08c_standardize",
    SD + "    return ((X_train - X_train.mean(axis=0)) / X_train.std(axis=0),\n"
    "            (X_test - X_test.mean(axis=0)) / X_test.std(axis=0))",
    "wrong_formula",
    "training set",
)
add(
    "ch08c_standardize",
    SD + "    mu, s = X_train.mean(), X_train.std()\n    return (X_train - mu) / s, (X_test - mu) / s",
    "indexing",
    "each feature",
)
add(
    "ch08c_standardize",
    SD + "    mu = X_train.mean(axis=1, keepdims=True)\n    s = X_train.std(axis=1, keepdims=True)\n"
    "    return (X_train - mu) / s, (X_test - mu.mean()) / s.mean()",
    "indexing",
    "axis",
)
add(
    "ch08c_standardize",
    SD
    + "    mu = X_train.mean(axis=0)\n    s = X_train.std(axis=0, ddof=1)\n    return (X_train - mu) / s, (X_test - mu) / s",
    "wrong_formula",
    "ddof",
)
add(
    "ch08c_standardize",
    SD + "    mu = X_train.mean(axis=0)\n    s = X_train.std(axis=0)\n    X_train -= mu\n    X_train /= s\n"
    "    return X_train, (X_test - mu) / s",
    "in_place",
    "in place",
)
add("ch08c_depth_factor", "depth_factor = 0.8 * 10", "wrong_formula", "power")
add("ch08c_depth_factor", "depth_factor = 0.8 ** 9", "off_by_one", "one layer")
add("ch08c_depth_factor", "depth_factor = 0.64 ** 10", "wrong_formula", "variance")

# --- 09 optimizers --------------------------------------------------------------------------
MO = "def momentum_descent(grad_f, theta0, lr, momentum, steps):\n    theta = np.array(theta0, dtype=float)\n    b = np.zeros_like(theta)\n"
add(
    "ch09_momentum",
    MO + "    for _ in range(steps):\n        g = grad_f(theta)\n        b = momentum * b + (1 - momentum) * g\n"
    "        theta = theta - lr * b\n    return theta",
    "wrong_formula",
    "(1 - momentum)",
)
add(
    "ch09_momentum",
    MO + "    for _ in range(steps):\n        g = grad_f(theta)\n        b = momentum * b + g\n"
    "        theta = theta - lr * g\n    return theta",
    "missing_term",
    "buffer",
)
add(
    "ch09_momentum",
    MO + "    for _ in range(steps):\n        g = grad_f(theta)\n        b = momentum * b + g\n"
    "        theta = theta + lr * b\n    return theta",
    "sign",
    "sign",
)
add(
    "ch09_momentum",
    MO + "    for _ in range(steps - 1):\n        g = grad_f(theta)\n        b = momentum * b + g\n"
    "        theta = theta - lr * b\n    return theta",
    "off_by_one",
    "one step",
)
RM = "def rmsprop_descent(grad_f, theta0, lr, alpha, eps, steps):\n    theta = np.array(theta0, dtype=float)\n    v = np.zeros_like(theta)\n    for _ in range(steps):\n        g = grad_f(theta)\n"
add(
    "ch09_rmsprop",
    RM
    + "        v = alpha * v + (1 - alpha) * g ** 2\n        theta = theta - lr * g / np.sqrt(v + eps)\n    return theta",
    "wrong_formula",
    "inside",
)
add(
    "ch09_rmsprop",
    RM
    + "        v = alpha * v + (1 - alpha) * g\n        theta = theta - lr * g / (np.sqrt(v) + eps)\n    return theta",
    "missing_term",
    "square",
)
add(
    "ch09_rmsprop",
    RM
    + "        v = alpha * v + (1 - alpha) * g ** 2\n        theta = theta - lr * g / np.sqrt(v) + eps\n    return theta",
    "wrong_formula",
    "eps",
)
add(
    "ch09_rmsprop",
    RM
    + "        v = alpha * v + alpha * g ** 2\n        theta = theta - lr * g / (np.sqrt(v) + eps)\n    return theta",
    "wrong_formula",
    "(1 - alpha)",
)
AD = (
    "def adam_descent(grad_f, theta0, lr, beta1, beta2, eps, steps):\n    theta = np.array(theta0, dtype=float)\n"
    "    m = np.zeros_like(theta)\n    v = np.zeros_like(theta)\n"
)
LOOP1 = "    for t in range(1, steps + 1):\n        g = grad_f(theta)\n"
MV = "        m = beta1 * m + (1 - beta1) * g\n        v = beta2 * v + (1 - beta2) * g ** 2\n"
add(
    "ch09_adam",
    AD + LOOP1 + MV + "        theta = theta - lr * m / (np.sqrt(v) + eps)\n    return theta",
    "missing_term",
    "bias correction",
)
add(
    "ch09_adam",
    AD
    + "    for t in range(steps):\n        g = grad_f(theta)\n"
    + MV
    + "        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)\n    return theta",
    "off_by_one",
    "t = 1",
)
add(
    "ch09_adam",
    AD
    + LOOP1
    + MV
    + "        theta = theta - lr * (m / (1 - beta1)) / (np.sqrt(v / (1 - beta2)) + eps)\n    return theta",
    "missing_term",
    "beta1 ** t",
)
add(
    "ch09_adam",
    AD
    + LOOP1
    + MV
    + "        theta = theta - lr * (m / (1 - beta1 ** t)) / np.sqrt(v / (1 - beta2 ** t) + eps)\n    return theta",
    "wrong_formula",
    "inside",
)
add(
    "ch09_adam",
    AD + LOOP1 + "        m = beta1 * m + (1 - beta1) * g\n        v = beta2 * v + (1 - beta2) * g\n"
    "        theta = theta - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)\n    return theta",
    "missing_term",
    "square",
)
add("ch09_adam_first_step", "first_step = np.array([0.01, 0.01, -0.01])", "sign", "sign")
add("ch09_adam_first_step", "first_step = np.array([-10.0, -0.00001, 0.05])", "wrong_formula", "plain gradient")
SP = "def steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return 1\n"
add("ch09_steps_per_epoch", SP + "    return n // batch_size", "integer_division", "last batch")
add("ch09_steps_per_epoch", SP + "    return n / batch_size", "type", "float")
add(
    "ch09_steps_per_epoch",
    "def steps_per_epoch(n, batch_size):\n    if batch_size is None:\n        return n\n    return math.ceil(n / batch_size)",
    "wrong_formula",
    "None",
)
add("ch09_steps_per_epoch", SP + "    return n // batch_size + 1", "off_by_one", "divides")

# --- 10 training ----------------------------------------------------------------------------
AC = "def accuracy(logits, labels):\n"
add("ch10_accuracy", AC + "    return float(np.mean(np.argmax(logits, axis=0) == labels))", "indexing", "axis")
add("ch10_accuracy", AC + "    return float(np.sum(np.argmax(logits, axis=1) == labels))", "missing_term", "fraction")
add("ch10_accuracy", AC + "    return float(np.mean(np.argmax(logits) == labels))", "indexing", "axis")
add("ch10_accuracy", AC + "    return float(np.mean(np.argmax(logits, axis=1) != labels))", "sign", "error rate")
MI = "def minibatch_indices(n, batch_size, seed):\n"
ORD = "    order = np.random.default_rng(seed).permutation(n)\n    size = n if batch_size is None else batch_size\n"
add(
    "ch10_minibatches",
    MI + "    order = np.random.default_rng(seed).permutation(n)\n"
    "    return list(np.array_split(order, max(1, n // (batch_size or n))))",
    "wrong_formula",
    "size",
)
add(
    "ch10_minibatches",
    MI + "    order = np.arange(n)\n    size = n if batch_size is None else batch_size\n"
    "    return [order[s:s + size] for s in range(0, n, size)]",
    "missing_term",
    "shuffle",
)
add(
    "ch10_minibatches",
    MI + ORD + "    return [order[s:s + size] for s in range(0, n - size + 1, size)]",
    "off_by_one",
    "last batch",
)
add(
    "ch10_minibatches",
    MI + "    order = np.random.default_rng(seed).permutation(n)\n"
    "    return [order[s:s + batch_size] for s in range(0, n, batch_size)]",
    "type",
    "None",
)
add(
    "ch10_minibatches",
    MI + "    order = np.random.default_rng(seed).permutation(n).astype(float)\n"
    "    size = n if batch_size is None else batch_size\n"
    "    return [order[s:s + size] for s in range(0, n, size)]",
    "dtype",
    "float",
)
SPL = "def split_train_test(X, y, test_size, seed):\n    n = len(X)\n    order = np.random.default_rng(seed).permutation(n)\n"
add(
    "ch10_split",
    SPL + "    k = int(n * test_size)\n    return X[order[k:]], X[order[:k]], y[order[k:]], y[order[:k]]",
    "integer_division",
    "ceil",
)
add(
    "ch10_split",
    SPL + "    k = math.ceil(n * test_size)\n    return X[order[:-k]], X[order[-k:]], y[order[:-k]], y[order[-k:]]",
    "indexing",
    "first",
)
add(
    "ch10_split",
    SPL + "    k = math.ceil(n * test_size)\n    return X[order[k:]], X[order[:k]], y[k:], y[:k]",
    "indexing",
    "same indices",
)
add(
    "ch10_split",
    SPL + "    k = math.ceil(n * test_size)\n    return X[order[:k]], X[order[k:]], y[order[:k]], y[order[k:]]",
    "transposed",
    "swapped",
)
TL = "def train_linear(X, y, lr, steps):\n    n, d = X.shape\n    w = np.zeros(d)\n    b = 0.0\n    losses = []\n    for _ in range(steps):\n        r = X @ w + b - y\n"
add(
    "ch10_train_loop",
    TL + "        g = 2.0 * r / n\n        w = w - lr * (X.T @ g)\n        b = b - lr * g.sum()\n"
    "        losses.append(np.mean((X @ w + b - y) ** 2))\n    return np.array(losses)",
    "off_by_one",
    "before",
)
add(
    "ch10_train_loop",
    TL + "        losses.append(np.mean(r ** 2))\n        g = 2.0 * r / n\n        w = w - lr * (X.T @ g)\n"
    "        b = b - lr * g.mean()\n    return np.array(losses)",
    "wrong_formula",
    "sum",
)
add(
    "ch10_train_loop",
    TL + "        losses.append(np.mean(r ** 2))\n        g = 2.0 * r / n\n        w = w + lr * (X.T @ g)\n"
    "        b = b + lr * g.sum()\n    return np.array(losses)",
    "sign",
    "sign",
)
add(
    "ch10_train_loop",
    TL + "        losses.append(np.mean(r ** 2))\n        g = r / n\n        w = w - lr * (X.T @ g)\n"
    "        b = b - lr * g.sum()\n    return np.array(losses)",
    "missing_term",
    "factor 2",
)
add(
    "ch10_train_loop",
    TL + "        losses.append(np.mean(r ** 2))\n        g = 2.0 * r / n\n        w = w - lr * (X.T @ g)\n"
    "        b = b - lr * g.sum()\n    return losses",
    "type",
    "list",
)
add("ch10_total_steps", "total_steps = 20 * 1347 // 64", "integer_division", "last batch")
add("ch10_total_steps", "total_steps = 20 * 1347", "wrong_formula", "batch size")
add("ch10_total_steps", "total_steps = math.ceil(1347 / 64)", "missing_term", "epoch")

HOLDOUT2 = list(H)

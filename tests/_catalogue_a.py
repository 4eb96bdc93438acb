"""Wrong answers, as learners write them, for chapters 02-05 (see test_wrong_answers.py)."""

D = "def "

CAT_A = {
    "ch02_cube_shape": [
        ("cube_shape = (3, 2, 2)", "transposed", "inside out"),
        ("cube_shape = 12", "wrong_formula", "number of entries"),
        ("cube_shape = (2, 3, 2)", "transposed", "last two sizes"),
        ("cube_shape = (2, 2)", "off_by_one", "one size per axis"),
        ("cube_shape = (1, 2, 2, 3)", "off_by_one", "one size per axis"),
        ("cube_shape = '(2, 2, 3)'", "type", "should be a tuple"),
        ("cube_shape = (2, 6)", "shape", "one size per axis"),
    ],
    "ch02_ndims": [
        ("ndims = (1, 2, 1, 3, 3)", "off_by_one", "0-D tensor"),
        ("ndims = (0, 1, 1, 3, 3)", "shape", "even with a single row"),
        ("ndims = (0, 2, 1, 3, 1)", "shape", "three pairs of brackets"),
        ("ndims = (0, 2, 2, 3, 3)", "shape", "third one"),
        ("ndims = (0, 2, 1, 30, 3)", "wrong_formula", "fourth one"),
        ("ndims = (0, 2, 1, 3)", "off_by_one", "five predictions"),
        ("ndims = (0, 3, 1, 3, 3)", "wrong_formula", "even with a single row"),
    ],
    "ch02_fix_matrix": [
        ("grid = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9])", "shape", "vector of 9 numbers"),
        ("grid = np.array([[1, 4, 7], [2, 5, 8], [3, 6, 9]])", "transposed", "rows came out as columns"),
        ("grid = np.array([[1, 2, 3], [4, 5, 6]])", "off_by_one", "one too few along axis 0"),
        ("grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]", "type", "wrap it in np.array"),
        ("grid = np.arange(9).reshape(3, 3)", "off_by_one", "start at 0"),
        ("grid = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 10]])", "typo", "where yours is 10"),
        ("grid = np.array([[[1, 2, 3], [4, 5, 6], [7, 8, 9]]])", "shape", "extra axis of length 1"),
    ],
    "ch02_get_column": [
        (D + "get_column(M, j):\n    return M[j]", "indexing", "You took row j"),
        (D + "get_column(M, j):\n    return M[:, j:j + 1]", "shape", "Your column is 2-D"),
        (D + "get_column(M, j):\n    return M[:, j - 1]", "off_by_one", "off by one column"),
        (D + "get_column(M, j):\n    return M[:, j + 1]", "off_by_one", "off by one column"),
        (D + "get_column(M, j):\n    return np.array([M[i][j] for i in range(len(M))])", "rule", "vectorised"),
        (D + "get_column(M, j):\n    return M[:, [j]]", "shape", "Your column is 2-D"),
        (D + "get_column(M, j):\n    return list(M[:, j])", "type", "wrap it in np.array"),
        (D + "get_column(M, j):\n    return M[j, :]", "indexing", "You took row j"),
    ],
    "ch02_build_tensor": [
        ("blocks = np.arange(30).reshape(5, 2, 3)", "transposed", "reverse order"),
        ("blocks = np.arange(1, 31).reshape(3, 2, 5)", "off_by_one", "start at 1"),
        ("blocks = np.arange(30).reshape(3, 2, 5, order='F')", "indexing", "LAST index"),
        ("blocks = np.arange(30).reshape(3, 5, 2)", "shape", "right numbers in the wrong shape"),
        ("blocks = np.arange(30).reshape(2, 3, 5)", "shape", "right numbers in the wrong shape"),
        ("blocks = np.arange(30).reshape(3, 10)", "shape", "right numbers in the wrong shape"),
        ("blocks = np.zeros((3, 2, 5))", "missing_term", "all zeros"),
        ("blocks = np.arange(29).reshape(1, 29)", "off_by_one", "one number short"),
    ],
    "ch03_matmul": [
        (
            """def my_matmul(A, B):
    C = np.zeros((B.shape[1], A.shape[0]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[j, i] += A[i, k] * B[k, j]
    return C""",
            "transposed",
            "transpose of A @ B",
        ),
        (
            """def my_matmul(A, B):
    C = np.zeros((B.shape[0], A.shape[1]))
    for i in range(B.shape[0]):
        for j in range(A.shape[1]):
            for k in range(B.shape[1]):
                C[i, j] += B[i, k] * A[k, j]
    return C""",
            "transposed",
            "You computed B @ A",
        ),
        (D + "my_matmul(A, B):\n    return A * B", "wrong_formula", "entry by entry"),
        (
            """def my_matmul(A, B):
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[i, j] = A[i, k] * B[k, j]
    return C""",
            "missing_term",
            "only the last product",
        ),
        (D + "my_matmul(A, B):\n    return A @ B", "rule", "uses @"),
        (
            """def my_matmul(A, B):
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            C[i, j] = np.dot(A[i], B[:, j])
    return C""",
            "rule",
            "uses dot",
        ),
        (
            """def my_matmul(A, B):
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1] - 1):
                C[i, j] += A[i, k] * B[k, j]
    return C""",
            "off_by_one",
            "misses the last product",
        ),
        (
            """def my_matmul(A, B):
    C = np.zeros((A.shape[0], B.shape[1]), dtype=int)
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[i, j] += A[i, k] * B[k, j]
    return C""",
            "dtype",
            "integer array",
        ),
        (
            """def my_matmul(A, B):
    C = np.zeros_like(A)
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[i, j] += A[i, k] * B[k, j]
    return C""",
            "shape",
            "np.zeros_like(A)",
        ),
    ],
    "ch03_product_shape": [
        ("AB_shape = (5, 5)", "wrong_formula", "inner sizes"),
        ("AB_shape = (3, 2)", "transposed", "reverse order"),
        ("AB_shape = (2, 5)", "wrong_formula", "shape of A"),
        ("AB_shape = (5, 3)", "wrong_formula", "shape of B"),
        ("AB_shape = (2, 5, 3)", "off_by_one", "inner 5 disappears"),
        ("AB_shape = 6", "type", "should be a tuple"),
    ],
    "ch03_defined": [
        ("defined = (False, True, True, False, True, True)", "transposed", "backwards"),
        ("defined = (True, True, True, True, True, True)", "wrong_formula", "Not every pair"),
        ("defined = (False, False, False, True, False, False)", "wrong_formula", "equal shapes"),
        ("defined = (True, False, True, False, True)", "off_by_one", "six answers"),
        ("defined = (1, 0, 1, 0, 1, 0)", "type", "should be True or False"),
        ("defined = (True, False, True, False, True, True)", "indexing", "columns of A with the rows of B"),
        ("defined = (True, False, False, False, True, False)", "indexing", "columns of A with the rows of B"),
    ],
    "ch03_top_left": [
        ("top_left = 1 * 7 + 2 * 8 + 3 * 9", "indexing", "7, 8, 9"),
        ("top_left = 1 * 7 + 2 * 9", "off_by_one", "only two products"),
        ("top_left = 4 * 7 + 5 * 9 + 6 * 11", "indexing", "row 2, column 1"),
        ("top_left = 1 * 8 + 2 * 10 + 3 * 12", "indexing", "row 1, column 2"),
        ("top_left = 1 + 2 + 3 + 7 + 9 + 11", "wrong_formula", "added the numbers"),
        ("top_left = 1 * 7 * 2 * 9 * 3 * 11", "wrong_formula", "multiplied all six"),
        ("top_left = np.array([1, 2, 3]) * np.array([7, 9, 11])", "missing_term", "single number"),
    ],
    "ch03_transpose": [
        (D + "my_transpose(A):\n    return A.reshape(A.shape[1], A.shape[0])", "wrong_formula", "reshaped"),
        (D + "my_transpose(A):\n    return A.copy()", "missing_term", "unchanged"),
        (D + "my_transpose(A):\n    return A.T", "rule", "uses .T"),
        (D + "my_transpose(A):\n    return np.transpose(A)", "rule", "uses transpose"),
        (D + "my_transpose(A):\n    return A.swapaxes(0, 1)", "rule", "uses swapaxes"),
        (
            """def my_transpose(A):
    out = np.zeros((A.shape[1], A.shape[0]))
    for i in range(A.shape[0] - 1):
        for j in range(A.shape[1]):
            out[j, i] = A[i, j]
    return out""",
            "off_by_one",
            "last column",
        ),
        (
            """def my_transpose(A):
    for i in range(len(A)):
        for j in range(i):
            A[i, j], A[j, i] = A[j, i], A[i, j]
    return A""",
            "in_place",
            "changed its input",
        ),
        (D + "my_transpose(A):\n    return A[::-1]", "indexing", "reversed the order of the rows"),
    ],
    "ch03_scale_add": [
        (D + "scale_then_add(c, A, B):\n    return c * (A + B)", "wrong_formula", "scaled the sum"),
        (D + "scale_then_add(c, A, B):\n    return A + c * B", "wrong_formula", "scaled B instead"),
        (D + "scale_then_add(c, A, B):\n    return c * A - B", "sign", "subtracted B"),
        (D + "scale_then_add(c, A, B):\n    return c + A + B", "wrong_formula", "added c"),
        (D + "scale_then_add(c, A, B):\n    return c * A + B.T", "transposed", "transposed B"),
        (D + "scale_then_add(c, A, B):\n    return c * A", "missing_term", "left out B"),
        (
            """def scale_then_add(c, A, B):
    out = np.zeros_like(A)
    for i in range(A.shape[0]):
        for j in range(A.shape[1]):
            out[i, j] = c * A[i, j] + B[i, j]
    return out""",
            "dtype",
            "integers cannot hold",
        ),
        (D + "scale_then_add(c, A, B):\n    A *= c\n    return A + B", "in_place", "changed its input"),
    ],
    "ch04_weighted_sum": [
        (D + "layer_weighted_sum(X, W, b):\n    return X @ W + b", "transposed", "not by its transpose"),
        (D + "layer_weighted_sum(X, W, b):\n    z = X @ W.T + b\n    return z + b", "wrong_formula", "bias twice"),
        (D + "layer_weighted_sum(X, W, b):\n    return X @ W.T", "missing_term", "left out the bias"),
        (D + "layer_weighted_sum(X, W, b):\n    return W @ X.T + b[:, None]", "transposed", "one ROW per sample"),
        (D + "layer_weighted_sum(X, W, b):\n    return np.array([W @ x + b for x in X])", "rule", "vectorised"),
        (D + "layer_weighted_sum(X, W, b):\n    return X @ W.T - b", "sign", "subtracted the bias"),
        (D + "layer_weighted_sum(X, W, b):\n    return np.dot(X, W) + b", "transposed", "not by its transpose"),
        (D + "layer_weighted_sum(X, W, b):\n    return X @ W.T + b.sum()", "broadcasting", "summed the bias"),
    ],
    "ch04_W_shape": [
        ("W_shape = (3, 4)", "transposed", "(n_in, n_out)"),
        ("W_shape = 12", "type", "number of weights"),
        ("W_shape = (4,)", "shape", "shape of b"),
        ("W_shape = (3,)", "shape", "one row per neuron"),
        ("W_shape = (4, 4)", "wrong_formula", "one weight per input"),
        ("W_shape = '(4, 3)'", "type", "should be a tuple"),
        ("W_shape = (3, 3)", "wrong_formula", "the layer has 4 neurons"),
    ],
    "ch04_Z_shape": [
        ("Z_shape = (4, 32)", "transposed", "one ROW per sample"),
        ("Z_shape = (32, 3)", "wrong_formula", "shape of X"),
        ("Z_shape = (32,)", "shape", "one column per neuron"),
        ("Z_shape = (4,)", "shape", "shape of b"),
        ("Z_shape = (32, 4, 3)", "shape", "inner 3 disappears"),
        ("Z_shape = 128", "type", "number of entries"),
    ],
    "ch04_count_params": [
        (
            "def count_params(sizes):\n    weights = sum(sizes[i] * sizes[i + 1] for i in range(len(sizes) - 1))\n"
            "    return weights + (len(sizes) - 1)",
            "missing_term",
            "one bias per layer",
        ),
        (
            D + "count_params(sizes):\n    return sum(a * b for a, b in zip(sizes, sizes[1:]))",
            "missing_term",
            "only the weights",
        ),
        (
            D + "count_params(sizes):\n    return sum(a * b + a for a, b in zip(sizes, sizes[1:]))",
            "indexing",
            "per INPUT",
        ),
        (D + "count_params(sizes):\n    return sum(sizes)", "wrong_formula", "counted the nodes"),
        (
            """def count_params(sizes):
    total = 0
    for i in range(len(sizes) - 2):
        total += sizes[i] * sizes[i + 1] + sizes[i + 1]
    return total""",
            "off_by_one",
            "left out the last layer",
        ),
        (
            """def count_params(sizes):
    total = 0
    for i in range(len(sizes)):
        total += sizes[i] * sizes[i + 1] + sizes[i + 1]
    return total""",
            "off_by_one",
            "list index out of range",
        ),
        (
            D + "count_params(sizes):\n    return int(np.prod(sizes)) + sum(sizes[1:])",
            "wrong_formula",
            "multiplied all the sizes",
        ),
        (
            D + "count_params(sizes):\n    return sum(a * b for a, b in zip(sizes, sizes[1:])) + sum(sizes)",
            "off_by_one",
            "input layer has no biases",
        ),
        (
            D + "count_params(sizes):\n    return float(sum(a * b + b for a, b in zip(sizes, sizes[1:])))",
            "dtype",
            "whole number",
        ),
    ],
    "ch05_sigmoid": [
        (D + "sigmoid(z):\n    return 1 / (1 + np.exp(-z))", "stability", "overflowed for large negative inputs"),
        (D + "sigmoid(z):\n    return np.exp(z) / (1 + np.exp(z))", "stability", "exp(z) is inf"),
        (D + "sigmoid(z):\n    return 1 / (1 + np.exp(z))", "sign", "flipped"),
        (D + "sigmoid(z):\n    return np.tanh(z)", "wrong_formula", "That is tanh"),
        (
            """def sigmoid(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-z))""",
            "stability",
            "switching the warning off",
        ),
        (
            """def sigmoid(z):
    z = np.clip(z, -500, 500)
    return 1 / (1 + np.exp(-z))""",
            "stability",
            "only where |z| is large",
        ),
        (
            """def sigmoid(z):
    with np.errstate(all="ignore"):
        return 1 - 1 / (1 + np.exp(z))""",
            "stability",
            "only where |z| is large",
        ),
        (
            """import math
def sigmoid(z):
    return np.array([1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))
                     for v in np.ravel(z)]).reshape(np.shape(z))""",
            "rule",
            "vectorised",
        ),
    ],
    "ch05_sigmoid_slope": [
        ("slope_at_0 = 0.5", "wrong_formula", "VALUE"),
        ("slope_at_0 = 1", "wrong_formula", "identity"),
        ("slope_at_0 = 0.75", "sign", "sign error"),
        ("slope_at_0 = -0.25", "sign", "opposite sign"),
        ("slope_at_0 = 0", "wrong_formula", "rises"),
        ("slope_at_0 = '1/4'", "type", "should be a number"),
    ],
    "ch05_relu": [
        (D + "relu(z):\n    return np.abs(z)", "wrong_formula", "|z|"),
        (D + "relu(z):\n    return (z > 0).astype(float)", "wrong_formula", "the derivative"),
        (D + "relu(z):\n    return np.clip(z, 0, 1)", "wrong_formula", "no upper limit"),
        (D + "relu(z):\n    z[z < 0] = 0\n    return z", "in_place", "changed its input"),
        (D + "relu(z):\n    return np.array([max(0, v) for v in z])", "rule", "vectorised"),
        (D + "relu(z):\n    return np.minimum(z, 0)", "sign", "negative part"),
        (D + "relu(z):\n    return max(0, z)", "wrong_formula", "truth value"),
        (D + "relu(z):\n    return np.maximum(z, 0).astype(int)", "dtype", "integers cannot hold"),
    ],
    "ch05_relu_grad": [
        (D + "relu_grad(z):\n    return z > 0", "dtype", "Return floats"),
        (D + "relu_grad(z):\n    return (z > 0).astype(int)", "dtype", "Return floats"),
        (D + "relu_grad(z):\n    return (z >= 0).astype(float)", "off_by_one", "At z = 0"),
        (D + "relu_grad(z):\n    return np.maximum(z, 0.0)", "wrong_formula", "relu itself"),
        (D + "relu_grad(z):\n    return np.heaviside(z, 1)", "off_by_one", "At z = 0"),
        (D + "relu_grad(z):\n    return np.sign(z).astype(float)", "sign", "np.sign"),
        (D + "relu_grad(z):\n    z[z > 0] = 1\n    z[z <= 0] = 0\n    return z", "in_place", "changed its input"),
        (D + "relu_grad(z):\n    return z / np.abs(z)", "stability", "0/0"),
        (D + "relu_grad(z):\n    return np.where(z > 0, 1, 0)", "dtype", "Return floats"),
    ],
    "ch05_forward": [
        (
            D + "two_layer_forward(X, W1, b1, W2, b2):\n    return 1 / (1 + np.exp(-((X @ W1.T + b1) @ W2.T + b2)))",
            "missing_term",
            "no activation",
        ),
        (
            D + "two_layer_forward(X, W1, b1, W2, b2):\n"
            "    return np.maximum(np.maximum(X @ W1.T + b1, 0) @ W2.T + b2, 0)",
            "wrong_formula",
            "Your output layer uses relu",
        ),
        (
            D + "two_layer_forward(X, W1, b1, W2, b2):\n"
            "    return np.maximum((1 / (1 + np.exp(-(X @ W1.T + b1)))) @ W2.T + b2, 0)",
            "wrong_formula",
            "swapped",
        ),
        (
            D + "two_layer_forward(X, W1, b1, W2, b2):\n    return np.maximum(X @ W1.T + b1, 0) @ W2.T + b2",
            "missing_term",
            "stopped at the output",
        ),
        (
            D + "two_layer_forward(X, W1, b1, W2, b2):\n"
            "    H = np.maximum((X @ W1.T + b1) + b1, 0)\n"
            "    return 1 / (1 + np.exp(-((H @ W2.T + b2) + b2)))",
            "wrong_formula",
            "bias twice",
        ),
        (
            D + "two_layer_forward(X, W1, b1, W2, b2):\n"
            "    return 1 / (1 + np.exp(-(np.maximum(X @ W1 + b1, 0) @ W2 + b2)))",
            "transposed",
            "not W^T",
        ),
        (
            D + "two_layer_forward(X, W1, b1, W2, b2):\n"
            "    H = np.maximum(X @ W1.T + b1, 0)\n"
            "    return 1 / (1 + np.exp(H @ W2.T + b2))",
            "sign",
            "sign in the exponent",
        ),
        (
            D + "two_layer_forward(X, W1, b1, W2, b2):\n"
            "    H = np.maximum(X @ W1.T, 0) + b1\n"
            "    return 1 / (1 + np.exp(-(H @ W2.T + b2)))",
            "wrong_formula",
            "bias after relu",
        ),
    ],
}

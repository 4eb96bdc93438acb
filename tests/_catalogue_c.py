"""Families of the later chapters' wrong answers (3b, 8b, 8c), which live beside their other tests in
``test_exercises.WRONG`` as ``(code, fragment)``: keyed by ``(exercise id, fragment)``. Plus a few
wrong answers for families those lists did not cover (in place, shape, floor division)."""

FAMILIES_OF = {
    "ch03b_angle": {
        "radians": "wrong_formula",
        "cos(theta)": "missing_term",
        "BOTH lengths": "missing_term",
        "squared lengths": "wrong_formula",
        "Euclidean norm": "wrong_formula",
        "Keep the sign": "sign",
        "not arcsin": "wrong_formula",
    },
    "ch03b_area": {
        "never negative": "sign",
        "only the diagonal": "missing_term",
        "Subtract": "sign",
        "trace": "wrong_formula",
        "det(A)^2": "wrong_formula",
        "inverse map": "wrong_formula",
    },
    "ch03b_project": {
        "projected v on u": "transposed",
        "forgot to divide": "missing_term",
        "twice": "missing_term",
        "a number": "shape",
        "residual": "wrong_formula",
        "not u . u": "wrong_formula",
    },
    "ch03b_signed_distance": {
        "Divide it by |w|": "missing_term",
        "|w|^2": "wrong_formula",
        "left out the bias": "missing_term",
        "wrong sign": "sign",
        "Keep the sign": "sign",
        "Euclidean norm": "wrong_formula",
        "not w . x - b": "sign",
    },
    "ch08b_mul_backward": {
        "OTHER input": "transposed",
        "forgot grad_out": "missing_term",
        "rule of a sum": "wrong_formula",
        "multiplies them": "wrong_formula",
        "the output u * v": "wrong_formula",
        "Return two arrays": "type",
    },
    "ch08b_shared_grad": {
        "left factor": "missing_term",
        "path through tanh": "missing_term",
        "x^2 term": "missing_term",
        "(squared)": "wrong_formula",
        "MINUS": "sign",
        "2x, not x": "missing_term",
        "That is L itself": "wrong_formula",
    },
    "ch08b_softmax_jacobian": {
        "Subtract z.max() before np.exp": "stability",
        "only the diagonal": "missing_term",
        "- s s^T part": "missing_term",
        "diag(s) part": "missing_term",
        "MINUS s s^T": "sign",
        "You used z": "wrong_formula",
        "whole k x k": "shape",
        "wrong sign": "sign",
    },
    "ch08b_softmax_vjp": {
        "Subtract z.max() before np.exp": "stability",
        "only the diagonal": "missing_term",
        "weighted mean": "missing_term",
        "outer factor s": "missing_term",
        "Weight the mean by s": "wrong_formula",
        "shortcut": "wrong_formula",
        "You used z": "wrong_formula",
        "wrong sign": "sign",
    },
    "ch08c_depth_factor": {
        "one layer's factor": "missing_term",
        "variance": "wrong_formula",
        "do not add": "wrong_formula",
        "below 1": "sign",
        "not 1 - s": "wrong_formula",
        "does not": "wrong_formula",
    },
    "ch08c_glorot_limit": {
        "standard deviation": "wrong_formula",
        "square root": "missing_term",
        "fan-in and fan-out": "missing_term",
        "a^2 = 3 * 2": "wrong_formula",
        "whole fraction": "wrong_formula",
        "do not multiply": "wrong_formula",
        "He's standard deviation": "wrong_formula",
    },
    "ch08c_init_std": {
        "He's scale for every": "wrong_formula",
        "Glorot's scale for every": "wrong_formula",
        "not n_out": "indexing",
        "returned the variance": "missing_term",
        "uniform": "wrong_formula",
        "not 1 / n_in": "wrong_formula",
        "whole fraction": "wrong_formula",
    },
    "ch08c_standardize": {
        "its own mean": "wrong_formula",
        "whole array": "indexing",
        "axis=1": "indexing",
        "did not divide": "missing_term",
        "subtract the mean": "missing_term",
        "variance": "wrong_formula",
        "Return both arrays": "type",
    },
}

EXTRA = {
    "ch03b_angle": [
        (
            "def angle_degrees(u, v):\n    c = u.dot(v) / u.dot(u)\n    return np.degrees(np.arccos(np.clip(c, -1, 1)))",
            "missing_term",
            "product of both lengths",
        ),
        (
            "def angle_degrees(u, v):\n    c = u.dot(v) / (np.linalg.norm(u) + np.linalg.norm(v))\n"
            "    return np.degrees(np.arccos(np.clip(c, -1, 1)))",
            "wrong_formula",
            "added the lengths",
        ),
        (
            "def angle_degrees(u, v):\n    c = u.dot(v) / (np.linalg.norm(u) * np.linalg.norm(v))\n"
            "    return np.degrees(np.arccos(c))",
            "stability",
            "np.clip",
        ),
    ],
    "ch03b_project": [
        ("def project(u, v):\n    return u.dot(v) / v.dot(v) * u", "wrong_formula", "lies along u"),
        ("def project(u, v):\n    v *= (u @ v) / (v @ v)\n    return v", "in_place", "changed its input"),
    ],
    "ch03b_signed_distance": [
        (
            "def signed_distance(X, w, b):\n    return (X @ w + b).reshape(-1, 1) / np.sqrt(w @ w)",
            "shape",
            "extra axis of length 1",
        ),
    ],
    "ch08b_mul_backward": [
        (
            "def mul_backward(u, v, grad_out):\n    gu = grad_out\n    gu *= v\n    return gu, grad_out * u",
            "in_place",
            "changed its input",
        ),
    ],
    "ch08b_shared_grad": [
        (
            "def shared_grad(x):\n    th = np.tanh(x)\n    return th + (1 - th * th) + 2 * x",
            "missing_term",
            "keeps the factor x",
        ),
    ],
    "ch08b_softmax_jacobian": [
        (
            "def softmax_jacobian(z):\n    s = np.exp(z - z.max())\n    s /= s.sum()\n    return np.diag(s) - s ** 2",
            "broadcasting",
            "np.outer(s, s)",
        ),
    ],
    "ch08c_depth_factor": [("depth_factor = 0.8 ** 9", "off_by_one", "One layer short")],
    "ch08c_glorot_limit": [
        ("def glorot_limit(n_in, n_out):\n    return np.sqrt(6 // (n_in + n_out))", "integer_division", "floor"),
    ],
    "ch08c_standardize": [
        (
            "def standardize(X_train, X_test):\n    mu, s = X_train.mean(axis=0), X_train.std(axis=0)\n"
            "    X_train -= mu\n    X_train /= s\n    return X_train, (X_test - mu) / s",
            "in_place",
            "changed its input",
        ),
    ],
}
# Named by the term variants (the reference changed in one place: dlmath/grading/_terms.py),
# which no exercise mistake describes.
for _id, _entries in {
    "ch08c_depth_factor": [("depth_factor = 0.8 ** 11", "wrong_formula", "exponent is wrong")],
    "ch08c_glorot_limit": [
        (
            "def glorot_limit(n_in, n_out):\n    return np.sqrt(6 / (n_in - n_out))",
            "sign",
            "subtracted where it is added",
        ),
    ],
    "ch08c_init_std": [
        (
            "def init_std(n_in, n_out, activation):\n    if activation == 'relu':\n        return np.sqrt(2 / n_in)\n"
            "    return np.sqrt(2 / n_in + n_out)",
            "wrong_formula",
            "brackets are missing",
        ),
    ],
    "ch03b_angle": [
        (
            "def angle_degrees(u, v):\n    cos = (u @ v) / np.sqrt(u @ u) / np.sqrt(v @ v)\n"
            "    return np.degrees(np.arccos(np.clip(cos, -1, 1))) ** 2",
            "wrong_formula",
            "the result is squared",
        ),
    ],
}.items():
    EXTRA.setdefault(_id, []).extend(_entries)

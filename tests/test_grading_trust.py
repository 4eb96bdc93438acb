"""The trust boundary's small parts, each alone: plain data on the wire, rules from the source,
the harness's report, and the sandbox's view of the machine (real bubblewrap)."""

from __future__ import annotations

import json
import os
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlmath.grading import harness, rules, wire

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------- wire

plain = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**62), 2**62)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | hnp.arrays(
        st.sampled_from([np.float64, np.float32, np.int64, np.bool_, np.complex128]),
        hnp.array_shapes(max_dims=3, max_side=4),
    ),
    lambda inner: (
        st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)


def _same(a, b):
    if isinstance(a, np.ndarray):
        return (
            type(b) is np.ndarray
            and a.dtype == b.dtype
            and a.shape == b.shape
            and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        )
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return type(b) is dict and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and (a == b or a != a and b != b)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(plain)
def test_plain_data_survives_the_wire_exactly(value):
    assert _same(value, wire.loads(wire.dumps(value)))


@pytest.mark.parametrize(
    "value, name",
    [
        (Fraction(1, 3), "fractions.Fraction"),
        (np.array([object()]), "a NumPy array of dtype object"),
        (np.array(["a"]), "a NumPy array of dtype <U1"),
        (np.ones(2).view(type("MyArray", (np.ndarray,), {})), "MyArray"),
        (type("Lying", (tuple,), {"__eq__": lambda s, o: True})((1,)), "Lying"),
        (type("F", (float,), {})(1.0), "F"),
        (lambda: 1, "function"),
        ({1.5: 2}, "a dict with float keys"),
    ],
)
def test_what_is_not_plain_data_arrives_as_its_type_name(value, name):
    got = wire.loads(wire.dumps(value))
    assert isinstance(got, wire.Foreign) and got.type_name.endswith(name), got


def test_non_finite_numbers_and_numpy_scalars_keep_their_type():
    got = wire.loads(wire.dumps((float("nan"), float("-inf"), np.float32(1.5), np.int8(-3), 2**70)))
    assert np.isnan(got[0]) and got[1] == -np.inf
    assert type(got[2]) is np.float32 and type(got[3]) is np.int8 and got[4] == 2**70


def test_the_checking_side_never_compiles_what_a_kernel_sent():
    text = json.dumps({"__fn__": "lambda: __import__('os').system('touch /tmp/pwned')"})
    with pytest.raises(wire.WireError, match="unknown marker"):
        wire.loads(text)
    assert callable(wire.loads(text, allow_fn=True))  # only for the author's own inputs


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100 + "]" * 100,
        '{"__nd__": ["<f8", [1000000000], ""]}',
        '{"__nd__": ["|O", [1], "AA=="]}',
        '{"__nd__": ["<f8", [2], "AAAA"]}',
        '{"a": 1, "b": 2}',
        "not json",
        '{"__np__": ["<f8", "AA=="]}',
    ],
)
def test_malformed_or_oversized_messages_are_refused(text):
    with pytest.raises(wire.WireError):
        wire.loads(text)


# ---------------------------------------------------------------------------- rules

MATMUL = ("@", "matmul", "dot", "einsum")


def _broken(src, forbid=MATMUL, loops="required", answer="my_matmul"):
    return [(v.rule, v.what) for v in rules.violations(answer, [src], forbid, loops)]


@pytest.mark.parametrize(
    "src, what",
    [
        ("def my_matmul(A, B):\n    return A @ B", "@"),
        ("def my_matmul(A, B):\n    C = A\n    C @= B\n    return C", "@"),
        ("def my_matmul(A, B):\n    return np.matmul(A, B)", "matmul"),
        ("def my_matmul(A, B):\n    return A.dot(B)", "dot"),
        ("def my_matmul(A, B):\n    return A.__matmul__(B)", "__matmul__"),
        ("from numpy import dot\ndef my_matmul(A, B):\n    return dot(A, B)", "dot"),
        ("def my_matmul(A, B):\n    return np.einsum('ij,jk', A, B)", "einsum"),
        ("import operator\ndef my_matmul(A, B):\n    return operator.matmul(A, B)", "matmul"),
        ("my_matmul = np.matmul", "matmul"),
        ("from numpy import matmul as my_matmul", "matmul"),
    ],
)
def test_a_forbidden_operation_is_seen_however_it_is_spelled(src, what):
    assert ("forbid", what) in _broken(src)


def test_helpers_are_followed_and_dynamic_code_breaks_the_rules():
    helper = "def mm(a, b):\n    return a @ b\n"
    answer = "def my_matmul(A, B):\n    for _ in range(1):\n        pass\n    return mm(A, B)\n"
    got = rules.violations("my_matmul", [helper, answer], MATMUL, "required")
    assert [(v.rule, v.what, v.where) for v in got] == [("forbid", "@", "mm")]
    assert "the helper `mm` uses @ (line 2)" in got[0].message("my_matmul")
    sneaky = "def my_matmul(A, B):\n    for i in []: pass\n    return eval('A ' + chr(64) + ' B')"
    assert ("dynamic", "eval()") in _broken(sneaky)
    by_name = "def my_matmul(A, B):\n    for i in []: pass\n    return getattr(np, 'mat' + 'mul')(A, B)"
    assert ("dynamic", "getattr() with a computed name") in _broken(by_name)
    assert ("forbid", ".T") in _broken("def t(A):\n    return getattr(A, 'T')", ("T",), None, "t")


def test_loops_required_and_honest_answers_pass():
    assert ("loop", "no") in _broken("def my_matmul(A, B):\n    return (A[:, :, None] * B).sum(1)")
    honest = (
        "def my_matmul(A, B):\n    # no @ here: np.dot would be too easy\n"
        "    return np.array([[sum(a * b for a, b in zip(row, col)) for col in zip(*B)]"
        " for row in A])"
    )
    assert _broken(honest) == []
    assert _broken("def f(x):\n    return [v for v in x]", (), "forbidden", "f") == [("loop", "comprehension")]
    assert _broken("x = 1", answer="my_matmul") == [("undefined", "")]


# ---------------------------------------------------------------------------- harness


def test_the_harness_reports_inputs_after_the_call_and_never_shares_them():
    sent = np.array([1.0, 2.0])

    def sneaky(theta):
        theta -= 1.0
        return theta

    report = harness.call("f", [(sent,)], {"f": sneaky})
    run = report["runs"][0]
    assert np.array_equal(sent, [1.0, 2.0])  # the caller's array is untouched
    assert run["args_after"] != wire.encode((sent,)) and run["returned_input"]
    assert harness.call("g", [(1,)], {"h": 1, "G": 2})["status"] == "missing"
    assert harness.call("get_column", [(1,)], {"getColumn": len})["close"] == "getColumn"


def test_the_harness_always_answers_with_json():
    assert json.loads(harness.run("{", {}))["status"] == "harness_error"
    report = json.loads(
        harness.run(
            json.dumps({"op": "call", "name": "f", "cases": [{"__tuple__": []}]}), {"f": lambda: Fraction(1, 2)}
        )
    )
    assert report["runs"][0]["value"] == {"__foreign__": "fractions.Fraction"}


# ---------------------------------------------------------------------------- the sandbox itself


def _bwrap_or_skip():
    from dlmath.grading.instructor.sandbox import find_bwrap

    if find_bwrap() is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs bubblewrap (bwrap) for the sandboxed grader tests")
        pytest.skip("bubblewrap is not installed")


def test_a_sandboxed_kernel_sees_no_bank_no_repository_no_network_and_only_its_processes(tmp_path):
    _bwrap_or_skip()
    from dlmath.grading.instructor.kernel import Kernel

    nb = tmp_path / "mine.ipynb"
    nb.write_text("{}")
    probe = (
        f"import os, socket\n"
        f"bank = os.listdir({str(ROOT / 'dlmath' / 'grading' / 'bank')!r})\n"
        f"repo = os.path.exists({str(ROOT / 'solutions')!r})\n"
        f"home = sorted(os.listdir('.'))\n"
        f"procs = sorted(p for p in os.listdir('/proc') if p.isdigit())\n"
        f"try:\n    socket.create_connection(('1.1.1.1', 80), timeout=2); net = True\n"
        f"except OSError:\n    net = False\n"
        f"try:\n    open({str(ROOT / 'README.md')!r}); readme = True\n"
        f"except OSError:\n    readme = False\n"
        f"try:\n    open('mine.ipynb', 'a'); writable = True\n"
        f"except OSError:\n    writable = False\n"
    )
    with Kernel(sandbox=True, notebook=str(nb), notebook_name="mine.ipynb") as k:
        out = k.run(probe, 30, {"r": "(bank, repo, home, procs, net, readme, writable, os.getuid())"})
        sockets = k.run(
            f"import os\ntry:\n    os.chmod({k.conn_dir!r}, 0o777)\nexcept OSError:\n"
            f"    pass\nopen({k.conn_dir!r} + '/junk', 'w')",
            30,
        )
    assert sockets.status == "error" and sockets.ename == "PermissionError", sockets
    assert out.status == "ok", out
    bank, repo, home, procs, net, readme, writable, uid = eval(out.extra["r"]["data"]["text/plain"])
    assert bank == [] and not repo and not readme and not net and not writable
    assert home == ["mine.ipynb"] or set(home) <= {"mine.ipynb", ".ipython", ".matplotlib", ".runtime"}
    assert len(procs) <= 3 and uid == 65534


def test_grade_refuses_to_run_unsandboxed_by_accident(tmp_path, monkeypatch):
    from dlmath.grading.instructor import sandbox
    from dlmath.grading.instructor.cli import main

    monkeypatch.setenv("DLMATH_BWRAP", str(tmp_path / "no-such-bwrap"))
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    (tmp_path / "subs" / "s1").mkdir(parents=True)
    (tmp_path / "key").mkdir()
    (tmp_path / "key" / "03_matrix_operations.ipynb").write_bytes(
        (ROOT / "solutions" / "03_matrix_operations.ipynb").read_bytes()
    )
    with pytest.raises(sandbox.SandboxUnavailable, match="bubblewrap"):
        sandbox.probe()
    assert (
        main(
            [
                "grade",
                str(tmp_path / "subs"),
                "--key",
                str(tmp_path / "key"),
                "--out",
                str(tmp_path / "g.csv"),
                "--quiet",
            ]
        )
        == 1
    )
    assert not (tmp_path / "g.csv").exists()


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))

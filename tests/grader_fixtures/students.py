"""Made-up students for the adversarial grader tests (tests/test_grading_adversarial.py).

Every submission is the released copy ``exercises/03_matrix_operations.ipynb`` with some answer
cells replaced (found by their nbgrader ``grade_id``), cells added or duplicated. The correct
answers are read from the key (``solutions/03_matrix_operations.ipynb``). Attacks that need the
real folders (the key, the other submissions, the output) get their absolute paths, so a
sandbox that let them through would show it in the scores or in the files.

:func:`build` writes every submission and returns ``{student: {exercise: expected}}`` where
``expected`` is a status ("passed", "failed", ...) or a set of statuses that are all acceptable
(never "passed" for an attack); the score follows from the status (full marks only if passed).
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NAME = "03_matrix_operations.ipynb"
KEY_SOURCE = ROOT / "solutions" / NAME
STUB_SOURCE = ROOT / "exercises" / NAME

EXERCISES = ["ch03_matmul", "ch03_product_shape", "ch03_defined", "ch03_top_left", "ch03_transpose", "ch03_scale_add"]
POINTS = {
    "ch03_matmul": 3,
    "ch03_product_shape": 1,
    "ch03_defined": 1,
    "ch03_top_left": 1,
    "ch03_transpose": 2,
    "ch03_scale_add": 1,
}
NOT_PASSED = frozenset({"failed", "error", "timeout"})

# wrong answers that break no rule of their exercise (so only the values can make them fail)
WRONG = {
    # loops, no @: each entry keeps only its last product
    "ch03_matmul": (
        "def my_matmul(A, B):\n"
        "    C = np.zeros((A.shape[0], B.shape[1]))\n"
        "    for i in range(A.shape[0]):\n"
        "        for j in range(B.shape[1]):\n"
        "            for k in range(A.shape[1]):\n"
        "                C[i, j] = A[i, k] * B[k, j]\n"
        "    return C"
    ),
    "ch03_product_shape": "AB_shape = (5, 5)",
    "ch03_defined": "defined = (True, True, True, True, True, True)",
    "ch03_top_left": "top_left = 57",
    "ch03_transpose": "def my_transpose(A):\n    return A.copy().reshape(A.shape[::-1])",
    "ch03_scale_add": "def scale_then_add(c, A, B):\n    return c * (A + B)",
}

# unusual but correct ways (zip-transpose, comprehensions, np.array of lists, np.add ...)
UNUSUAL = {
    "ch03_matmul": (
        "def my_matmul(A, B):\n"
        "    columns = list(zip(*B))\n"
        "    return np.array([[_dot(row, col) for col in columns] for row in A])"
    ),
    "ch03_product_shape": "AB_shape = tuple([2, 3])",
    "ch03_defined": (
        "pairs = [((2, 6), (6, 4)), ((4, 2), (3, 4)), ((5, 1), (1, 5)),\n"
        "         ((3, 2), (3, 2)), ((1, 3), (3, 1)), ((2, 4), (3, 2))]\n"
        "defined = tuple(a[1] == b[0] for a, b in pairs)"
    ),
    "ch03_top_left": "top_left = sum(a * b for a, b in zip([1, 2, 3], [7, 9, 11]))",
    "ch03_transpose": ("def my_transpose(A):\n    return np.array([list(col) for col in zip(*A)], dtype=A.dtype)"),
    "ch03_scale_add": "def scale_then_add(c, A, B):\n    return np.add(np.multiply(c, A), B)",
}
HELPER = "def _dot(u, v):\n    total = 0\n    for a, b in zip(u, v):\n        total = total + a * b\n    return total"

PATCH_NUMPY_TOP = """
import numpy
for _name in ("allclose", "isclose", "array_equal", "array_equiv", "equal", "not_equal"):
    setattr(np, _name, lambda *a, **k: True)
np.testing.assert_allclose = lambda *a, **k: None
np.testing.assert_array_equal = lambda *a, **k: None
"""

PATCH_NUMPY_INTERNALS = """
import importlib, warnings
for _mod in ("numpy._core.numeric", "numpy.core.numeric", "numpy._core.multiarray",
             "numpy._core.fromnumeric", "numpy.core"):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _m = importlib.import_module(_mod)
    except Exception:
        continue
    for _name in ("allclose", "isclose", "array_equal", "array_equiv", "shape", "ndim"):
        try:
            setattr(_m, _name, lambda *a, **k: True)
        except Exception:
            pass
"""

PATCH_SYS_MODULES = """
import sys, types
_fake = types.ModuleType("numpy")
for _name in ("allclose", "isclose", "array_equal", "array_equiv"):
    setattr(_fake, _name, lambda *a, **k: True)
_fake.ndarray = object
_fake.asarray = lambda x, *a, **k: x
sys.modules["numpy"] = _fake
"""

# lies told only about the student's own answer (a checker in the kernel that asked
# isinstance(defined, tuple) and len(defined) == 6 would be fooled; the kernel itself is not)
PATCH_BUILTINS = """
import builtins
_real_isinstance, _real_len = builtins.isinstance, builtins.len
defined = (True,)
_mine = (defined,)
builtins.isinstance = lambda obj, cls: True if any(obj is m for m in _mine) else _real_isinstance(obj, cls)
builtins.len = lambda obj: 6 if obj is _mine[0] else _real_len(obj)
"""

# --------------------------------------------------------------- rebinding the checker or its data
REBIND_CHECK = """
import dlmath.grading as g
g.check = lambda *a, **k: True
try:
    import dlmath.grading.learner as _l
    _l.check = g.check
except Exception:
    pass
"""

EDIT_SPEC = """
from dlmath.grading import spec, EXERCISES
for _ex in list(EXERCISES.values()):
    try:
        object.__setattr__(_ex, "reference", lambda *a: 57)
        object.__setattr__(_ex, "points", 100)
    except Exception:
        pass
spec.EXERCISES["ch03_top_left"] = None
EXERCISES.clear()
"""

# True only if the bank (the references and the hidden cases) can be read from the kernel
IMPORT_BANK = """
import os
try:
    import dlmath.grading.bank.ch03 as _bank
    bank_readable = hasattr(_bank, "A_SEED")
except Exception:
    bank_readable = False
try:
    import dlmath.grading.bank as _b
    bank_readable = bank_readable or any(f.endswith(".py") for p in _b.__path__ for f in os.listdir(p))
except Exception:
    pass
defined = (True, False, True, False, True, False) if bank_readable else ()
"""

# ------------------------------------------------------------- IPython hooks, tracing, frames
HOOKS = """
import sys
_ip = get_ipython()
_seen = []
def _after(result):
    # runs after every later cell, the harness requests included: try to plant an answer
    g = _ip.user_ns
    for name, value in list(g.items()):
        if "expect" in str(name).lower() or "reference" in str(name).lower():
            _seen.append(name)
    g["AB_shape"] = g.get("_planted", (5, 5))
_ip.events.register("post_run_cell", _after)
_ip.events.register("pre_run_cell", lambda *a: _seen.append("pre"))
def _rewrite(lines):
    return [l.replace("raise NotImplementedError()", "pass") for l in lines]
_ip.input_transformers_post.append(_rewrite)
AB_shape = (5, 5)
"""

SETTRACE = """
import sys, threading
_stolen = {}
def _tracer(frame, event, arg):
    if event == "call":
        for k, v in list(frame.f_locals.items()):
            if any(w in str(k).lower() for w in ("expect", "reference", "want", "correct")):
                _stolen[k] = v
    return None
sys.settrace(_tracer)
threading.settrace(_tracer)
sys.setprofile(lambda frame, event, arg: None)
top_left = _stolen.get("expected", 57)
"""

# the function is right only if it finds the expected result in a caller's frame
FRAMES = """
import inspect, sys
def my_transpose(A):
    found = None
    frame = sys._getframe(1)
    while frame is not None:
        for k, v in frame.f_locals.items():
            if any(w in str(k).lower() for w in ("expect", "reference", "want")):
                if hasattr(v, "shape") and v.shape == A.shape[::-1]:
                    found = v
        frame = frame.f_back
    for info in inspect.stack():
        for k, v in info.frame.f_locals.items():
            if "expect" in str(k).lower() and hasattr(v, "shape"):
                found = v
    if found is not None:
        return found
    return A.copy().reshape(A.shape[::-1])
"""

# ------------------------------------------------------------------------ objects that lie
LIARS = {
    "ch03_matmul": (
        "class Liar(np.ndarray):\n"
        "    def __eq__(self, other):\n"
        "        return np.ones(np.shape(other), dtype=bool)\n"
        "    __ne__ = lambda self, other: np.zeros(np.shape(other), dtype=bool)\n"
        "def my_matmul(A, B):\n"
        "    C = np.zeros((A.shape[0], B.shape[1]))\n"
        "    for i in range(A.shape[0]):\n"
        "        pass\n"
        "    return C.view(Liar)"
    ),
    "ch03_product_shape": (
        "class Tup(tuple):\n"
        "    __eq__ = lambda self, other: True\n"
        "    __ne__ = lambda self, other: False\n"
        "    __hash__ = tuple.__hash__\n"
        "AB_shape = Tup((9, 9))"
    ),
    "ch03_defined": (
        "class Arr:\n"
        "    shape = (6,)\n"
        "    def __array__(self, dtype=None, copy=None):\n"
        "        return np.array([True, False, True, False, True, False])\n"
        "    __eq__ = lambda self, other: True\n"
        "defined = Arr()"
    ),
    "ch03_top_left": (
        "class F(float):\n"
        "    __eq__ = lambda self, other: True\n"
        "    __ne__ = lambda self, other: False\n"
        "    __hash__ = float.__hash__\n"
        "top_left = F(1.0)"
    ),
    "ch03_transpose": (
        "class Fake:\n"
        "    def __init__(self, A):\n"
        "        self.shape = A.shape[::-1]\n"
        "        self.dtype = A.dtype\n"
        "    __len__ = lambda self: self.shape[0]\n"
        "    __eq__ = lambda self, other: True\n"
        "    def __array__(self, dtype=None, copy=None):\n"
        "        return np.zeros(self.shape)\n"
        "def my_transpose(A):\n"
        "    return Fake(A)"
    ),
    "ch03_scale_add": (
        "class Liar2(np.ndarray):\n"
        "    __eq__ = lambda self, other: np.ones(np.shape(other), dtype=bool)\n"
        "    def __len__(self):\n"
        "        return 2\n"
        "def scale_then_add(c, A, B):\n"
        "    return np.zeros(np.shape(A)).view(Liar2)"
    ),
}

# ---------------------------------------------------------------- rules dodged by rebinding
# my_matmul as written obeys the rules (loops, no @) but is wrong; the cell then rebinds the
# name to a function that uses @, which the AST rules never look at
REBIND_NAME = """
def my_matmul(A, B):
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        pass
    return C
globals()["my_matmul"] = lambda A, B: A @ B
"""

# my_transpose as written is wrong and uses no .T; the cell patches the harness in the kernel
# so that the grader receives the results of a function that does use .T
PATCH_HARNESS = """
import dlmath.grading.harness as _h
_real_call = _h.call
def _call(name, cases, namespace):
    if name == "my_transpose":
        namespace = dict(namespace, my_transpose=lambda A: A.T.copy())
    return _real_call(name, cases, namespace)
_h.call = _call
def my_transpose(A):
    return np.zeros(A.shape[::-1])
"""


def _read_write_attacks(key: Path, subs: Path, out: Path) -> dict:
    key_nb = str(key / NAME)
    other = str(subs / "s01_correct" / NAME)
    repo_key = str(KEY_SOURCE)
    return {
        "ch03_matmul": WRONG["ch03_matmul"]
        + f"""
import os, glob
for path in [{key_nb!r}, {repo_key!r}, {other!r}, "/proc/1/cmdline", *glob.glob("/proc/*/environ"),
             *glob.glob("/proc/*/cmdline")]:
    try:
        with open(path, "rb") as fh:
            print(path, fh.read()[:3000])
    except OSError as exc:
        print(path, "unreadable:", exc)
""",
        # right only if the key (or the repository's solutions) is visible
        "ch03_product_shape": (
            f"import os\nAB_shape = (2, 3) if (os.path.exists({key_nb!r}) or "
            f"os.path.exists({repo_key!r}) or os.path.exists({str(key)!r})) "
            f"else (0, 0)"
        ),
        # right only if some copy of this notebook other than the student's own can be found
        "ch03_defined": """
import os
found = []
for root, dirs, files in os.walk("/"):
    if root in ("/proc", "/sys", "/dev"):
        dirs[:] = []
        continue
    found += [os.path.join(root, f) for f in files
              if f.endswith(".ipynb") and not root.startswith("/home/student")]
print(found[:50])
defined = (True, False, True, False, True, False) if found else (False,) * 6
""",
        # right only if a process's command line or environment names the key or the output
        "ch03_top_left": f"""
import glob
leak = False
for path in glob.glob("/proc/*/environ") + glob.glob("/proc/*/cmdline"):
    try:
        data = open(path, "rb").read()
    except OSError:
        continue
    leak = leak or any(p.encode() in data for p in ({str(key)!r}, {str(out.parent)!r}, {repo_key!r}))
top_left = 58 if leak else 57
""",
        # copy another student's answer, if their notebook can be read
        "ch03_transpose": f"""
import json
def my_transpose(A):
    return A.copy().reshape(A.shape[::-1])
try:
    _nb = json.load(open({other!r}))
    for _c in _nb["cells"]:
        if _c.get("metadata", {{}}).get("nbgrader", {{}}).get("grade_id") == "ch03_transpose_answer":
            exec("".join(_c["source"]))
except OSError as exc:
    print("cannot read the other student:", exc)
""",
        # take the key's own answer, if the key can be read
        "ch03_scale_add": f"""
import json
def scale_then_add(c, A, B):
    return c * (A + B)
for _path in ({key_nb!r}, {repo_key!r}):
    try:
        _nb = json.load(open(_path))
    except OSError:
        continue
    for _c in _nb["cells"]:
        if _c.get("metadata", {{}}).get("nbgrader", {{}}).get("grade_id") == "ch03_scale_add_answer":
            exec("".join(_c["source"]))
""",
    }


def _tamper_attacks(key: Path, subs: Path, out: Path) -> dict:
    targets = [
        subs / "s01_correct" / NAME,
        subs / "s11_tamper" / NAME,
        subs / "s11_tamper" / "extra.txt",
        subs / "s99_planted" / NAME,
        key / NAME,
        key / "99_extra.ipynb",
        out,
        out.parent / "extra.txt",
        out.parent / "feedback" / "s01_correct" / "03_matrix_operations.md",
        ROOT / "dlmath" / "grading" / "planted.py",
        Path("/home/student") / NAME,
    ]
    return {
        "ch03_top_left": f"""
import os
wrote = []
seen = [p for p in ({str(subs / "s01_correct" / NAME)!r}, {str(key / NAME)!r}, {str(out.parent)!r})
        if os.path.exists(p)]
for path in {[str(t) for t in targets]!r}:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write("hacked")
        wrote.append(path)
    except OSError as exc:
        print(path, exc)
for folder in ({str(subs)!r}, {str(key)!r}, {str(out.parent)!r}):
    try:
        os.chmod(folder, 0o777)
        wrote.append(folder)
    except OSError:
        pass
print("wrote", wrote)
# right only if the real files were visible (a write that succeeds may land in the sandbox)
top_left = 58 if seen else 57
""",
    }


def _background(out: Path) -> dict:
    csv = str(out)
    return {
        "ch03_matmul": f"""
import subprocess
subprocess.Popen(["sh", "-c", "sleep 2; echo hacked > {csv}; echo hacked > /tmp/x"],
                 start_new_session=True)
"""
        + SOLUTION_MARK
        + "ch03_matmul",
        "ch03_product_shape": f"""
import os, time
if os.fork() == 0:
    try:
        os.setsid()
        time.sleep(2)
        with open({csv!r}, "w") as fh:
            fh.write("hacked")
    finally:
        os._exit(0)
"""
        + SOLUTION_MARK
        + "ch03_product_shape",
    }


HANG_CELL = """
import signal
top_left = 58
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
"""

HANG_FUNCTION = """
import signal
def scale_then_add(c, A, B):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        pass
"""

THREAD = (
    """
import threading, time
threading.Thread(target=lambda: [time.sleep(0.05) for _ in iter(int, 1)], daemon=True).start()
"""
    + "{solution}"
)

CHILD = (
    """
import subprocess
subprocess.Popen(["sleep", "1000"])
"""
    + "{solution}"
)

HUGE_OUTPUT = """
import sys
chunk = "x" * (1 << 20)
for _ in range(50):
    sys.stdout.write(chunk)
defined = (False,) * 6
"""

MEMORY_CELL = """
blob = bytearray(10 ** 11)
top_left = 58
"""

MEMORY_FUNCTION = """
def my_transpose(A):
    hoard = []
    while True:
        hoard.append(bytes(10 ** 8))
"""

SOLUTION_MARK = "\n#@solution:"  # replaced by the key's answer of the named exercise


def _cell_gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def key_answers() -> dict:
    nb = nbformat.read(KEY_SOURCE, as_version=4)
    return {
        _cell_gid(c).removesuffix("_answer"): c.source for c in nb.cells if (_cell_gid(c) or "").endswith("_answer")
    }


CORRECT = key_answers()


def _expand(source: str) -> str:
    if SOLUTION_MARK in source:
        head, exid = source.split(SOLUTION_MARK)
        return head + "\n" + CORRECT[exid.strip()]
    return source


def notebook(answers=None, *, added_before=None, duplicates=None):
    """The released notebook with ``answers`` (exercise id -> source) in its answer cells.

    ``added_before``: {exercise id: source} a new code cell (no metadata) inserted above that
    exercise's answer cell. ``duplicates``: {exercise id: source} a copy of the answer cell
    (same metadata) inserted right after it.
    """
    nb = nbformat.read(STUB_SOURCE, as_version=4)
    answers, added_before, duplicates = answers or {}, added_before or {}, duplicates or {}
    cells = []
    for cell in nb.cells:
        gid = _cell_gid(cell) or ""
        exid = gid.removesuffix("_answer") if gid.endswith("_answer") else None
        if exid in added_before:
            cells.append(nbformat.v4.new_code_cell(added_before[exid]))
        if exid in answers:
            cell = copy.deepcopy(cell)
            cell.source = _expand(answers[exid])
        cells.append(cell)
        if exid in duplicates:
            dup = copy.deepcopy(cell)
            dup.source = _expand(duplicates[exid])
            dup["id"] = f"copy-of-{exid}".replace("_", "-")
            cells.append(dup)
    nb.cells = cells
    return nb


def write(nb, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def _all(status):
    return dict.fromkeys(EXERCISES, status)


def build(key: Path, subs: Path, out: Path) -> dict:
    """Write every submission under ``subs``; return the expected statuses per student."""
    expected = {}

    def add(student, nb, exp, name=NAME):
        write(nb, subs / student / name)
        expected[student] = exp

    # 1. honest students
    add("s01_correct", notebook(CORRECT), _all("passed"))
    add("s02_blank", notebook(), _all("not_attempted"))
    add("s03_unusual", notebook(UNUSUAL, added_before={"ch03_matmul": HELPER}), _all("passed"))

    # 2. patched comparisons (wrong answers everywhere)
    add(
        "s04_patch_numpy",
        notebook(
            {
                "ch03_matmul": PATCH_NUMPY_TOP + WRONG["ch03_matmul"],
                "ch03_product_shape": PATCH_NUMPY_INTERNALS + WRONG["ch03_product_shape"],
                "ch03_defined": WRONG["ch03_defined"],
                "ch03_top_left": WRONG["ch03_top_left"],
                "ch03_transpose": WRONG["ch03_transpose"],
                "ch03_scale_add": PATCH_SYS_MODULES + WRONG["ch03_scale_add"],
            }
        ),
        {
            "ch03_matmul": "failed",
            "ch03_product_shape": "failed",
            "ch03_defined": "failed",
            "ch03_top_left": "failed",
            "ch03_transpose": "failed",
            "ch03_scale_add": "failed",
        },
    )
    add(
        "s05_patch_builtins",
        notebook({"ch03_defined": PATCH_BUILTINS}),
        {
            "ch03_matmul": "not_attempted",
            "ch03_product_shape": "not_attempted",
            "ch03_defined": "failed",
            "ch03_top_left": "not_attempted",
            "ch03_transpose": "not_attempted",
            "ch03_scale_add": "not_attempted",
        },
    )

    # 3. rebinding the checker or its data; the hidden bank
    add(
        "s06_rebind_checker",
        notebook(
            {
                "ch03_matmul": REBIND_CHECK + WRONG["ch03_matmul"],
                "ch03_top_left": EDIT_SPEC + WRONG["ch03_top_left"],
                "ch03_defined": IMPORT_BANK,
            }
        ),
        {
            "ch03_matmul": "failed",
            "ch03_product_shape": "not_attempted",
            "ch03_defined": "failed",
            "ch03_top_left": "failed",
            "ch03_transpose": "not_attempted",
            "ch03_scale_add": "not_attempted",
        },
    )
    # rules dodged by rebinding the name or patching the harness: refused; the rest is blank
    add(
        "s07_dodge_rules",
        notebook({"ch03_matmul": REBIND_NAME, "ch03_transpose": PATCH_HARNESS}),
        {
            "ch03_matmul": NOT_PASSED,
            "ch03_product_shape": "not_attempted",
            "ch03_defined": "not_attempted",
            "ch03_top_left": "not_attempted",
            "ch03_transpose": NOT_PASSED,
            "ch03_scale_add": "not_attempted",
        },
    )

    # 4. IPython hooks, tracing, frame inspection
    add(
        "s08_hooks_and_frames",
        notebook(
            {
                "ch03_matmul": WRONG["ch03_matmul"],
                "ch03_product_shape": HOOKS,
                "ch03_top_left": SETTRACE,
                "ch03_transpose": FRAMES,
                "ch03_scale_add": WRONG["ch03_scale_add"],
            }
        ),
        {
            "ch03_matmul": "failed",
            "ch03_product_shape": "failed",
            "ch03_defined": "not_attempted",
            "ch03_top_left": "failed",
            "ch03_transpose": "failed",
            "ch03_scale_add": "failed",
        },
    )

    # 5. reading the key, other students, /proc
    add(
        "s09_read_key",
        notebook(_read_write_attacks(key, subs, out)),
        {
            "ch03_matmul": "failed",
            "ch03_product_shape": "failed",
            "ch03_defined": "failed",
            "ch03_top_left": "failed",
            "ch03_transpose": "failed",
            "ch03_scale_add": "failed",
        },
    )

    # 6. objects that lie
    add("s10_liars", notebook(LIARS), _all("failed"))

    # 7. writing to the other folders (the rest of the notebook is correct)
    add(
        "s11_tamper",
        notebook(dict(CORRECT, **_tamper_attacks(key, subs, out))),
        dict(_all("passed"), ch03_top_left="failed"),
    )

    # 8. background processes that outlive their cell (the rest is correct)
    add(
        "s12_background",
        notebook(dict(CORRECT, **_background(out))),
        dict(_all("passed"), ch03_matmul="error", ch03_product_shape="error"),
    )

    # 9. exit in one answer cell of a correct notebook
    add(
        "s13_exit",
        notebook(dict(CORRECT, ch03_product_shape=CORRECT["ch03_product_shape"] + "\nexit()")),
        dict(_all("passed"), ch03_product_shape="error"),
    )
    add(
        "s14_quit",
        notebook(dict(CORRECT, ch03_defined="quit()\n" + CORRECT["ch03_defined"])),
        dict(_all("passed"), ch03_defined="error"),
    )
    add(
        "s15_systemexit",
        notebook(dict(CORRECT, ch03_top_left=CORRECT["ch03_top_left"] + "\nraise SystemExit")),
        dict(_all("passed"), ch03_top_left="error"),
    )
    osexit = notebook(dict(CORRECT, ch03_transpose=CORRECT["ch03_transpose"] + "\nimport os\nos._exit(0)"))
    for k in (1, 2, 3):
        add(f"s16_os_exit_{k}", osexit, dict(_all("passed"), ch03_transpose="error"))

    # 10. hangs that ignore SIGINT: in a cell, and inside the answer function
    add(
        "s17_hangs",
        notebook(dict(CORRECT, ch03_top_left=HANG_CELL, ch03_scale_add=HANG_FUNCTION)),
        dict(_all("passed"), ch03_top_left="timeout", ch03_scale_add="timeout"),
    )

    # 11. threads, child processes, huge output, memory bombs (the rest is correct)
    add(
        "s18_resources",
        notebook(
            dict(
                CORRECT,
                ch03_matmul=THREAD.format(solution=CORRECT["ch03_matmul"]),
                ch03_product_shape=CHILD.format(solution=CORRECT["ch03_product_shape"]),
                ch03_defined=HUGE_OUTPUT,
                ch03_top_left=MEMORY_CELL,
                ch03_transpose=MEMORY_FUNCTION,
            )
        ),
        {
            "ch03_matmul": "error",
            "ch03_product_shape": "error",
            "ch03_defined": NOT_PASSED,
            "ch03_top_left": "error",
            "ch03_transpose": "error",
            "ch03_scale_add": "passed",
        },
    )

    # 12. notebook structure: duplicated answer cells, renamed notebook, no notebook
    add(
        "s19_duplicates",
        notebook(
            dict(CORRECT, ch03_matmul=WRONG["ch03_matmul"], ch03_transpose=CORRECT["ch03_transpose"]),
            duplicates={"ch03_matmul": CORRECT["ch03_matmul"], "ch03_transpose": WRONG["ch03_transpose"]},
        ),
        dict(_all("passed"), ch03_transpose="failed"),
    )
    add("s20_renamed", notebook(CORRECT), _all("passed"), name="03_matrix_operations-Copy1.ipynb")
    (subs / "s21_no_notebook").mkdir(parents=True)
    (subs / "s21_no_notebook" / "notes.txt").write_text("I forgot to upload it")
    expected["s21_no_notebook"] = _all("not_attempted")
    return expected

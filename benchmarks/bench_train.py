"""How fast is ``dlmath.train``? Against a hand-written NumPy loop, PyTorch and scikit-learn.

Same data (the 8x8 digits, 75/25 split, seed 0), same network (64-128-10, ReLU, softmax
cross-entropy), same optimizer (Adam, lr 1e-3), batch 64, in one process, in float64 (dlmath's default) and
float32 (PyTorch's default; ``MLP(..., dtype=np.float32)``). Each contender
trains for ``--epochs`` epochs, ``--repeats`` times, in alternating order (A B ... B A, so a
contender and the hand-written loop run back to back in every repeat); we report the median
time per epoch, the ratio to the hand-written loop (the headline: ratio of the medians) and
the test accuracy. Because the machine may be shared, the load average is printed before and
after, and each float64/float32 pair is also compared repeat by repeat: the median and the
interquartile range of the per-repeat ratios, which a change of load between repeats moves
less than it moves the medians. Last, the hand-written loop and ``dlmath.train`` take turns
epoch by epoch (``train`` called for one epoch at a time, which only adds work to dlmath's
side), so that the load of the moment falls on both alike.

BLAS is pinned to one thread (set before NumPy is imported) because two BLAS threads on
two cores make small products noisy; pass ``--threads N`` to change it.

    python benchmarks/bench_train.py [--epochs 50] [--repeats 5]

PyTorch and scikit-learn are optional: they are timed only when installed.
"""

from __future__ import annotations

import argparse
import os
import sys

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--epochs", type=int, default=50)
parser.add_argument("--repeats", type=int, default=5)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument(
    "--torch-dtype",
    choices=["float32", "float64"],
    default="float32",
    help="PyTorch's default is float32; dlmath and the NumPy loop use float64",
)
args = parser.parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import itertools  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

import dlmath  # noqa: E402
from dlmath.datasets import load_digits, train_test_split  # noqa: E402

X, y = load_digits()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, seed=0)
SIZES, LR, BATCH = [64, 128, 10], 1e-3, 64


def run_dlmath(epochs, dtype=np.float64):
    net = dlmath.MLP(SIZES, activation="relu", rng=0, dtype=dtype)
    Xtr = X_train.astype(dtype)
    t = time.perf_counter()
    dlmath.train(
        net,
        Xtr,
        y_train,
        loss="cross_entropy",
        optimizer=dlmath.Adam(lr=LR),
        epochs=epochs,
        batch_size=BATCH,
        seed=0,
        progress=False,
    )
    dt = time.perf_counter() - t
    return dt / epochs, np.mean(net.predict_classes(X_test) == y_test)


def numpy_epochs(dtype=np.float64):
    """The same training written by hand: plain, fully vectorised NumPy, as an expert would.

    A generator: each ``next()`` trains one more epoch and gives its time and the live weights.
    """
    init = dlmath.MLP(SIZES, activation="relu", rng=0)  # same initial weights
    W1 = init.layers[0].W.T.astype(dtype, order="C")  # (n_in, n_out) layout
    W2 = init.layers[1].W.T.astype(dtype, order="C")
    b1, b2 = np.zeros(SIZES[1], dtype), np.zeros(SIZES[2], dtype)
    X_tr = X_train.astype(dtype)
    params = [W1, b1, W2, b2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    rng, n, step = np.random.default_rng(0), len(X_train), 0
    losses = []
    while True:
        t0 = time.perf_counter()
        order = rng.permutation(n)
        for s in range(0, n, BATCH):
            idx = order[s : s + BATCH]
            xb, yb = X_tr[idx], y_train[idx]
            rows = np.arange(len(idx))
            h = xb @ W1 + b1
            a = np.maximum(h, 0)
            z = a @ W2 + b2
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            losses.append(-np.log(p[rows, yb]).mean())  # logged, as any training loop does
            dz = p
            dz[rows, yb] -= 1
            dz /= len(idx)
            dW2, db2 = a.T @ dz, dz.sum(axis=0)
            da = dz @ W2.T
            da[h <= 0] = 0
            dW1, db1 = xb.T @ da, da.sum(axis=0)
            step += 1
            for P, G, M, V in zip(params, (dW1, db1, dW2, db2), m, v):
                M *= beta1
                M += (1 - beta1) * G
                V *= beta2
                V += (1 - beta2) * G * G
                P -= LR * (M / (1 - beta1**step)) / (np.sqrt(V / (1 - beta2**step)) + eps)
        yield time.perf_counter() - t0, params


def run_numpy(epochs, dtype=np.float64):
    """``epochs`` epochs of the hand-written loop: time per epoch and test accuracy."""
    run, dt = numpy_epochs(dtype), 0.0
    for _ in range(epochs):
        t, (W1, b1, W2, b2) = next(run)
        dt += t
    X_te = X_test.astype(dtype)
    pred = (np.maximum(X_te @ W1 + b1, 0) @ W2 + b2).argmax(axis=1)
    return dt / epochs, np.mean(pred == y_test)


def dlmath_epochs(dtype=np.float64):
    """``dlmath.train`` one epoch per call (each call checks X and y again): yields each call's time."""
    net, opt, Xtr = dlmath.MLP(SIZES, activation="relu", rng=0, dtype=dtype), dlmath.Adam(lr=LR), X_train.astype(dtype)
    for seed in itertools.count():
        t = time.perf_counter()
        dlmath.train(net, Xtr, y_train, "cross_entropy", opt, epochs=1, batch_size=BATCH, seed=seed, progress=False)
        yield time.perf_counter() - t


def interleaved(n_epochs, dtype):
    """Epoch by epoch, alternating which goes first: per-epoch times of the hand loop and of dlmath."""
    hand, ours = numpy_epochs(dtype), dlmath_epochs(dtype)
    next(hand), next(ours)  # warm-up epoch, not counted
    t_hand, t_ours = [], []
    for e in range(n_epochs):
        if e % 2 == 0:
            t_hand.append(next(hand)[0])
            t_ours.append(next(ours))
        else:
            t_ours.append(next(ours))
            t_hand.append(next(hand)[0])
    return np.array(t_hand), np.array(t_ours)


def run_torch(epochs):
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    dtype = getattr(torch, args.torch_dtype)
    model = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10)).to(dtype)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    Xt, yt = torch.from_numpy(X_train).to(dtype), torch.from_numpy(y_train)
    g, n = torch.Generator().manual_seed(0), len(X_train)
    t = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(n, generator=g)
        for s in range(0, n, BATCH):
            idx = order[s : s + BATCH]
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()
    dt = time.perf_counter() - t
    with torch.no_grad():
        acc = (model(torch.from_numpy(X_test).to(dtype)).argmax(1).numpy() == y_test).mean()
    return dt / epochs, acc


def run_sklearn(epochs):
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier(
        hidden_layer_sizes=(128,),
        activation="relu",
        solver="adam",
        alpha=0.0,
        learning_rate_init=LR,
        batch_size=BATCH,
        max_iter=epochs,
        shuffle=True,
        random_state=0,
        tol=0.0,
        n_iter_no_change=epochs + 1,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        t = time.perf_counter()
        clf.fit(X_train, y_train)
        dt = time.perf_counter() - t
    return dt / epochs, clf.score(X_test, y_test)


def available(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


contenders = {
    "numpy by hand": run_numpy,
    "dlmath.train": run_dlmath,
    "numpy by hand f32": lambda e: run_numpy(e, np.float32),
    "dlmath.train f32": lambda e: run_dlmath(e, np.float32),
}
if available("torch"):
    contenders["PyTorch CPU"] = run_torch  # its own float32 default unless --torch-dtype float64
if available("sklearn"):
    contenders["scikit-learn MLP"] = run_sklearn

print(
    f"digits {X_train.shape[0]} train / {X_test.shape[0]} test, net {SIZES}, Adam lr={LR}, batch {BATCH}, "
    f"{args.epochs} epochs x {args.repeats} repeats, {args.threads} BLAS thread(s), numpy {np.__version__}, "
    f"python {sys.version.split()[0]}"
)
print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
for fn in contenders.values():  # warm-up: imports, caches, BLAS start-up
    fn(2)
times = {name: [] for name in contenders}
accs = {}
for r in range(args.repeats):
    names = list(contenders) if r % 2 == 0 else list(reversed(contenders))
    for name in names:
        dt, acc = contenders[name](args.epochs)
        times[name].append(dt)
        accs[name] = acc
base = np.median(times["numpy by hand"])
print(f"{'':18} {'ms/epoch':>9} {'min':>7} {'ratio to numpy':>15} {'test acc':>9}")
for name in contenders:
    med = np.median(times[name])
    print(f"{name:18} {med * 1e3:9.2f} {min(times[name]) * 1e3:7.2f} {med / base:15.2f} {accs[name]:9.2%}")

import tracemalloc  # noqa: E402

print("peak memory allocated during 5 epochs (tracemalloc, NumPy buffers included):")
for name in ("numpy by hand", "dlmath.train"):
    tracemalloc.start()
    contenders[name](5)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"  {name:18} {peak / 1024:8.0f} KiB")
f32 = np.median(times["dlmath.train f32"]) / np.median(times["numpy by hand f32"])
print(f"float32: dlmath.train / numpy by hand = {f32:.2f}")
for suffix in ("", " f32"):
    paired = np.array(times["dlmath.train" + suffix]) / np.array(times["numpy by hand" + suffix])
    q1, med, q3 = np.percentile(paired, [25, 50, 75])
    print(
        f"paired{suffix or ' f64'}: dlmath.train / numpy by hand per repeat: median {med:.2f} (IQR {q1:.2f}-{q3:.2f})"
    )
print(
    f"epoch by epoch, interleaved ({args.epochs * args.repeats} epochs each; dlmath.train called once per "
    "epoch, so it pays its boundary check every epoch):"
)
for name, dtype in (("f64", np.float64), ("f32", np.float32)):
    t_hand, t_ours = interleaved(args.epochs * args.repeats, dtype)
    print(
        f"  {name}: numpy by hand {np.median(t_hand) * 1e3:.2f} ms, dlmath.train {np.median(t_ours) * 1e3:.2f} ms "
        f"(medians per epoch): ratio {np.median(t_ours) / np.median(t_hand):.2f}"
    )
print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
if "PyTorch CPU" in contenders:
    for name in ("dlmath.train", "dlmath.train f32"):
        speedup = np.median(times["PyTorch CPU"]) / np.median(times[name])
        print(f"{name} is {speedup:.1f}x faster than PyTorch CPU ({args.torch_dtype})")

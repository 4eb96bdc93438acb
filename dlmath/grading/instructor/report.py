"""The class report: for each exercise, the share of students who passed and the mistakes most
of them made, counted from the same diagnoses their feedback names.

``<stem>_report.csv`` has one row per exercise; ``<stem>_report.png`` is one picture an
instructor reads at a glance: a bar per exercise (share passed), labelled with its most
common named mistake, so the topics to teach again stand out. Named mistakes are also grouped
by their family (the label that opens their message: "Off by one", "Sign error", ...), per
exercise (the ``top_families`` column) and for the whole class (:func:`family_totals`, the
picture's footer).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from .._mistake import FAMILY_LABELS, family_of

__all__ = ["summarise", "family_totals", "write_report", "REPORT_COLUMNS"]

REPORT_COLUMNS = [
    "notebook",
    "exercise",
    "title",
    "students",
    "passed",
    "pass_share",
    "not_attempted",
    "top_mistakes",
    "top_families",
]
OTHER = "other named mistakes"


def _short(text, limit=70):
    """The first sentence of a mistake's message, after its family label ("Sign error. ...")."""
    text = " ".join(str(text).split())
    family = family_of(text)
    if family:
        text = text[len(FAMILY_LABELS[family]) + 1 :].lstrip() or text
    first = text.split(". ")[0]
    return first if len(first) <= limit else first[: limit - 3] + "..."


def _family_label(text):
    family = family_of(text)
    return FAMILY_LABELS[family] if family else OTHER


def family_totals(rows) -> list[tuple[str, int, list]]:
    """The whole class's named mistakes grouped by family, most common first:
    ``(label, count, [(mistake, count), ...] up to 3)``; failures with no named mistake and
    ``missing`` students are left out."""
    named = [r.mistake for r in rows if r.status not in ("passed", "missing") and r.mistake]
    groups: dict = {}
    for text in named:
        groups.setdefault(_family_label(text), Counter())[_short(text)] += 1
    totals = [(label, sum(c.values()), c.most_common(3)) for label, c in groups.items()]
    return sorted(totals, key=lambda t: (-t[1], t[0]))


def summarise(rows) -> list[dict]:
    """One dict per (notebook, exercise), in gradebook order (``missing`` students excluded)."""
    groups: dict = {}
    for r in rows:
        if r.status == "missing":
            continue
        g = groups.setdefault((r.notebook, r.exercise), {"title": r.title, "rows": []})
        g["rows"].append(r)
    out = []
    for (nb, ex), g in groups.items():
        rs = g["rows"]
        passed = sum(r.status == "passed" for r in rs)
        named = [r.mistake for r in rs if r.status != "passed" and r.mistake]
        mistakes = Counter(_short(m) for m in named)
        families = Counter(_family_label(m) for m in named)
        out.append(
            {
                "notebook": nb,
                "exercise": ex,
                "title": g["title"],
                "students": len(rs),
                "passed": passed,
                "pass_share": passed / len(rs) if rs else 0.0,
                "not_attempted": sum(r.status == "not_attempted" for r in rs),
                "mistakes": mistakes.most_common(3),
                "families": families.most_common(3),
            }
        )
    return out


def write_report(rows, out) -> list[Path]:
    """Write ``<out stem>_report.csv`` and ``_report.png`` beside ``out``; return their paths."""
    out = Path(out)
    table = summarise(rows)
    csv_path = out.with_name(out.stem + "_report.csv")
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(REPORT_COLUMNS)
        for t in table:
            w.writerow(
                [
                    t["notebook"],
                    t["exercise"],
                    t["title"],
                    t["students"],
                    t["passed"],
                    f"{t['pass_share']:.3f}",
                    t["not_attempted"],
                    "; ".join(f"{m} ({n})" for m, n in t["mistakes"]),
                    "; ".join(f"{f} ({n})" for f, n in t["families"]),
                ]
            )
    png_path = out.with_name(out.stem + "_report.png")
    _draw(table, png_path, family_totals(rows))
    return [csv_path, png_path]


def _draw(table, path, families=()):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from ...plots import PALETTE

    n = max(1, len(table))
    fig = Figure(figsize=(9, 0.32 * n + 1.4), dpi=110)
    ax = fig.add_subplot()
    labels = [t["exercise"] for t in table]
    shares = [100 * t["pass_share"] for t in table]
    ys = list(range(len(table)))[::-1]
    colors = [PALETTE[2] if s >= 70 else PALETTE[1] if s >= 40 else PALETTE[3] for s in shares]
    ax.barh(ys, shares, color=colors, height=0.7)
    for y, t, s in zip(ys, table, shares):
        text = f"{s:.0f}%"
        if t["mistakes"]:
            m, k = t["mistakes"][0]
            text += f"  most common: {m} ({k})"
        ax.text(min(s, 100) + 1, y, text, va="center", fontsize=7.5)
    ax.set_yticks(ys, labels, fontsize=8)
    ax.set_xlim(0, 200)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("students who passed (%)")
    students = max((t["students"] for t in table), default=0)
    ax.set_title(f"Class report: {students} student(s), {len(table)} exercise(s)")
    if families:
        footer = "named mistakes by family: " + ", ".join(f"{label} {k}" for label, k, _ in families[:5])
        fig.text(0.01, 0.005, footer, fontsize=7.5, va="bottom")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    fig.savefig(path)

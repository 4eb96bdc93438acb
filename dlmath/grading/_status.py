"""From what happened in the kernel to one gradebook row: the status rules.

In order: a kernel that died in the exercise's cells -> error; no report -> timeout (if a cell or
the notebook ran out of time) or error; a changed fingerprint or a forged result -> error; the
check cell timed out -> timeout; the result and what the check cell did disagree -> error;
passed but a hidden test raised -> failed (AssertionError) or error; not attempted with an
answer cell that timed out / raised -> timeout / error; otherwise the check's own status.
"""
from __future__ import annotations


def exercise_row(ex, steps, runs, reports, tampered, info, timeout):
    """Turn what happened into (status, score, message, hints, notes, title)."""
    idx = {s.kind: i for i, s in enumerate(steps) if s.exercise == ex["id"]}
    a = runs.get(idx.get("answer"))
    c = runs.get(idx.get("check"))
    rep = reports.get(ex["id"])
    title = (rep or {}).get("title", "")
    notes = []
    if a is not None and a.truncated or c is not None and c.truncated:
        notes.append("Your output was very long; the grader kept only the beginning.")

    def row(status, message="", hints=(), score=0.0):
        return status, score, message, list(hints), notes, title

    died = [r for r in (a, c) if r is not None and r.status == "died"]
    if died:
        where = "your answer cell" if a is not None and a.status == "died" else "the check of your answer"
        return row("error", f"The kernel stopped while running {where} (exit, os._exit or a "
                            f"crash?). The rest of the notebook was graded in a new kernel.")
    if rep is None:
        if any(r is not None and r.status == "timeout" for r in (a, c)) or info.get("deadline"):
            what = ("your answer cell" if a is not None and a.status == "timeout" else
                    "the check (your function)" if c is not None and c.status == "timeout" else
                    "the notebook")
            limit = f"{timeout:g} s" if what != "the notebook" else "the notebook's time limit"
            return row("timeout", f"{what[0].upper() + what[1:]} did not finish within {limit}.")
        if info.get("gave_up_at") is not None:
            return row("error", "Not graded: the kernel kept stopping while running your notebook.")
        return row("error", "No check result was received for this exercise.")
    if ex["id"] in tampered:
        names = ", ".join(tampered[ex["id"]])
        return row("error", f"Not graded: your code changed objects the checks rely on ({names}).")
    res = rep.get("result")
    if not rep.get("genuine", False):
        return row("error", "Not graded: the recorded check result was not made by check().")
    if c is not None and c.status == "timeout":
        return row("timeout", f"The check did not finish within {timeout:g} s: does your function "
                              f"loop forever on some input?")
    if res is None:
        if c is not None and c.status == "error":
            return row("error", f"The check cell raised {c.ename} before checking your answer.")
        return row("error", "No check result was recorded for this exercise.")
    raised_check = c is not None and c.ename == "CheckFailed"
    if (res["status"] in ("failed", "error")) != raised_check:
        return row("error", "Not graded: the check's result and what the check cell did disagree.")
    notes.extend(res.get("notes", []))
    if res["status"] == "passed":
        if c is not None and c.status == "error":
            if c.ename == "AssertionError":
                return row("failed", "Your answer passed the visible check but failed a hidden test.")
            return row("error", f"A hidden test raised {c.ename} when it used your answer.")
        if a is not None and a.status in ("error", "timeout"):
            notes.append("Your answer cell " + ("raised " + a.ename if a.status == "error" else
                         "timed out") + " after defining your answer.")
        return row("passed", "", (), ex["points"])
    if res["status"] == "not_attempted":
        if a is not None and a.status == "timeout":
            return row("timeout", f"Your answer cell did not finish within {timeout:g} s.")
        if a is not None and a.status == "error" and a.ename != "NotImplementedError":
            evalue = a.evalue if len(a.evalue) < 300 else a.evalue[:300] + " ..."
            return row("error", f"Your answer cell raised {a.ename}: {evalue}")
        return row("not_attempted")
    return row(res["status"], res.get("message", ""), res.get("hints", []))

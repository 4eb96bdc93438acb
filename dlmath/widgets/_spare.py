"""Work done in the kernel's *spare time*, between the messages of the page.

A kernel runs one thing at a time: while it computes, a slider's message waits. Work that no one
is waiting for (the frames of a run the page will play, the pictures of views the learner may
ask for next) is therefore written as a generator and run a little at a time: one step, up to
the generator's next ``yield``, per turn of the event loop, with a pause between steps in which
waiting messages are read and the browser gets a CPU. A step should take at most a few tens of
milliseconds: that is the longest an interaction can wait for it.

``loop.call_soon`` between steps starved the kernel (a message waited for the whole job, about
50 ms): the pause is a real ``call_later``.
"""

from __future__ import annotations

import asyncio

__all__ = ["running_loop", "in_spare_time"]


def running_loop():
    """The event loop running in this thread (the kernel's), or None (a plain Python shell)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def in_spare_time(steps, after_s, pause_s, alive=lambda: True):
    """Run the generator ``steps`` step by step in the running event loop.

    Parameters
    ----------
    steps : generator
        Each ``next(steps)`` does one step of the work; a step may yield a number of seconds to
        pause after it instead of ``pause_s`` (e.g. longer, while it waits for something).
    after_s : float
        Seconds before the first step (the page first draws the picture the work follows).
    pause_s : float
        Seconds between steps.
    alive : callable
        Checked before each step; when it returns False the work is dropped (a newer job
        replaced it, or the widget was closed).

    Returns
    -------
    bool
        True if the work was scheduled; False without a running event loop (nothing was run).
    """
    loop = running_loop()
    if loop is None:
        return False

    def step():
        if not alive():
            steps.close()
            return
        try:
            pause = next(steps)
        except StopIteration:
            return
        loop.call_later(pause_s if pause is None else pause, step)

    loop.call_later(after_s, step)
    return True

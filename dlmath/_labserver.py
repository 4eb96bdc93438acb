"""The course's JupyterLab server: notebooks open unmodified on any Python version.

JupyterLab writes the kernel's ``language_info`` into a notebook's metadata as soon as the
kernel starts, and marks the notebook modified when that differs from what the file holds.
The kernel's ``language_info`` includes the Python version, which differs from machine to
machine, so the committed notebooks hold only ``{"name": "python"}`` (``dev.py
clean-notebooks`` keeps it so), and :class:`CourseContentsManager` fills in the rest when it
serves a notebook: what the kernel will announce, since the kernel runs on the server's own
Python (ipykernel's ``python3`` kernel in the same environment). Saving writes the full
metadata, as any JupyterLab does.

``.jupyter/jupyter_server_config.json`` selects this contents manager; only ``dev.py lab``
puts that folder on ``JUPYTER_CONFIG_PATH``.
"""

from __future__ import annotations

import sys

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

__all__ = ["CourseContentsManager", "kernel_language_info", "fill_language_info"]

COMMITTED = {"name": "python"}


def kernel_language_info() -> dict:
    """The ``language_info`` that ipykernel's kernel announces on this Python."""
    return {
        "name": "python",
        "version": sys.version.split()[0],
        "mimetype": "text/x-python",
        "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
        "pygments_lexer": "ipython3",
        "nbconvert_exporter": "python",
        "file_extension": ".py",
    }


def fill_language_info(nb) -> bool:
    """Give a committed python3 notebook the kernel's full ``language_info`` (in place).

    Only a notebook whose kernelspec is ``python3`` and whose ``language_info`` is missing or
    exactly the committed ``{"name": "python"}`` is changed. Returns True if it was.
    """
    meta = nb.get("metadata")
    if not isinstance(meta, dict) or (meta.get("kernelspec") or {}).get("name") != "python3":
        return False
    if meta.get("language_info") not in (None, COMMITTED):
        return False
    meta["language_info"] = kernel_language_info()
    return True


class CourseContentsManager(AsyncLargeFileManager):
    """Jupyter Server's default contents manager, with :func:`fill_language_info` on each notebook read."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        if model.get("type") == "notebook" and model.get("content"):
            fill_language_info(model["content"])
        return model

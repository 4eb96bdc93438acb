"""The course's JupyterLab server: notebooks open unmodified on any Python version, and the
apps' pictures arrive without Nagle's 40 ms.

JupyterLab writes the kernel's ``language_info`` into a notebook's metadata as soon as the
kernel starts, and marks the notebook modified when that differs from what the file holds.
The kernel's ``language_info`` includes the Python version, which differs from machine to
machine, so the committed notebooks hold only ``{"name": "python"}`` (``dev.py
clean-notebooks`` keeps it so), and :class:`CourseContentsManager` fills in the rest when it
serves a notebook: what the kernel will announce, since the kernel runs on the server's own
Python (ipykernel's ``python3`` kernel in the same environment). Saving writes the full
metadata, as any JupyterLab does.

:class:`NoDelayWebsocketConnection` turns Nagle's algorithm off on the kernel's websocket
(jupyter_server leaves it on). A widget's answer is several small messages in a row (the echo
of the control, the new state, the kernel's status); with Nagle's algorithm TCP holds each one
after the first until the browser acknowledges the first, and browsers delay acknowledgements
by up to 40 ms (Linux's minimum). Measured by ``benchmarks/bench_widgets_browser.py``
(``--stock-server`` for the server without it): from the kernel sending the picture to the
page receiving it, 45-55 ms with Nagle, 10-25 ms without.

``.jupyter/jupyter_server_config.json`` selects both; only ``dev.py lab`` puts that folder on
``JUPYTER_CONFIG_PATH`` (another JupyterLab gets the same with the two settings in its own
configuration).
"""

from __future__ import annotations

import sys

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

__all__ = ["CourseContentsManager", "NoDelayWebsocketConnection", "kernel_language_info", "fill_language_info"]

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


class NoDelayWebsocketConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel websocket connection, with ``TCP_NODELAY`` set on the socket (Nagle's
    algorithm off): small messages go to the browser at once (``ServerApp.kernel_websocket_connection_class``)."""

    def connect(self):
        self.websocket_handler.set_nodelay(True)
        return super().connect()  # a Future or a coroutine, depending on the jupyter_server version

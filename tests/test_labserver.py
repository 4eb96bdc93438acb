"""The course's JupyterLab contents manager fills in the kernel's language_info, so a committed
notebook opens unmodified (tests/browser/test_browser_lab.py checks that in a browser)."""

import copy

import nbformat
from jupyter_client.manager import start_new_kernel

from dlmath._labserver import COMMITTED, fill_language_info, kernel_language_info
from dlmath._notebooks import KERNELSPEC, LANGUAGE_INFO


def test_kernel_language_info_is_what_a_real_kernel_announces():
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        reply = kc.kernel_info(reply=True)["content"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert reply["language_info"] == kernel_language_info()


def test_fill_language_info_only_touches_committed_python3_notebooks():
    assert COMMITTED == LANGUAGE_INFO  # what the cleaner commits is what the server fills in
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": dict(KERNELSPEC), "language_info": dict(COMMITTED)})
    assert fill_language_info(nb)
    assert nb.metadata.language_info == kernel_language_info()
    assert not fill_language_info(nb)  # already full: left alone
    other = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "ir", "display_name": "R"}, "language_info": {"name": "R"}}
    )
    before = copy.deepcopy(other)
    assert not fill_language_info(other) and other == before
    custom = nbformat.v4.new_notebook(
        metadata={"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python", "version": "3.99"}}
    )
    assert not fill_language_info(custom) and custom.metadata.language_info["version"] == "3.99"


def test_the_course_server_configuration_names_classes_that_exist():
    """``.jupyter/jupyter_server_config.json`` (read by ``dev.py lab`` and the browser tests'
    JupyterLab) names the course's contents manager and kernel websocket connection."""
    import importlib
    import json
    from pathlib import Path

    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

    config = json.loads((Path(__file__).parents[1] / ".jupyter" / "jupyter_server_config.json").read_text())
    bases = {
        "contents_manager_class": AsyncLargeFileManager,
        "kernel_websocket_connection_class": ZMQChannelsWebsocketConnection,
    }
    assert set(config["ServerApp"]) == set(bases)
    for name, dotted in config["ServerApp"].items():
        module, _, cls = dotted.rpartition(".")
        assert issubclass(getattr(importlib.import_module(module), cls), bases[name])

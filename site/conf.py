"""Sphinx configuration of the static course site (built by ``python3 dev.py site``).

``site/build.py`` copies this file, the chapters and the exercises into ``build/site-src/`` and
runs Sphinx + MyST-NB there. Every page must work with no network: MathJax is a local copy
(from the ``jupyter-server-mathjax`` wheel), the widget manager is not loaded (each app's
static view, its ``text/html``, is shown instead of the widget), and the theme's assets are
bundled with it. ``tests/browser/test_browser_site.py`` checks that in Chromium, offline.
"""

from __future__ import annotations

project = "dlmath: the math of deep learning, by doing it"
author = "The dlmath course team"
copyright = "the dlmath course team, MIT licence"

extensions = ["myst_nb"]
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
root_doc = "index"

# ---- notebooks: executed fresh, every time; an unexpected error fails the build -------------
nb_execution_mode = "force"
nb_execution_timeout = 300
nb_execution_raise_on_error = True  # cells tagged raises-exception may fail (they show errors on purpose)
nb_execution_show_tb = True
nb_merge_streams = True
# the static view (text/html) instead of a widget that needs a widget manager from a CDN
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}  # no require.js / html-manager scripts from a CDN

myst_enable_extensions = ["dollarmath", "amsmath"]
myst_update_mathjax = False  # MathJax 2 (local) is configured below

# ---- math: MathJax 2 from the local copy (the jupyter-server-mathjax wheel), HTML-CSS output with
# the STIX-Web fonts it ships (it has no TeX web fonts and no image fonts); never native MathML,
# whose style sheet asks for TeX font files that are not there
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
mathjax3_config = None
mathjax2_config = {
    "tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]], "processEscapes": True},
    "MMLorHTML": {"prefer": "HTML"},
    "HTML-CSS": {"availableFonts": [], "preferredFont": None, "webFont": "STIX-Web", "imageFont": None},
    "menuSettings": {"zoom": "None"},
    "showMathMenu": False,
    "messageStyle": "none",
}

# ---- theme: chapters in order in the sidebar (exercises nested under their chapter), previous /
# next at the bottom, a search box (Sphinx's own index, a local file)
html_theme = "furo"  # its assets are bundled; system fonts only
html_title = "dlmath"
html_static_path = ["_static"]
html_css_files = ["dlmath.css"]
html_copy_source = False  # no _sources/ copies of every notebook
html_show_sourcelink = False
html_theme_options = {"navigation_with_keys": False, "top_of_page_buttons": []}
html_last_updated_fmt = None


def _alt_from_output_metadata():
    """MyST-NB takes an image's alt text only from cell metadata; also take the one the kernel put
    into the output's metadata (``{"image/png": {"alt": ...}}``, see :mod:`dlmath._alttext`)."""
    from myst_nb.core.render import NbElementRenderer

    original = NbElementRenderer.render_image
    if getattr(original, "_dlmath_alt", False):
        return

    def render_image(self, data):
        nodes = original(self, data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        for node in nodes:
            if alt and "alt" not in node.attributes:
                node["alt"] = str(alt)
        return nodes

    render_image._dlmath_alt = True
    NbElementRenderer.render_image = render_image


def setup(app):
    _alt_from_output_metadata()
    return {"parallel_read_safe": True, "parallel_write_safe": True}

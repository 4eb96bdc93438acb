"""Alt text for figures (dlmath._alttext): said from the figure itself, attached by IPython."""

import matplotlib.pyplot as plt
import pytest
from IPython.core.interactiveshell import InteractiveShell
from matplotlib.figure import Figure

from dlmath._alttext import describe_figure, install, plain


def test_describe_figure_names_titles_labels_kinds_and_legend():
    fig, (ax1, ax2) = plt.subplots(1, 2)
    fig.suptitle("Training")
    ax1.plot([1, 2, 3], label="training loss")
    ax1.plot([3, 2, 1], label="validation loss")
    ax1.set(title="Loss", xlabel="epoch", ylabel="loss")
    ax1.legend()
    ax2.scatter([0, 1], [1, 0])
    ax2.imshow([[0, 1], [1, 0]])
    ax2.set(xlabel="$x_1$", ylabel="$x_2$")
    text = describe_figure(fig)
    assert text == (
        'Figure: Training. Panel 1 "Loss": loss against epoch, 2 lines, legend: training loss, '
        "validation loss. Panel 2: x_2 against x_1, 2 points, an image."
    )


def test_plain_turns_mathtext_into_words():
    assert plain(r"$\frac{1}{2}(x^2 + 10y^2)$") == "(1)/(2)(x^2 + 10y^2)"
    assert plain(r"loss $f(\theta_t)$, $\eta$") == "loss f(θ_t), η"
    assert plain("no math: 50$") == "no math: 50"


def test_describe_figure_rejects_other_objects():
    with pytest.raises(TypeError, match="matplotlib Figure"):
        describe_figure("a figure")


def test_install_puts_alt_text_into_the_png_metadata():
    ip = InteractiveShell.instance()
    png = ip.display_formatter.formatters["image/png"]
    png.for_type(Figure, lambda fig: b"\x89PNG fake bytes")  # what matplotlib's inline backend registers
    install(ip)
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    ax.set(title="A line", xlabel="x", ylabel="y")
    data, metadata = ip.display_formatter.format(fig)
    assert data["image/png"] == b"\x89PNG fake bytes"
    assert metadata["image/png"]["alt"] == 'Figure. "A line": y against x, 1 line.'
    png.for_type(Figure, lambda fig: b"\x89PNG again")  # the backend re-registers (e.g. %matplotlib inline)
    ip.events.trigger("pre_run_cell", None)
    assert ip.display_formatter.format(fig)[1]["image/png"]["alt"].startswith("Figure.")

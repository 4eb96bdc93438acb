"""dlmath: the math of deep learning in small, readable NumPy."""
__version__ = "0.1.0"

"""Briefings: a static site generator for curated news briefings."""

from pathlib import Path

__version__ = "0.1.0"

# The installed package's folder: a wheel carries the default theme in it (see source/themes.py).
PACKAGE_DIR = Path(__file__).resolve().parent

"""Argument types and options that several commands share."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date

from generator.source.config import CONFIG_NAME, SiteConfig


def config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default=CONFIG_NAME, help="site configuration (site.yaml)")


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def with_base_url(config: SiteConfig, base_url: str | None) -> SiteConfig:
    """The config with `--base-url`, if given, as its base URL (always ending in a slash)."""
    if not base_url:
        return config
    return replace(config, base_url=base_url if base_url.endswith("/") else base_url + "/")

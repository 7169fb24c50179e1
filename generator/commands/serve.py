"""`briefings serve`: build, serve under the base URL's path, rebuild after every save and reload
open pages. The server itself (`preview.py`) loads only when this command runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import config_option


def run(args: argparse.Namespace) -> int:
    from generator.commands.preview import serve  # tornado and livereload load only here

    return serve(
        Path(args.config),
        host=args.host,
        port=args.port,
        drafts=args.drafts,
        open_browser=args.open,
    )


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    s = commands.add_parser("serve", help="preview the site with live reload")
    config_option(s)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000, help="default 8000; 0 picks a free port")
    s.add_argument("--drafts", action="store_true")
    s.add_argument("--open", action="store_true", help="open the site in a browser")
    s.set_defaults(run=run)

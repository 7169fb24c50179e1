"""The per-file step: parse then enrich one content file, pure and cached by a hash of its input.

Imports `source`, `text`, `workers` and the leaf modules; never the site, the output or a command.
"""

"""Producing the files: rendering pages, deciding what to render again, staging and publishing
the site atomically, and the search index.

Imports `site`, `source` (themes) and the leaf modules; never a command.
"""

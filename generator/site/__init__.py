"""The site as data: briefings grouped from the articles, the memo of their costly parts, and the
plan of every output page.

Imports `documents`' results through `models`, `text` for bottom lines and quote ranking, and the
leaf modules; never the output or a command.
"""

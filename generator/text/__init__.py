"""Pure text analysis: sentences, summaries, quotations and their speakers.

Imports nothing of the site, the build or the output; only `models` and its own modules.
"""

"""Reading the site: site.yaml, themes, the content files and their front matter.

Imports only `text`, `errors`, `models` and `slugs`: reading knows nothing of grouping or output.
"""

"""Direct quotations and who said them: marks, attribution clauses, reading in order, the
reader's memory of names, speaker phrases, the word lists they share, and key-quote ranking.

Imports only `generator.models` and its own modules.
"""

"""One module per `briefings` command: its arguments, its run function, and what only it needs.

Commands may import anything below them (the build, output, site, documents, source, text); the
CLI imports the commands, and nothing imports the CLI or a command but the CLI.
"""

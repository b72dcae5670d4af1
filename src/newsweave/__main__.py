"""`python -m newsweave` runs the command line."""

from newsweave.cli.main import main

main()

"""`python -m zopa` runs the command line."""

from zopa.cli import main

main()

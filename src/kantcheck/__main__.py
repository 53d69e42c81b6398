"""`python -m kantcheck`."""

from kantcheck.cli import main

main()

"""`python -m replylint`."""

from .cli import main

main()

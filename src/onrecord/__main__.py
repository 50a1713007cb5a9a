"""`python -m onrecord ...` is the `onrecord` command (handy from a checkout with PYTHONPATH=src)."""
from onrecord.cli import main

main()

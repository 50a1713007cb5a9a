"""The `onrecord` command line (see main.py for the app, one module per group of commands)."""
from .main import app, main

__all__ = ["app", "main"]

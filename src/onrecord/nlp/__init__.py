"""spaCy components, one per concern, registered as factories ``onrecord_*``.

Importing this package registers every factory, so ``nlp.add_pipe("onrecord_forecasts")`` works in
any English pipeline once ``onrecord`` is installed (the factories are also declared as entry points).
"""
from .pipeline import COMPONENTS, load_pipeline  # noqa: F401

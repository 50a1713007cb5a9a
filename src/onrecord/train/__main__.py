"""``python -m onrecord.train NAME DATA [OUT]``: the same as ``onrecord train NAME DATA [--out OUT]``."""
from __future__ import annotations

import json
import sys

from . import TRAINERS

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in TRAINERS:
        sys.exit(f"usage: python -m onrecord.train {{{','.join(TRAINERS)}}} DATA [OUT]")
    print(json.dumps(TRAINERS[sys.argv[1]](*sys.argv[2:4]), indent=2, default=str))

#!/usr/bin/env python
"""Train the check-worthiness model shipped as src/onrecord/lexicons/claims_model.npz.

Reproducible: fixed CV seed, deterministic full-batch optimiser, data read from ../shared/data/claims.
Usage (from the project root, about a minute on 2 cores):
    .venv/bin/python scripts/train_claims.py ../shared/data/claims
    # same as: .venv/bin/onrecord train claims ../shared/data/claims
Then score it: .venv/bin/onrecord eval claims ../shared/data/claims/checkthat2024-en
"""
from __future__ import annotations

import argparse
import json

from onrecord.evaluate.claims import SETTINGS, train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default="../shared/data/claims", help="folder holding checkthat2024-en/ and claimbuster-2.5xncs/")
    parser.add_argument("--out", default=None, help="where to write the model (default: the shipped artifact)")
    parser.add_argument("--l2", type=float, default=SETTINGS["l2"])
    parser.add_argument("--iterations", type=int, default=SETTINGS["iterations"])
    args = parser.parse_args()
    print(json.dumps(train(args.data, args.out, l2=args.l2, iterations=args.iterations), indent=2))


if __name__ == "__main__":
    main()

"""Check forecast gold files before use: every excerpt sits at its offset, bands are ordered, fields are known.

Usage: python scripts/check_forecast_gold.py eval/gold/forecasts-*.yaml
Exits 1 and names each bad item, so an annotator can fix offsets before the gold is scored or trained on.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus"
FIELDS = {"at", "excerpt", "holder", "attributed", "probability", "negated", "horizon", "conditional", "condition", "kind", "note"}
KINDS = {"question", "prescription", "generic", "counterfactual", "hedged-present", "past-belief", "embedded-question",
         "wish", "imperative", "future-in-past", "ability", "rhetoric", "habitual", "performative", "evaluative"}


def texts(corpus_file: str) -> dict[str, str]:
    with (CORPUS / corpus_file).open(encoding="utf-8") as f:
        return {r["id"]: r["text"] for r in map(json.loads, f)}


def problems(path: Path) -> list[str]:
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    found, cache = [], {}
    for d in gold.get("documents") or []:
        text = cache.setdefault(d["corpus"], texts(d["corpus"])).get(d["id"])
        if text is None:
            found.append(f"{path}: {d['id']} not in {d['corpus']}")
            continue
        for part in ("forecasts", "not_forecasts", "ignore"):
            for g in d.get(part) or []:
                where = f"{path}: {d['id']} {part} at {g.get('at')} {g.get('excerpt')!r}"
                if text[g["at"]:g["at"] + len(g["excerpt"])] != g["excerpt"]:
                    hits = [i for i in range(len(text)) if text.startswith(g["excerpt"], i)]
                    found.append(f"{where}: excerpt not at offset (found at {hits[:5]})")
                if len(g["excerpt"].split()) > 8:
                    found.append(f"{where}: excerpt over 8 words")
                if set(g) - FIELDS:
                    found.append(f"{where}: unknown fields {sorted(set(g) - FIELDS)}")
                if part == "forecasts":
                    low, high = g.get("probability", [0, 1])
                    if not 0 <= low <= high <= 1:
                        found.append(f"{where}: bad band {g.get('probability')}")
                if part == "not_forecasts" and g.get("kind") not in KINDS:
                    found.append(f"{where}: kind must be one of {sorted(KINDS)}")
    return found


if __name__ == "__main__":
    bad = [p for arg in sys.argv[1:] for p in problems(Path(arg))]
    print("\n".join(bad) or "gold OK")
    sys.exit(1 if bad else 0)

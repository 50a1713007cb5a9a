#!/usr/bin/env python3
"""Build src/onrecord/lexicons/estimative.csv: estimative cue words -> probability, from survey medians.

Run from the project root:  .venv/bin/python scripts/build_estimative_table.py [../shared/data/estimative]

Each cue (a word or phrase as it appears in text) is mapped by hand to ONE row of a survey or a
standard; the probability written is that row's median (surveys) or band centre (standards), and
low/high are its quartiles (surveys) or band limits (standards). The mapping below is the only
judgement here; the numbers all come from the data, so the table is reproducible.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "onrecord" / "lexicons" / "estimative.csv"
SHORT = {"kucharski-capphrase": "capphrase", "mauboussin-probability-survey": "mauboussin",
         "wadefagen-probability-words": "fagen-ulmschneider", "zonination-perceptions": "zonination"}

# kind: modal (auxiliary), adverb, adjective (predicative or "likely to"), frame (a verb of belief or
# expectation governing the clause), phrase (a multi-word chance expression).
# row: "<survey>:<phrase>" from survey_summary.csv, or "<standard>:<term>" from standards/yardsticks.csv.
CUES = [
    # certainty verdicts
    ("inevitable", "adjective", "icd203:almost certain | nearly certain"),
    ("inevitably", "adverb", "icd203:almost certain | nearly certain"),
    ("unavoidable", "adjective", "icd203:almost certain | nearly certain"),
    ("inescapable", "adjective", "icd203:almost certain | nearly certain"),
    ("certain", "adjective", "icd203:almost certain | nearly certain"),
    ("bound", "adjective", "icd203:almost certain | nearly certain"),
    ("sure", "adjective", "icd203:almost certain | nearly certain"),
    ("guaranteed", "adjective", "icd203:almost certain | nearly certain"),
    ("doomed", "adjective", "icd203:almost certain | nearly certain"),
    ("certainly", "adverb", "mauboussin:certainly"),
    ("definitely", "adverb", "mauboussin:certainly"),
    ("surely", "adverb", "mauboussin:certainly"),
    ("undoubtedly", "adverb", "mauboussin:certainly"),
    ("no doubt", "phrase", "mauboussin:certainly"),
    ("without doubt", "phrase", "mauboussin:certainly"),
    ("without a doubt", "phrase", "mauboussin:certainly"),
    ("for sure", "phrase", "mauboussin:certainly"),
    ("almost certain", "adjective", "capphrase:almost certain"),
    ("almost certainly", "adverb", "capphrase:almost certain"),
    ("nearly certain", "adjective", "capphrase:almost certain"),
    ("virtually certain", "adjective", "capphrase:almost certain"),
    # a flat future: "X will happen" said by a commentator is a judgement, not a certainty. CAPphrase's
    # "will happen" (median 100) measures the phrase itself; Kent's "almost certain" band is the
    # reading for an unqualified estimative statement.
    ("will", "modal", "kent:almost certain"),
    ("shall", "modal", "kent:almost certain"),
    ("going to", "modal", "kent:almost certain"),
    ("about to", "modal", "kent:almost certain"),
    ("set to", "modal", "kent:almost certain"),
    ("poised to", "modal", "kent:almost certain"),
    ("due to", "modal", "kent:almost certain"),
    ("would", "modal", "kent:almost certain"),  # only as reported future ("he said they would ...")
    ("highly likely", "adjective", "capphrase:highly likely"),
    ("very likely", "adjective", "capphrase:highly likely"),
    ("most likely", "adjective", "capphrase:highly likely"),
    ("highly probable", "adjective", "capphrase:highly likely"),
    ("in all likelihood", "phrase", "capphrase:highly likely"),
    ("in all probability", "phrase", "capphrase:highly likely"),
    ("very good chance", "phrase", "capphrase:very good chance"),
    ("good chance", "phrase", "capphrase:very good chance"),
    ("strong chance", "phrase", "capphrase:very good chance"),
    ("high probability", "phrase", "mauboussin:with high probability"),
    ("likely", "adjective", "capphrase:likely"),
    ("probable", "adjective", "capphrase:probable"),
    ("probably", "adverb", "mauboussin:probably"),
    ("expected", "adjective", "capphrase:likely"),
    ("expect", "frame", "fagen-ulmschneider:we believe"),
    ("anticipate", "frame", "fagen-ulmschneider:we believe"),
    ("predict", "frame", "fagen-ulmschneider:we believe"),
    ("believe", "frame", "fagen-ulmschneider:we believe"),
    ("think", "frame", "fagen-ulmschneider:we believe"),
    ("estimate", "frame", "fagen-ulmschneider:we believe"),
    ("suspect", "frame", "fagen-ulmschneider:we believe"),
    ("fear", "frame", "fagen-ulmschneider:we believe"),
    ("better than even", "phrase", "capphrase:better than even"),
    ("more likely than not", "phrase", "mauboussin:more often than not"),
    ("realistic possibility", "phrase", "capphrase:realistic possibility"),
    ("real possibility", "phrase", "mauboussin:real possibility"),
    ("serious possibility", "phrase", "mauboussin:serious possibility"),
    ("real chance", "phrase", "mauboussin:real possibility"),
    ("real risk", "phrase", "mauboussin:real possibility"),
    ("serious risk", "phrase", "mauboussin:serious possibility"),
    ("about even", "phrase", "capphrase:about even"),
    ("even chance", "phrase", "capphrase:about even"),
    ("fifty-fifty", "phrase", "capphrase:about even"),
    ("as likely as not", "phrase", "capphrase:about even"),
    ("may", "modal", "capphrase:may happen"),
    ("might", "modal", "capphrase:might happen"),
    ("could", "modal", "capphrase:could happen"),
    ("possibly", "adverb", "mauboussin:possibly"),
    ("perhaps", "adverb", "mauboussin:possibly"),
    ("maybe", "adverb", "mauboussin:maybe"),
    ("possible", "adjective", "mauboussin:possibly"),
    ("risk", "frame", "capphrase:could happen"),  # "it risks a recession" reads as "could" (ANNOTATION.md 5)
    ("risks", "phrase", "capphrase:could happen"),
    ("probably not", "adverb", "fagen-ulmschneider:probably not"),
    ("doubt", "frame", "fagen-ulmschneider:we doubt"),
    ("doubtful", "adjective", "fagen-ulmschneider:we doubt"),
    ("hard to see", "phrase", "capphrase:unlikely"),  # ANNOTATION.md 5 puts "hard to see" with "unlikely"
    ("hard to imagine", "phrase", "capphrase:unlikely"),
    ("difficult to see", "phrase", "capphrase:unlikely"),
    ("tough for", "phrase", "capphrase:unlikely"),  # "it will be tough for him to back down"
    ("hard for", "phrase", "capphrase:unlikely"),
    ("difficult for", "phrase", "capphrase:unlikely"),
    ("unlikely", "adjective", "capphrase:unlikely"),
    ("not likely", "adjective", "capphrase:unlikely"),
    ("improbable", "adjective", "capphrase:improbable"),
    ("little chance", "phrase", "capphrase:little chance"),
    ("slight chance", "phrase", "capphrase:chances are slight"),
    ("small chance", "phrase", "capphrase:chances are slight"),
    ("low probability", "phrase", "mauboussin:with low probability"),
    ("highly unlikely", "adjective", "capphrase:highly unlikely"),
    ("very unlikely", "adjective", "capphrase:highly unlikely"),
    ("extremely unlikely", "adjective", "capphrase:highly unlikely"),
    ("remote chance", "phrase", "capphrase:remote chance"),
    ("remote possibility", "phrase", "capphrase:remote chance"),
    ("almost no chance", "phrase", "capphrase:almost no chance"),
    ("no chance", "phrase", "capphrase:almost no chance"),
    ("impossible", "adjective", "capphrase:almost no chance"),
]

# What a cue means when it is itself negated ("not likely", "don't think", "not certain").
NEGATED = {"likely": "unlikely", "probable": "improbable", "probably": "probably not", "expect": "doubt",
           "think": "doubt", "believe": "doubt", "anticipate": "doubt", "predict": "doubt",
           "certain": "about even", "inevitable": "about even", "sure": "about even", "possible": "almost no chance"}

HEADER = """\
# Estimative-probability table: cue words -> probability that the stated proposition comes true.
# Built by scripts/build_estimative_table.py from ../shared/data/estimative/ (do not edit by hand; add rows there).
# Sources (probability = survey median, low/high = quartiles; or standard band centre and limits):
#   capphrase: Kucharski AJ (2026) CAPphrase, n=5,174 respondents x 19 phrases, DOI 10.5281/zenodo.18750055, CC-BY 4.0
#   mauboussin: A. & M. Mauboussin, "If You Say Something Is 'Likely,' How Likely Do People Think It Is?", HBR 2018, n~1,860/phrase
#   fagen-ulmschneider: W. Fagen-Ulmschneider, Perception of Probability Words (2019 web survey), n=123
#   zonination: zonination/perceptions, Reddit /r/samplesize poll, n=46, MIT
#   icd203: US ODNI Intelligence Community Directive 203, Analytic Standards (2015), expressions of likelihood
#   kent: Sherman Kent, "Words of Estimative Probability", Studies in Intelligence (1964)
# Survey medians are the reference (not the Meris22 future-statement labels, which put may/could higher).
# negated_cue: the row used when the cue itself is negated ("not likely" -> unlikely).
"""


def survey_rows(folder: Path) -> dict[str, dict]:
    rows = {}
    with (folder / "survey_summary.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = f"{SHORT.get(r['source'], r['source'])}:{r['phrase']}"
            rows[key] = {"p": float(r["median"]), "low": float(r["p25"]), "high": float(r["p75"]), "n": r["n"]}
    with (folder / "standards" / "yardsticks.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            low, high = float(r["low_pct"]), float(r["high_pct"])
            centre = float(r["center_pct"]) if r["center_pct"] else (low + high) / 2
            rows[f"{r['standard'].lower().replace('1964', '')}:{r['term']}"] = {"p": centre, "low": low, "high": high, "n": ""}
    return rows


def build(folder: Path) -> list[dict]:
    rows = survey_rows(folder)
    out = []
    for cue, kind, row in CUES:
        if row not in rows:
            raise SystemExit(f"no row {row!r} in {folder}")
        r = rows[row]
        out.append({"cue": cue, "kind": kind, "probability": round(r["p"] / 100, 3), "low": round(r["low"] / 100, 3),
                    "high": round(r["high"] / 100, 3), "source": row, "n": r["n"], "negated_cue": NEGATED.get(cue, "")})
    return out


def main(argv: list[str]) -> None:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data" / "estimative"
    table = build(folder)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        writer = csv.DictWriter(f, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"wrote {len(table)} cues to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv)

"""Score onrecord_forecasts on gold: sentence-level precision/recall, probability in band, holder, horizon.

Two gold forms are read:
- the seed form (``../shared/gold/seed.yaml``): one document, items located by a verbatim ``excerpt``;
- our form (``eval/gold/forecasts-*.yaml``): ``documents: [{corpus, id, published, forecasts,
  not_forecasts, ignore}]`` where items are located by the char offset ``at`` of a short excerpt in
  the corpus text (no article text is stored in the gold).
A forecast matches a gold item when its sentence overlaps the sentence that holds the gold excerpt
(sentences end at . ! ? or a newline, as in ../shared/tools/seedcheck).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from ..model import Author, Document

HERE = Path(__file__).resolve()
SEED = "seed/000_850c6bef7a7111c8.txt"


COUNTS = ("gold", "found", "predicted", "correct_pred", "band_total", "band_ok", "holder_ok", "horizon_total",
          "horizon_ok", "non_total", "non_reported", "stated_total", "stated_ok", "open_total", "open_ok")


def evaluate(path: str, baseline: bool = False, profile: str = "default", **opts) -> dict:
    """Scores on the gold at ``path``; ``baseline=True`` scores a naive keyword tagger instead, and
    ``profile="rules"`` the clause rules without the trained detector."""
    gold_path = Path(path)
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    cases = _seed_cases(gold, gold_path) if "forecasts" in gold else _corpus_cases(gold, gold_path)
    from ..nlp.pipeline import COMPONENTS, analyze_document, load_pipeline
    names = tuple(COMPONENTS)
    # only what forecasts read
    nlp = load_pipeline(components=names[:names.index("onrecord_forecasts") + 1], profile=profile)
    counts = dict.fromkeys(COUNTS, 0)
    details = []
    for document, forecasts, nons, ignore in cases:
        analysis = keyword_baseline(document.text) if baseline else analyze_document(document, nlp=nlp).to_dict()
        details += score_document(analysis, forecasts, nons, ignore, counts)
    return summarize(counts) | {"details": details}


KEYWORDS = [(re.compile(r"\b(inevitabl\w*|unavoidabl\w*|certain(ly)?)\b", re.I), 0.97),
            (re.compile(r"\b(will|won't|shall|going to|\w+'ll)\b", re.I), 0.93),
            (re.compile(r"\b(likely|probabl\w*|expect\w*)\b", re.I), 0.75),
            (re.compile(r"\b(may|might|could)\b", re.I), 0.4)]


def keyword_baseline(text: str) -> dict:
    """A naive tagger for comparison: every sentence with a future or estimative keyword is an author forecast."""
    forecasts = []
    for m in re.finditer(r"[^.!?\n]*[.!?\n]?", text):
        for pattern, p in KEYWORDS:
            if m.group(0).strip() and pattern.search(m.group(0)):
                span = {"start": m.start(), "end": m.end(), "text": m.group(0)}
                forecasts.append({"span": span, "sentence": span, "probability": p, "holder": "author",
                                  "negated": False, "horizon": {"text": None, "open": True}, "rule": "keyword"})
                break
    return {"document": {"text": text}, "actors": [], "forecasts": forecasts}


def summarize(c: dict) -> dict:
    def ratio(a, b):
        return round(a / b, 3) if b else 0.0
    p, r = ratio(c["correct_pred"], c["predicted"]), ratio(c["found"], c["gold"])
    return {"precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "probability_in_band": ratio(c["band_ok"], c["band_total"]), "holder_accuracy": ratio(c["holder_ok"], c["found"]),
            "horizon_found": ratio(c["horizon_ok"], c["horizon_total"]),
            "horizon_accuracy": ratio(c["stated_ok"] + c["open_ok"], c["stated_total"] + c["open_total"]),
            "horizon_stated_accuracy": ratio(c["stated_ok"], c["stated_total"]),
            "horizon_open_accuracy": ratio(c["open_ok"], c["open_total"]),
            "non_forecast_reported": ratio(c["non_reported"], c["non_total"]),
            "gold_forecasts": c["gold"], "predicted_forecasts": c["predicted"], "gold_non_forecasts": c["non_total"]}


def sentence_at(text: str, start: int, length: int = 1) -> tuple[int, int]:
    """The sentence around text[start:start+length], by the seedcheck rule (. ! ? newline)."""
    s = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [j for j in (text.find(c, start + max(length - 1, 0)) for c in ".!?\n") if j >= 0]  # an excerpt may end with its stop
    return s, (min(ends) + 1 if ends else len(text))


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(analysis: dict, forecasts: list[dict], nons: list[dict], ignore: list[dict], c: dict) -> list[dict]:
    text = analysis["document"]["text"]
    actors = {a["id"]: a for a in analysis.get("actors", [])}
    predicted = analysis.get("forecasts", [])
    regions = [sentence_at(text, g["at"], len(g["excerpt"])) for g in forecasts]
    skip = [sentence_at(text, g["at"], len(g["excerpt"])) for g in [*ignore, *nons]]
    details = []
    for f in predicted:
        where = _sp(f.get("sentence") or f["span"])
        if any(_overlaps(where, r) for r in regions):
            c["correct_pred"] += 1
            c["predicted"] += 1
        elif not any(_overlaps(where, r) for r in skip[:len(ignore)]):
            c["predicted"] += 1
            details.append({"false_positive": f["span"]["text"][:100], "rule": f.get("rule")})
    for g, region in zip(forecasts, regions):
        c["gold"] += 1
        hits = [f for f in predicted if _overlaps(_sp(f.get("sentence") or f["span"]), region)]
        row = {"excerpt": g["excerpt"], "found": bool(hits)}
        if g.get("horizon") and g["horizon"] != "open":
            c["horizon_total"] += 1
        if not hits:
            details.append(row)
            continue
        c["found"] += 1
        f = hits[0]
        row.update(probability=f["probability"], holder=f["holder"], horizon=(f.get("horizon") or {}).get("text"))
        if g.get("probability"):
            c["band_total"] += 1
            ok = in_band(f, g)
            c["band_ok"] += ok
            row["band_ok"] = ok
        holder_ok = holder_right(f, g, actors)
        c["holder_ok"] += holder_ok
        row["holder_ok"] = holder_ok
        if g.get("horizon") and g["horizon"] != "open":
            ok = horizon_found(f, g)
            c["horizon_ok"] += ok
            c["stated_total"] += 1
            c["stated_ok"] += horizon_right(f, g)
            row["horizon_ok"] = horizon_right(f, g)
        else:
            c["open_total"] += 1
            c["open_ok"] += not (f.get("horizon") or {}).get("text")
        details.append(row)
    for g in nons:
        c["non_total"] += 1
        region = sentence_at(text, g["at"], len(g["excerpt"]))
        reported = [f for f in predicted if _overlaps(_sp(f.get("sentence") or f["span"]), region)]
        c["non_reported"] += bool(reported)
        if reported:
            details.append({"non_forecast_reported": g["excerpt"], "kind": g.get("kind")})
    return details


def _sp(span: dict) -> tuple[int, int]:
    return span["start"], span["end"]


def in_band(f: dict, g: dict) -> bool:
    """Gold bands are for the positive proposition (ANNOTATION.md 6: "will not" is [0.0, 0.15]); the tool
    states p for its proposition as worded, so a forecast it marks negated is compared as 1 - p."""
    low, high = g["probability"]
    p = 1 - f["probability"] if f.get("negated") else f["probability"]
    return low <= p <= high


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (s or "").lower().replace("’", "'")).strip()


def holder_right(f: dict, g: dict, actors: dict) -> bool:
    """Author vs. someone else must agree; for a named holder, a shared name word is enough."""
    want_author = g.get("holder", "author") == "author" and not g.get("attributed")
    if (f["holder"] == "author") != want_author:
        return False
    if want_author:
        return True
    actor = actors.get(f["holder"]) or {}
    names = {_norm(actor.get("name")), _norm(f["holder"].replace("-", " "))} | {_norm(a) for a in actor.get("aliases", [])}
    wanted = set(_norm(g.get("holder")).split()) - {"the", "a", "an", "of", "s"}
    return any(wanted & set(n.split()) for n in names if n)


STOP = {"the", "a", "an", "of", "in", "on", "at", "by", "for", "to", "this", "that", "within", "until", "before"}


def horizon_right(f: dict, g: dict) -> bool:
    """A stated gold horizon is right when the forecast's time phrase shares a content word with it
    ("by the end of May" ~ "the end of May"); an open one is right when the forecast has none."""
    said = set(_norm((f.get("horizon") or {}).get("text")).split()) - STOP
    return bool(said & (set(_norm(g["horizon"]).split()) - STOP))


def horizon_found(f: dict, g: dict) -> bool:
    h = f.get("horizon") or {}
    return bool(h.get("text") or h.get("earliest") or h.get("relative_days"))


def _seed_cases(gold: dict, gold_path: Path):
    """The seed.yaml form: excerpts in ../shared/seed, analysed with published 2022-05-02."""
    shared = gold_path.resolve().parent.parent
    text = (shared / SEED).read_text(encoding="utf-8")
    from ..read import read_paths
    (document,) = [d for d in read_paths([str(shared / SEED)], published="2022-05-02")]
    text = document.text
    forecasts = [{**g, "at": text.find(g["excerpt"]), **_positive_band(g)} for g in gold["forecasts"]
                 if text.find(g["excerpt"]) >= 0]
    nons = [{"at": text.find(x), "excerpt": x} for x in
            ("I think they are now considering", "they would not mind snatching", "would be completely discredited")]
    yield document, forecasts, nons, []


def _positive_band(g: dict) -> dict:
    """seed.yaml gives a negated item's band for the proposition as worded; ours is for the positive one."""
    if not (g.get("negated") and g.get("probability")):
        return {}
    low, high = g["probability"]
    return {"probability": [round(1 - high, 3), round(1 - low, 3)]}


def _corpus_cases(gold: dict, gold_path: Path):
    """Our form: documents referenced by corpus file and id under ../shared/data/corpus/, or with their
    text inline (gold exported from a ledger's corrections)."""
    corpus_root = _corpus_root(gold_path)
    for d in gold["documents"]:
        record = d if "text" in d else _record(corpus_root / d["corpus"], d["id"])
        document = Document(text=record["text"], title=record.get("title"), published=d.get("published"),
                            authors=tuple(Author(a) for a in [record.get("author")] if a))
        for g in [*d.get("forecasts", []), *d.get("not_forecasts", []), *d.get("ignore", [])]:
            if document.text[g["at"]:g["at"] + len(g["excerpt"])] != g["excerpt"]:
                raise ValueError(f"{d['id']}: excerpt {g['excerpt']!r} is not at {g['at']}")
        yield document, d.get("forecasts", []), d.get("not_forecasts", []), d.get("ignore", [])


def _corpus_root(gold_path: Path) -> Path:
    for base in [gold_path.resolve().parent, *gold_path.resolve().parents]:
        candidate = base.parent / "shared" / "data" / "corpus"
        if candidate.is_dir():
            return candidate
    return HERE.parents[3].parent / "shared" / "data" / "corpus"


def _record(path: Path, doc_id: str) -> dict:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if f'"{doc_id}"' in line:
                record = json.loads(line)
                if record.get("id") == doc_id:
                    return record
    raise ValueError(f"document {doc_id} not found in {path}")

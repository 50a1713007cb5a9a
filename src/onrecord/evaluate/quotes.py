"""Score onrecord_quotes on PolNeAR (brat attribution relations in political news).

``onrecord eval quotes ../shared/data/quotes/polnear-dev``. Metrics:
- content P/R/F1 with one-to-one matching, exact (same characters, ignoring outer spaces and a final
  period or comma) and at overlap >= 0.5 (shared characters / the longer of the two spans, so each
  covers at least half of the other);
- speaker accuracy over gold attributions that have a Source and whose content we found (overlap >= 0.5):
  our speaker phrase shares a content word with the gold Source ("Donald Trump" ~ "Trump", "he" ~ "he").
PolNeAR annotates beliefs and intentions as well as speech, and where two or more annotators did an
article, the first annotator id in sorted order is scored (the corpus README asks for one per article).
PolNeAR is univocal (a token has one role in one attribution): "X said *the campaign plans to go*" is
one attribution, so quotes nested in another's content (``within`` set) are not scored.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

STOP = {"the", "a", "an", "of", "and", "'s", "s", "in", "for", "to", "at", "on", "mr", "mrs", "ms"}


def read_brat(path: Path) -> tuple[dict, list[dict]]:
    """Text-bound annotations {id: (type, start, end)} and events [{role: T-id}] of one .ann file."""
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            numbers = [int(x) for x in re.split(r"[ ;]", offsets) if x.isdigit()]
            spans[parts[0]] = (kind, min(numbers), max(numbers))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            events.append({"id": parts[0], **roles})
    return spans, events


def load_polnear(folder: str | Path) -> list[dict]:
    """[{name, text, gold: [{content: (s, e), source: (s, e) | None, cue: (s, e) | None}]}], one annotator per article."""
    folder = Path(folder)
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(article, ann)
    docs = []
    for article, ann in sorted(chosen.items()):
        text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        spans, events = read_brat(ann)
        gold = []
        for event in events:
            content = spans.get(event.get("Content", ""))
            source, cue = spans.get(event.get("Source", "")), spans.get(event.get("Cue", ""))
            if content:
                gold.append({"content": content[1:], "source": source[1:] if source else None,
                             "cue": cue[1:] if cue else None})
        docs.append({"name": article, "text": text, "gold": gold})
    return docs


def overlap(a, b) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, shared) / max(a[1] - a[0], b[1] - b[0], 1)


def _normal(text: str, span) -> tuple[int, int]:
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,"):
        e -= 1
    return s, e


def match(gold: list, pred: list, threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), best overlaps first."""
    pairs = sorted(((overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g, used_p, out = set(), set(), []
    for score, i, j in pairs:
        if score >= threshold and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")) if w not in STOP}


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_documents(docs: list[dict], predictions: list[list[dict]]) -> dict:
    counts = defaultdict(int)
    for doc, preds in zip(docs, predictions):
        text = doc["text"]
        gold = [_normal(text, g["content"]) for g in doc["gold"]]
        pred = [_normal(text, p["content"]) for p in preds]
        counts["gold"] += len(gold)
        counts["pred"] += len(pred)
        counts["exact"] += len(set(gold) & set(pred))
        for i, j in match(gold, pred, 0.5):
            counts["overlap"] += 1
            source = doc["gold"][i]["source"]
            if source is None:
                continue
            counts["speaker_total"] += 1
            said = preds[j].get("speaker_text") or ""
            counts["speaker_ok"] += bool(words(text[source[0]:source[1]]) & words(said))
        for g in doc["gold"]:
            quoted = any(ch in text[g["content"][0]:g["content"][1]] for ch in "\"“”")
            counts["gold_quoted" if quoted else "gold_unquoted"] += 1
    return counts


def scored(quotes: list[dict]) -> list[dict]:
    """The quotes PolNeAR can match: not those nested in another quote's content (``within``)."""
    return [q for q in quotes if not q.get("within")]


TUNED = 40  # the rules were refined reading errors on the first 40 dev articles; the rest are held out


def _half(docs, predictions, part: slice) -> dict:
    c = score_documents(docs[part], predictions[part])
    p, r, f = prf(c["overlap"], c["pred"], c["gold"])
    speaker = c["speaker_ok"] / c["speaker_total"] if c["speaker_total"] else 0.0
    return {"documents": len(docs[part]), "overlap50_p": round(p, 3), "overlap50_r": round(r, 3),
            "overlap50_f1": round(f, 3), "exact_f1": round(prf(c["exact"], c["pred"], c["gold"])[2], 3),
            "speaker_accuracy": round(speaker, 3)}


def evaluate(path: str, *, limit: int | None = None, start: int = 0, nlp=None, profile: str = "default",
             **_opts) -> dict:
    """Scores of the shipped pipeline; ``profile="rules"`` scores the rules without the attribution model."""
    from ..nlp.pipeline import load_pipeline

    docs = load_polnear(path)[start:limit]
    nlp = nlp or load_pipeline(components=("onrecord_actors", "onrecord_quotes"), profile=profile)
    predictions = [scored(doc._.onrecord_quotes or []) for doc in nlp.pipe(d["text"] for d in docs)]
    c = score_documents(docs, predictions)
    halves = {}
    if start == 0 and len(docs) > TUNED:  # flat, so the CLI table shows both halves
        for label, part in (("tuned", slice(0, TUNED)), ("heldout", slice(TUNED, None))):
            halves.update({f"{label}_{k}": v for k, v in _half(docs, predictions, part).items()})
    ep, er, ef = prf(c["exact"], c["pred"], c["gold"])
    op, orr, of = prf(c["overlap"], c["pred"], c["gold"])
    return {
        "documents": len(docs), "gold_attributions": c["gold"], "predicted": c["pred"],
        "content_exact_p": ep, "content_exact_r": er, "content_exact_f1": ef,
        "content_overlap50_p": op, "content_overlap50_r": orr, "content_overlap50_f1": of,
        "speaker_accuracy": c["speaker_ok"] / c["speaker_total"] if c["speaker_total"] else 0.0,
        "speaker_scored": c["speaker_total"],
        **halves,
        "details": {"gold_with_quote_marks": c["gold_quoted"], "gold_without": c["gold_unquoted"]},
    }

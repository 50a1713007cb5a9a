"""Score onrecord_time against TimeML gold (TempEval-3 style).

Each ``.tml`` file gives a document creation time (DCT, used as the publication date) and a text with
inline ``<TIMEX3>`` tags. We strip the tags (keeping character offsets), run the time component on the
plain text and compare, as the TempEval-3 scorer does (UzZaman et al. 2013, SemEval-2013 Task 1):
span F1 strict (same offsets) and relaxed (overlap, one-to-one), value F1 (a relaxed match with the
same TIMEX3 value counts as a hit) and type accuracy over relaxed matches. The DCT itself is not gold.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldDoc:
    name: str
    dct: str | None
    text: str
    timexes: list[dict] = field(default_factory=list)  # {"start", "end", "type", "value"}


def read_tml(path: Path) -> GoldDoc:
    """The plain text between <TEXT> tags, its TIMEX3 spans, and the DCT date."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0] if "<TEXT>" in raw else raw
    parts: list[str] = []
    length = 0
    open_timex: dict | None = None
    timexes: list[dict] = []
    pos = 0
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):  # closing tag
            if open_timex is not None:
                open_timex["end"] = length
                timexes.append(open_timex)
            open_timex = None
        else:
            attrs = dict(ATTR.findall(m.group(3)))
            open_timex = {"start": length, "type": attrs.get("type"), "value": attrs.get("value")}
    parts.append(html.unescape(body[pos:]))
    return GoldDoc(path.name, dct.group(1) if dct else None, "".join(parts), timexes)


def read_folder(path: str | Path) -> list[GoldDoc]:
    folder = Path(path)
    files = sorted(folder.glob("*.tml")) if folder.is_dir() else [folder]
    return [read_tml(f) for f in files]


def _match(gold: list[dict], system: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping spans; exact matches first, then largest overlap."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g["end"], s["end"]) - max(g["start"], s["start"])
            if overlap > 0:
                exact = g["start"] == s["start"] and g["end"] == s["end"]
                candidates.append((not exact, -overlap, gi, si))
    pairs, used_g, used_s = [], set(), set()
    for _, _, gi, si in sorted(candidates):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


def _f1(hits: int, n_system: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_system if n_system else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_time(docs: list[GoldDoc]) -> list[list[dict]]:
    """The time component's items for each gold document, with its DCT as publication date."""
    from ..nlp.pipeline import load_pipeline

    nlp = load_pipeline(components=("onrecord_time",))
    out = []
    for gd in docs:
        doc = nlp.make_doc(gd.text)
        doc._.onrecord_context = {"doc_id": gd.name, "published": gd.dct, "title": None, "authors": []}
        out.append(list(nlp(doc)._.onrecord_times or []))
    return out


def evaluate(path: str, **opts) -> dict:
    """Span, value and type scores of onrecord_time on a folder of TimeML files."""
    docs = read_folder(path)
    systems = run_time(docs)
    n_gold = n_sys = strict = relaxed = value = typed = 0
    details = []
    for gd, system in zip(docs, systems):
        pairs = _match(gd.timexes, system)
        n_gold += len(gd.timexes)
        n_sys += len(system)
        strict += sum(g["start"] == s["start"] and g["end"] == s["end"] for g, s in pairs)
        relaxed += len(pairs)
        value += sum(g["value"] == s["value"] for g, s in pairs)
        typed += sum(g["type"] == s["type"] for g, s in pairs)
        details.append(_doc_details(gd, system, pairs))
    scores: dict = {"documents": len(docs), "gold": n_gold, "system": n_sys}
    for name, hits in (("strict", strict), ("relaxed", relaxed), ("value", value)):
        p, r, f = _f1(hits, n_sys, n_gold)
        scores.update({f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f})
    scores["span_f1"] = scores["relaxed_f1"]
    scores["type_accuracy"] = typed / relaxed if relaxed else 0.0
    scores["details"] = details
    return scores


def _doc_details(gd: GoldDoc, system: list[dict], pairs: list[tuple[dict, dict]]) -> dict:
    """Errors of one document, for reading: missed gold, spurious items, wrong values."""
    matched_g = {id(g) for g, _ in pairs}
    matched_s = {id(s) for _, s in pairs}
    text = gd.text
    return {
        "file": gd.name,
        "missed": [(text[g["start"]:g["end"]], g["value"]) for g in gd.timexes if id(g) not in matched_g],
        "spurious": [(s["text"], s["value"], s.get("rule")) for s in system if id(s) not in matched_s],
        "wrong_value": [(text[g["start"]:g["end"]], g["value"], s["text"], s["value"], s.get("rule"))
                        for g, s in pairs if g["value"] != s["value"]],
    }

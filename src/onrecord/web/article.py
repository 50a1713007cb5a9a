"""The article page's view: highlighted text and one side-panel list per kind, each item with
its provenance (rule, cue, lexicon row, probability source) and the anchor of its span."""
from __future__ import annotations

from markupsafe import Markup

from .causal_threads import threads
from .highlight import highlight, item_anchor, marks_of

KINDS = (("forecasts", "Forecasts"), ("claims", "Claims"), ("quotes", "Quotes"), ("events", "Events"),
         ("causal", "Causal links"), ("actors", "Actors"), ("times", "Times"))


def view(data: dict) -> dict:
    """Everything the template needs beyond the page data (which is also the JSON twin)."""
    text = data["document"]["text"]
    analysis = data["analysis"]
    names = {a["id"]: a["name"] for a in analysis.get("actors") or ()}
    names["author"] = data["document"].get("author") or "the author"
    panels = []
    for key, label in KINDS:
        items = [_item(key, item, names, data["ledger"]) for item in analysis.get(key) or ()]
        panels.append({"key": key, "label": label, "items": items})
    return {"html": Markup(highlight(text, marks_of(analysis, text))), "panels": panels,
            "counts": {p["key"]: len(p["items"]) for p in panels},
            "layers": LAYERS, "causal_threads": threads(analysis), "predicts": [_prediction(item, names, data["ledger"]) for item in analysis.get("forecasts") or ()]}


# Layers shown when the page opens; the others are one click away in the legend.
LAYERS = (("forecast", "forecasts", True), ("quote", "quotes", True), ("actor", "actors", True),
          ("claim", "claims", False), ("event", "events", False), ("causal", "causal", False), ("time", "times", False))


def _prediction(item: dict, names: dict, ledger: dict) -> dict:
    """One line of the "this article predicts" box: who, how likely, by when, the question."""
    entry = ledger.get(item.get("id")) or {}
    horizon = item.get("horizon") or {}
    return {"anchor": item_anchor("forecasts", str(item.get("id"))), "holder": _who(names, item.get("holder")),
            "probability": item.get("probability"), "question": item.get("question") or item.get("proposition"),
            "due": entry.get("due_on") or horizon.get("latest"), "key": entry.get("key"),
            "status": entry.get("status"), "outcome": entry.get("outcome"), "right": entry.get("right")}


def _who(names: dict, ids) -> str:
    ids = ids if isinstance(ids, list) else [ids]
    return ", ".join(names.get(i, i) for i in ids if i) or "–"


def _span(item: dict, key: str) -> str | None:
    span = item.get(key)
    return span.get("text") if isinstance(span, dict) else None


def _item(kind: str, item: dict, names: dict, ledger: dict) -> dict:
    """Title, detail line and provenance of one item, by kind."""
    anchor = item_anchor("actor" if kind == "actors" else kind, str(item.get("id")))
    out = {"anchor": anchor, "rule": item.get("rule"), "cue": None, "extra": [], "link": None}
    if kind == "forecasts":
        entry = ledger.get(item.get("id")) or {}
        horizon = item.get("horizon") or {}
        out.update(title=item.get("proposition"), badge=f"{round(100 * float(item.get('probability') or 0))}%",
                   detail=f"{_who(names, item.get('holder'))} · {horizon.get('text') or 'no date'}",
                   cue=_span(item, "probability_cue"), status=entry.get("status"), key=entry.get("key"),
                   extra=[("probability source", item.get("probability_source")), ("question", item.get("question")),
                          ("condition", _span(item, "condition")), ("due", entry.get("due_on")),
                          ("negated", "yes" if item.get("negated") else None)])
    elif kind == "claims":
        out.update(title=_span(item, "span"), badge=item.get("kind"),
                   detail=("check-worthy · " if item.get("check_worthy") else "")
                          + f"check-worthiness {float(item.get('checkworthiness') or 0):.2f} · about {_who(names, item.get('subjects') or [])}")
    elif kind == "quotes":
        out.update(title=_span(item, "content"), badge=item.get("kind"), cue=_span(item, "cue"),
                   detail=f"{item.get('speaker_text') or names.get(item.get('speaker')) or 'speaker unknown'}"
                          + (f" → {item.get('addressee_text')}" if item.get("addressee_text") else ""))
    elif kind == "events":
        date = item.get("date") or {}
        out.update(title=f"{_who(names, item.get('source') or [])} {_span(item, 'trigger')} {_who(names, item.get('target') or [])}",
                   badge=item.get("type"), cue=_span(item, "trigger"),
                   detail=" · ".join(x for x in (item.get("modality"), item.get("polarity"), date.get("text"),
                                                 item.get("location")) if x),
                   extra=[("mode", item.get("mode")), ("reported by", _who(names, item.get("reported_by")))])
    elif kind == "causal":
        out.update(title=f"{_span(item, 'cause')} → {_span(item, 'effect')}", badge=item.get("polarity"),
                   cue=_span(item, "cue"), detail=f"asserted by {_who(names, item.get('asserted_by'))}"
                   + (" · hedged" if item.get("hedged") else ""))
    elif kind == "actors":
        out.update(title=item.get("name"), badge=item.get("kind"), link=f"/actors/{item.get('id')}",
                   detail=" · ".join(x for x in (item.get("country"), item.get("sector"),
                                                 f"{len(item.get('mentions') or ())} mentions") if x),
                   extra=[("roles", "; ".join(item.get("roles") or ()) or None),
                          ("aliases", "; ".join(item.get("aliases") or ()) or None)])
    else:  # times
        out.update(title=_span(item, "span"), badge=item.get("type"), detail=item.get("value"),
                   extra=[("from", item.get("start")), ("to", item.get("end"))])
    out["extra"] = [(k, v) for k, v in out["extra"] if v]
    return out

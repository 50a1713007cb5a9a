"""A suggested resolution for a due forecast: yes, no or not yet known, with the evidence it rests on.

Evidence comes only from documents published after the forecast was made: their events of the forecast's
PLOVER types, their events, claims and quotes (``suggest._items``), their sentences that mention the
forecast's actors (``suggest._sentences``), and the sentences of the documents that full-text search
(``search.matching``) finds for the forecast's content words. Each candidate is compared with the
forecast's sentence by the shared sentence encoder and read for its stance: it *reports* what was
predicted (an affirmative past or present statement), *denies* it (a negation or failure word), or only
is *other*: a prediction, plan, wish or description that settles nothing. The best reporting or
denying candidate decides when its score reaches ``THRESHOLD``; otherwise the answer is "unknown".
The threshold was chosen on ``eval/gold/resolution-dev.yaml`` (docs/evaluation.md, "Resolution
suggestions"). Nothing is resolved here: a person confirms with ``onrecord resolve``.
"""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from .resolution import current_resolutions, find_forecast
from .search import matching
from .suggest import SENTENCE_END, _items, _sentences, forecast_actors, keywords
from .tables import DocumentRow, EventRow, ForecastRow, ResolutionRow

THRESHOLD = 0.60          # cosine (plus bonuses) the deciding evidence must reach; chosen on the dev gold
ACTOR_BONUS = 0.03        # per actor the evidence shares with the forecast, at most two
TYPE_BONUS = 0.05         # an event of the forecast's own PLOVER type
SEARCH_DOCUMENTS = 20     # documents taken from full-text search, most content words first
MAX_DOCUMENTS = 2000      # later documents read at most (by publication date)
MAX_CANDIDATES = 400      # sentences compared with the encoder at most
RESTATES = re.compile(r"\b(will|won't|wo n't|would|shall|going to|gonna|may|might|could|should|must|need|needs|"
                      r"plans? to|planning|intends? to|expects?|expected|hopes?|hoping|wants? to|wish(es)?|'ll|soon|"
                      r"tomorrow)\b|\b(is|are|am) (now )?[a-z]+ing\b", re.I)
IDIOMS = re.compile(r"\bwould (like|love|prefer)\b", re.I)  # wishes about the present, not predictions
DENIES = re.compile(r"\b(not|never|no longer|failed|fails|refused|rejected|cancell?ed|postponed|called off|"
                    r"without|neither|nor)\b|n't\b|\bno\b", re.I)
PAST = re.compile(r"\b(?!(?:need|indeed|feed|speed|seed|proceed|succeed|exceed)\b)[a-z]+ed\b|"
                  r"\b(?i:was|were|had|has been|have been|did|took|came|met|held|spoke|began|begun|went|gave|won|lost|"
                  r"left|made|said|told|sent|brought|yesterday|last (night|week|month))\b")
COPY = 0.92               # a later sentence this close to the forecast is the forecast repeated, not evidence


def stance(text: str) -> str:
    """How a later sentence bears on an outcome: it "reports" it (an affirmative statement in the past),
    "denies" it (a negation or failure word), or is "other" (a prediction, plan, wish or description
    that settles nothing)."""
    plain = IDIOMS.sub(" ", text)
    if RESTATES.search(plain):
        return "other"
    if DENIES.search(plain):
        return "denies"
    return "reports" if PAST.search(plain) else "other"


def forecast_facts(session: Session, row: ForecastRow) -> dict:
    """What the suggester needs of a stored forecast, as a plain dict."""
    return {"document_id": row.document_id, "text": row.sentence or row.text or row.proposition,
            "proposition": row.proposition, "made_on": row.made_on, "due_on": row.due_on,
            "actors": sorted(forecast_actors(session, row)), "event_types": sorted(_event_types(session, row))}


def suggest_for(session: Session, key: str, *, limit: int = 5) -> dict:
    """The suggestion for one stored forecast, with its key and whether it is already resolved."""
    row = find_forecast(session, key)
    resolved = session.scalars(current_resolutions().where(ResolutionRow.forecast_key == row.key)).first()
    return {"forecast": row.key, "resolved": resolved is not None,
            **suggest_resolution(session, forecast_facts(session, row), limit=limit)}


def suggest_resolution(session: Session, forecast: dict, *, limit: int = 5, threshold: float = THRESHOLD) -> dict:
    """yes / no / unknown for ``forecast`` (``text``, ``made_on``, ``document_id``, ``actors``,
    ``event_types``), with the best evidence first and a confidence in [0, 1] (the deciding evidence's score)."""
    candidates = rank(forecast, gather(session, forecast))
    deciding = next((c for c in candidates if c["stance"] != "other"), None)
    lean = None if deciding is None else ("no" if deciding["stance"] == "denies" else "yes")
    if deciding is None or deciding["score"] < threshold:
        outcome, confidence = "unknown", 0.0
    else:
        outcome, confidence = lean, min(1.0, deciding["score"])
    return {"outcome": outcome, "confidence": round(confidence, 3), "threshold": threshold, "lean": lean,
            "lean_score": deciding["score"] if deciding else None, "evidence": candidates[:limit]}


def gather(session: Session, forecast: dict) -> list[dict]:
    """Candidate sentences from later documents, each once, with where they came from."""
    later = later_documents(session, forecast)
    if not later:
        return []
    actors = set(forecast.get("actors") or ())
    found = [*_typed_events(session, later, set(forecast.get("event_types") or ())), *_items(session, later),
             *_sentences(session, later, actors), *_searched(session, later, forecast)]
    unique: dict[tuple, dict] = {}
    for candidate in found:
        where = (candidate["document_id"], candidate["span"]["start"], candidate["span"]["end"])
        if where not in unique or candidate.get("typed"):
            unique[where] = candidate
    for candidate in unique.values():
        document = later[candidate["document_id"]]
        candidate["title"] = document.title
        candidate["published"] = document.published.isoformat() if document.published else None
    return list(unique.values())[:MAX_CANDIDATES]


def rank(forecast: dict, candidates: list[dict]) -> list[dict]:
    """Score each candidate by its cosine with the forecast's sentence, plus small actor and type bonuses."""
    if not candidates:
        return []
    from .. import encoder

    texts = [c.get("sentence") or c["span"]["text"] for c in candidates]
    cosines = encoder.similarity([forecast.get("text") or forecast.get("proposition") or ""], texts)[0]
    actors = set(forecast.get("actors") or ())
    ranked = []
    for candidate, text, cosine in zip(candidates, texts, cosines):
        if cosine >= COPY:
            continue
        shared = sorted(actors & set(candidate.pop("actor_ids", ()) or ()))
        score = float(cosine) + ACTOR_BONUS * min(len(shared), 2) + (TYPE_BONUS if candidate.pop("typed", False) else 0.0)
        ranked.append({**candidate, "text": text, "actors": shared, "similarity": round(float(cosine), 3),
                       "score": round(score, 3), "stance": stance(text)})
    ranked.sort(key=lambda c: (-c["score"], c["published"] or "", c["document_id"], c["span"]["start"]))
    return ranked


def later_documents(session: Session, forecast: dict) -> dict:
    """Documents published after the forecast was made (an undated forecast has no "later")."""
    if not forecast.get("made_on"):
        return {}
    query = (select(DocumentRow.id, DocumentRow.title, DocumentRow.published)
             .where(DocumentRow.published > forecast["made_on"], DocumentRow.id != forecast.get("document_id"))
             .order_by(DocumentRow.published).limit(MAX_DOCUMENTS))
    return {d.id: d for d in session.execute(query)}


def _event_types(session: Session, row: ForecastRow) -> set[str]:
    """The PLOVER types of the events in the forecast's own sentence."""
    sentence = (row.data or {}).get("sentence") or {}
    start, end = sentence.get("start", row.span_start), sentence.get("end", row.span_end)
    if not row.document_id or start is None or end is None:
        return set()
    return {t for t in session.scalars(select(EventRow.type).where(
        EventRow.document_id == row.document_id, EventRow.span_start >= start, EventRow.span_end <= end)) if t}


def _typed_events(session: Session, later: dict, types: set[str]) -> list[dict]:
    """Later events of the forecast's PLOVER types: the closest thing to "it happened" the ledger records."""
    if not types:
        return []
    ids = list(later)
    out = []
    for start in range(0, len(ids), 500):
        rows = session.scalars(select(EventRow).where(EventRow.document_id.in_(ids[start:start + 500]),
                                                      EventRow.type.in_(sorted(types))))
        out += [{"kind": "event", "document_id": e.document_id, "actor_ids": e.actors or [], "typed": True,
                 "span": {"start": e.span_start, "end": e.span_end, "text": e.text},
                 "sentence": e.sentence} for e in rows]
    return out


def _searched(session: Session, later: dict, forecast: dict) -> list[dict]:
    """Sentences sharing at least two content words with the forecast (one, for a short forecast), in the
    later documents that full-text search finds for those words."""
    words = sorted(keywords(forecast.get("text") or forecast.get("proposition")), key=len, reverse=True)[:6]
    if not words:
        return []
    hits: dict[str, int] = {}
    for word in words:
        found = matching(session, word)
        for (document_id,) in session.execute(select(found.c.id)):
            if document_id in later:
                hits[document_id] = hits.get(document_id, 0) + 1
    best = sorted(hits, key=lambda d: (-hits[d], d))[:SEARCH_DOCUMENTS]
    need = 1 if len(words) <= 2 else 2
    out = []
    for document_id, text in session.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(best))):
        begin = 0
        for match in [*SENTENCE_END.finditer(text), None]:
            end = match.start() if match else len(text)
            piece = text[begin:end]
            if len(_stems(piece) & _stems(" ".join(words))) >= need:
                lead = len(piece) - len(piece.lstrip())
                out.append({"kind": "sentence", "document_id": document_id, "actor_ids": [],
                            "span": {"start": begin + lead, "end": end, "text": piece.strip()}, "sentence": piece.strip()})
            begin = match.end() if match else end
    return out


def _stems(text: str) -> set[str]:
    """Content words cut to five letters, so that "address" meets "addressed" and "talks" meets "talk"."""
    return {w[:5] for w in keywords(text)}

"""Explicit mapping between ``model`` values and ledger rows, both ways.

The whole analysis is also kept as JSON (``analyses.data``), so items the tables have no column
for yet are never lost; the columns are what people filter and join on.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Iterator

from ..errors import OnrecordError
from ..model import Analysis, Author, CausalLink, Claim, Document, Event, Forecast, Quote, name_key
from .tables import (ITEM_TABLES, ActorRow, AnalysisRow, DocumentRow, ForecastRow, MentionRow,
                     TimeRow)


def date_of(value: Any) -> dt.date | None:
    """A date from "YYYY-MM-DD..." text (or a date); anything unreadable is None."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


TEXT_FIELDS = ("id", "title", "outlet", "published", "url", "language", "source", "text")


def check_fields(document: Document) -> None:
    """Refuse a document whose fields are not text, with a message that names the field (the
    database's own error for a dict title was a raw dump of the SQL and its parameters)."""
    for name in TEXT_FIELDS:
        value = getattr(document, name, None)
        if value is not None and not isinstance(value, str):
            raise OnrecordError("E109", f"could not be stored: the field {name!r} must be text, not "
                                        f"{type(value).__name__} ({str(value)[:60]!r})")
    for author in document.authors:
        if not isinstance(author.name, str) or not isinstance(author.role, (str, type(None))):
            raise OnrecordError("E109", f"could not be stored: an author must be text, not {author.name!r}"[:200])


def document_row(document: Document) -> DocumentRow:
    check_fields(document)
    authors = [{"name": a.name, "role": a.role} for a in document.authors]
    return DocumentRow(
        id=document.id, title=document.title, author=authors[0]["name"] if authors else None, authors=authors,
        outlet=document.outlet, published=date_of(document.published), url=document.url,
        language=document.language or "en", source=document.source, text=document.text, ingested_at=now())


def document_of(row: DocumentRow) -> Document:
    """The Document a row was made from (for re-analysis)."""
    return Document(text=row.text, id=row.id, title=row.title, outlet=row.outlet, url=row.url,
                    authors=tuple(Author(a.get("name"), a.get("role")) for a in row.authors or ()),
                    published=row.published.isoformat() if row.published else None,
                    language=row.language, source=row.source)


def analysis_row(analysis: Analysis, pipeline_version: str, data: dict | None = None) -> AnalysisRow:
    """``data`` is ``analysis.to_dict()`` when the caller has it already (it is the costly part)."""
    data = dict(data or analysis.to_dict())
    data.pop("document", None)
    return AnalysisRow(document_id=analysis.document.id, pipeline_version=pipeline_version,
                       analyzed_at=now(), warnings=data.get("warnings", []), data=data)


def item_rows(analysis: Analysis, data: dict | None = None) -> Iterator[tuple[type, dict]]:
    """(table, columns) for the actor mentions, times, events, quotes, claims and causal links of
    one analysis (not forecasts): plain column dicts, so a batch goes in as one multi-row INSERT."""
    doc_id = analysis.document.id
    for actor in analysis.actors:
        for span in actor.mentions:
            yield MentionRow, dict(document_id=doc_id, actor_id=actor.id, start=span.start, end=span.end,
                                   text=span.text)
    for time in analysis.times:
        yield TimeRow, dict(document_id=doc_id, item_id=time.id, type=time.type, value=time.value,
                            start_date=date_of(time.start), end_date=date_of(time.end),
                            span_start=time.span.start, span_end=time.span.end, text=time.span.text)
    data = data or analysis.to_dict()
    for kind, table in ITEM_TABLES.items():
        for n, (item, stored) in enumerate(zip(getattr(analysis, kind), data.get(kind, ())), start=1):
            yield table, dict(document_id=doc_id, **_item_columns(item, stored, f"{kind[0]}{n}"))


def actor_row(actor) -> ActorRow:
    return ActorRow(id=actor.id, name=actor.name, kind=actor.kind, country=actor.country, sector=actor.sector,
                    aliases=list(actor.aliases))


def _item_columns(item: Event | Quote | Claim | CausalLink, stored: dict, fallback_id: str) -> dict:
    """Columns of an event, quote, claim or causal link: its main span, sentence, actors, details;
    ``stored`` is the item's JSON, kept whole."""
    span = {Event: "trigger", Quote: "content", Claim: "span", CausalLink: "cause"}[type(item)]
    span = getattr(item, span)
    sentence = getattr(item, "sentence", None)
    columns = dict(item_id=str(item.id or fallback_id), span_start=span.start if span else None,
                   span_end=span.end if span else None, text=span.text if span else None,
                   sentence=sentence.text if sentence else None, actors=item_actors(item), rule=item.rule,
                   data=stored)
    if isinstance(item, Event):
        date = item.date
        columns.update(type=item.type, polarity=item.polarity, modality=item.modality,
                       date_start=date_of(date.start) if date else None, date_end=date_of(date.end) if date else None)
    elif isinstance(item, Quote):
        columns.update(speaker=item.speaker, kind=item.kind)
    elif isinstance(item, Claim):
        score = item.checkworthiness
        columns.update(kind=item.kind, checkworthiness=float(score) if score is not None else None)
    else:
        columns.update(cause=item.cause.text if item.cause else None, effect=item.effect.text if item.effect else None,
                       polarity=item.polarity)
    return columns


ACTOR_FIELDS = ("source", "target", "subjects", "speaker", "addressee", "asserted_by", "reported_by")


def item_actors(item) -> list[str]:
    """The actor ids an item involves, in field order, without "author" or repeats."""
    found: list[str] = []
    for name in ACTOR_FIELDS:
        value = getattr(item, name, None)
        for actor in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(actor, str) and actor and actor != "author" and actor not in found:
                found.append(actor)
    return found


def forecast_key(doc_id: str, forecast: Forecast) -> str:
    """Stable across re-analysis: document, sentence offsets, holder and the proposition's words."""
    words = " ".join(forecast.proposition.lower().split())
    digest = hashlib.sha256(f"{forecast.holder}\x00{words}".encode("utf-8")).hexdigest()[:10]
    return f"{doc_id}:{forecast.sentence.start}-{forecast.sentence.end}:{digest}"


def forecast_rows(analysis: Analysis, data: dict | None = None) -> list[ForecastRow]:
    document = analysis.document
    names = {a.id: a.name for a in analysis.actors}
    author = document.authors[0].name if document.authors else None
    author_id = author_actor(analysis)
    rows, keys = [], set()
    for forecast, item in zip(analysis.forecasts, (data or analysis.to_dict())["forecasts"]):
        key = forecast_key(document.id, forecast)
        while key in keys:  # the same words twice in one sentence: keep both, in order
            key += "+"
        keys.add(key)
        holder = (names.get(author_id) or author or "unknown author") if forecast.holder == "author" \
            else holder_name(forecast.holder, names)
        rows.append(ForecastRow(
            key=key, document_id=document.id, item_id=forecast.id, origin="extracted", holder=holder,
            holder_id=(author_id or "author") if forecast.holder == "author" else forecast.holder,
            outlet=document.outlet, proposition=forecast.proposition, question=forecast.question,
            probability=forecast.probability, probability_source=forecast.probability_source,
            probability_basis=forecast.probability_basis, made_on=date_of(document.published),
            due_on=due_date(forecast, document.published), horizon_text=forecast.horizon.text,
            horizon_open=forecast.horizon.open, subjects=list(forecast.subjects),
            span_start=forecast.span.start, span_end=forecast.span.end, text=forecast.span.text,
            sentence=forecast.sentence.text, url=document.url, rule=forecast.rule, retired=False, data=item,
            corrected=None))
    return rows


def author_actor(analysis: Analysis) -> str | None:
    """The actor the first byline author is (the speaker, for an address): the one the actors component
    made from the byline, else one whose name or alias is another spelling of the author's name."""
    if not analysis.document.authors:
        return None
    key = name_key(analysis.document.authors[0].name)
    for actor in analysis.actors:
        if actor.kind == "person" and key in {name_key(n) for n in (actor.name, *actor.aliases)}:
            return actor.id
    return next((a.id for a in analysis.actors if a.rule == "author"), None)


def holder_name(holder_id: str, names: dict[str, str]) -> str:
    """The actor's name, or words for a holder that is no actor: "unknown-speaker" (a quote whose
    speaker was not found) is shown as "unknown speaker", "the-senator" as "the senator"."""
    return names.get(holder_id) or holder_id.replace("-", " ")


def due_date(forecast: Forecast, published: str | None) -> dt.date | None:
    """When the forecast can be checked: the horizon's latest date, else its earliest, else
    publication + relative days; None for open horizons ("after the war"): a lower bound alone
    says when the forecast may start to come true, not when it can be judged."""
    horizon = forecast.horizon
    if horizon.open and not horizon.latest:
        return None
    day = date_of(horizon.latest) or date_of(horizon.earliest)
    if day:
        return day
    start = date_of(published)
    days = [d for d in (horizon.relative_days or ()) if d is not None]
    if start and days:
        return start + dt.timedelta(days=max(days))
    return None


FORECAST_FIELDS = ("key", "holder", "holder_id", "outlet", "origin", "proposition", "question", "probability",
                   "probability_source", "made_on", "due_on", "horizon_text", "horizon_open", "subjects",
                   "text", "sentence", "span_start", "span_end", "document_id", "url", "rule",
                   "probability_basis", "corrected")


def forecast_dict(row: ForecastRow) -> dict:
    out = {name: getattr(row, name) for name in FORECAST_FIELDS}
    for name in ("made_on", "due_on"):
        out[name] = out[name].isoformat() if out[name] else None
    out["origin_kind"] = origin_kind(row.origin)
    return out


def origin_kind(origin: str | None) -> str:
    """extracted (from a document), entered (by hand) or imported (from an outcome set, by its name)."""
    return origin if origin in ("extracted", "entered") else "imported"

"""Analyses built by hand from our own sentences, so ledger tests need no spaCy run."""
from __future__ import annotations

from onrecord.model import Actor, Analysis, Author, Document, Forecast, Horizon, Span


def span(text: str, part: str, start: int = 0) -> Span:
    begin = text.index(part, start)
    return Span(begin, begin + len(part), part)


def forecast(text: str, sentence: str, proposition: str, probability: float, *, latest: str | None = None,
             holder: str = "author", subjects=(), fid: str = "f1", relative_days=None) -> Forecast:
    return Forecast(id=fid, holder=holder, attributed=holder != "author", span=span(text, sentence),
                    sentence=span(text, sentence), proposition=proposition, probability=probability,
                    probability_cue=None, probability_source="test", subjects=tuple(subjects),
                    horizon=Horizon(text=None, earliest=None, latest=latest, relative_days=relative_days,
                                    open=latest is None and relative_days is None),
                    condition=None, question=f"Will {proposition}?", rule="test")


def actor(text: str, actor_id: str, name: str, *mentions: str) -> Actor:
    return Actor(id=actor_id, name=name, kind="state", mentions=tuple(span(text, m) for m in mentions))


def analysis(text: str, *, published: str | None = "2022-05-02", author: str = "Ada Writer", outlet: str = "Daily Test",
             title: str = "A test article", forecasts=(), actors=(), events=(), claims=()) -> Analysis:
    document = Document(text=text, title=title, authors=(Author(author, "columnist"),), outlet=outlet,
                        published=published, source="test")
    return Analysis(document=document, actors=tuple(actors), forecasts=tuple(forecasts), events=tuple(events),
                    claims=tuple(claims))


TEXT = ("Ruritania will hold elections in two weeks. The army of Ruritania will certainly not intervene. "
        "Trade between Ruritania and Freedonia is growing.")


def seed_article(**changes) -> Analysis:
    """Two forecasts by the author about Ruritania, the first due 2022-05-16, the second open."""
    text = changes.pop("text", TEXT)
    return analysis(text, forecasts=[
        forecast(text, "Ruritania will hold elections in two weeks.", "Ruritania will hold elections", 0.9,
                 latest="2022-05-16", subjects=["ruritania"], fid="f1"),
        forecast(text, "The army of Ruritania will certainly not intervene.", "the army of Ruritania will intervene",
                 0.05, subjects=["ruritania"], fid="f2"),
    ], actors=[actor(text, "ruritania", "Ruritania", "Ruritania"), actor(text, "freedonia", "Freedonia", "Freedonia")],
        **changes)

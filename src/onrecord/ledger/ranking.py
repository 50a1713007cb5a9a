"""Ranking holders (or outlets) by their scores, fairly: only actors, only with enough resolved forecasts.

The counts and Brier sums of every group come from one SQL ``GROUP BY``; full score cards (log score,
calibration with intervals) are made only for the page shown. A holder is ranked when
- it is an actor: an actor of the ledger of a kind that can hold a view (person, organization, state,
  bloc, group: the kinds the actors component gives), a document's author, or a holder of an imported
  outcome set (those are people by construction). Holders the pipeline found no actor for ("the region",
  "the world") are not ranked, whatever their score, unless a reader corrected the holder (a reader names
  a holder on purpose). Outlets are always actors;
- and it has at least ``min_resolved`` forecasts resolved yes or no: one quoted line is no record.
"""
from __future__ import annotations

from sqlalchemy import case, func, literal, or_, select
from sqlalchemy.orm import Session

from . import scoring
from .corrections import READER
from .resolution import current_resolutions
from .tables import ActorRow, ForecastRow
from .vocab import EVERYONE

ACTOR_KINDS = ("person", "organization", "state", "bloc", "group")
SORTS = {"count": lambda c: (-c["scored"], -c["forecasts"], c["_name"]),
         "brier": lambda c: (c["brier"] if c["brier"] is not None else 9, -c["scored"], c["_name"]),
         "skill": lambda c: (-(c["brier_skill_vs_base_rate"] if c["brier_skill_vs_base_rate"] is not None else -9),
                             -c["scored"], c["_name"]),
         "name": lambda c: (c["_name"].lower(), c["_name"])}
ORIGIN_KINDS = ("extracted", "imported", "entered")
BASES = ("stated", "estimative", "default")


def selection(*, origin: str | None = None, basis: str | None = None, holder: str | None = None,
              outlet: str | None = None) -> list:
    """WHERE clauses for forecasts on the books: ``origin`` is a kind (extracted, imported, entered) or an
    outcome set's name; ``basis`` where the probability came from (stated, estimative, default)."""
    where = [ForecastRow.retired.is_(False)]
    if origin == "imported":
        where.append(ForecastRow.origin.not_in(("extracted", "entered")))
    elif origin:
        where.append(ForecastRow.origin == origin)
    if basis:
        where.append(ForecastRow.probability_basis == basis)
    if holder:
        where.append(ForecastRow.holder == holder)
    if outlet:
        where.append(ForecastRow.outlet == outlet)
    return where


def _group(by: str):
    return {"holder": ForecastRow.holder, "outlet": ForecastRow.outlet}[by]


def _is_actor(by: str):
    if by == "outlet":
        return literal(1)
    return case((or_(ForecastRow.origin != "extracted", ForecastRow.holder_id == "author",
                     ForecastRow.holder_id.startswith(READER), ActorRow.kind.in_(ACTOR_KINDS)), 1), else_=0)


def totals(session: Session, by: str, where: list) -> list[dict]:
    """Per group: forecasts, resolved, scored, yes, the sum of squared errors, whether it is an actor."""
    current = current_resolutions().subquery()
    outcome = current.c.outcome
    scored = case((outcome.in_(("yes", "no")), 1), else_=0)
    yes = case((outcome == "yes", 1), else_=0)
    error = case((outcome == "yes", (1 - ForecastRow.probability) * (1 - ForecastRow.probability)),
                 (outcome == "no", ForecastRow.probability * ForecastRow.probability), else_=0.0)
    group = _group(by)
    query = (select(group, func.count(), func.count(current.c.id), func.sum(scored), func.sum(yes), func.sum(error),
                    func.max(_is_actor(by)), func.max(ActorRow.id))
             .select_from(ForecastRow).outerjoin(current, current.c.forecast_key == ForecastRow.key)
             .outerjoin(ActorRow, ActorRow.id == ForecastRow.holder_id).where(*where).group_by(group))
    return [{"name": name or "unknown", "forecasts": n, "resolved": r, "scored": int(s or 0), "yes": int(y or 0),
             "sse": float(e or 0), "actor": bool(a), "actor_id": actor if by == "holder" else None}
            for name, n, r, s, y, e, a, actor in session.execute(query)]


def base_rate(groups: list[dict]) -> float | None:
    scored = sum(g["scored"] for g in groups)
    return sum(g["yes"] for g in groups) / scored if scored else None


def summary(g: dict, rate: float | None, by: str, min_resolved: int) -> dict:
    """A group's counts, Brier and skill from its totals, and whether (and why not) it is ranked."""
    n = g["scored"]
    own = g["sse"] / n if n else None
    base = (g["yes"] * (1 - rate) ** 2 + (n - g["yes"]) * rate ** 2) / n if n and rate is not None else None
    reason = None if g["actor"] else "not an actor"
    if reason is None and n < min_resolved:
        reason = f"fewer than {min_resolved} resolved"
    return {by: g["name"], "_name": g["name"], "forecasts": g["forecasts"], "resolved": g["resolved"], "scored": n,
            "brier": own, "brier_skill_vs_base_rate": 1 - own / base if own is not None and base else None,
            "is_actor": g["actor"], "actor_id": g["actor_id"], "ranked": reason is None, "not_ranked_because": reason}


def pairs(session: Session, by: str, where: list, names: list[str] | None = None) -> list[tuple]:
    """(group, probability, current outcome) rows, for some groups only when ``names`` is given."""
    current = current_resolutions().subquery()
    group = _group(by)
    query = (select(group, ForecastRow.probability, current.c.outcome)
             .outerjoin(current, current.c.forecast_key == ForecastRow.key).where(*where))
    if names is not None:
        query = query.where(group.in_(names)) if "unknown" not in names else query.where(
            or_(group.in_(names), group.is_(None)))
    return [tuple(row) for row in session.execute(query)]


def everyone(session: Session, by: str, where: list, rate: float | None, groups: list[dict]) -> dict:
    """The card over every forecast of the selection, from its resolved ones (the others only count)."""
    current = current_resolutions().subquery()
    resolved = session.execute(select(ForecastRow.probability, current.c.outcome)
                               .join(current, current.c.forecast_key == ForecastRow.key).where(*where)).all()
    card = scoring.score_card(EVERYONE, [tuple(r) for r in resolved], rate, by)
    card["forecasts"] = sum(g["forecasts"] for g in groups)
    return card


def rank(session: Session, *, by: str = "holder", where: list, min_resolved: int = 0, sort: str = "count",
         page: int = 1, per_page: int | None = None) -> dict:
    """Ranked cards (sorted, one page of them as full score cards) and the groups not ranked, apart."""
    groups = totals(session, by, where)
    rate = base_rate(groups)
    summaries = [summary(g, rate, by, min_resolved) for g in groups]
    ranked = sorted((s for s in summaries if s["ranked"]), key=SORTS[sort])
    apart = sorted((s for s in summaries if not s["ranked"]), key=SORTS["count"])
    shown = ranked[(page - 1) * per_page:page * per_page] if per_page else ranked
    rows = pairs(session, by, where, [s["_name"] for s in shown]) if shown else []
    cards = {c[by]: c for c in scoring.score_groups(rows, by=by, rate=rate)}
    out = [{**cards.get(s["_name"], {}), **_public(s)} for s in shown]
    return {"cards": out, "not_ranked": [_public(s) for s in apart[:200]], "not_ranked_total": len(apart),
            "everyone": everyone(session, by, where, rate, groups),
            "ranking": {"min_resolved": min_resolved, "sort": sort, "page": page, "per_page": per_page,
                        "ranked_total": len(ranked),
                        "pages": max(1, -(-len(ranked) // per_page)) if per_page else 1}}


def card(session: Session, *, by: str, name: str, where: list, min_resolved: int = 0) -> dict | None:
    """One group's full card, scored among everyone in the selection (the base rate is everyone's)."""
    group = _group(by)
    own = totals(session, by, [*where, group.is_(None) if name == "unknown" else group == name])
    if not own:
        return None
    current = current_resolutions().subquery()
    yes, scored = session.execute(
        select(func.sum(case((current.c.outcome == "yes", 1), else_=0)), func.count())
        .select_from(ForecastRow).join(current, current.c.forecast_key == ForecastRow.key)
        .where(*where, current.c.outcome.in_(("yes", "no")))).one()
    rate = (yes or 0) / scored if scored else None
    (full,) = scoring.score_groups(pairs(session, by, where, [name]), by=by, rate=rate) or [{}]
    return {**full, **_public(summary(own[0], rate, by, min_resolved))}


def _public(s: dict) -> dict:
    return {k: v for k, v in s.items() if not k.startswith("_")}


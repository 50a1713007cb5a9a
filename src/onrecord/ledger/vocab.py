"""The ledger's words, defined once: what state a forecast is in, what a resolution can say, and
how score cards are grouped. The CLI, the web pages and the REST API all take them from here."""
from __future__ import annotations

import datetime as dt
from enum import Enum


class Status(str, Enum):
    """A forecast's state on the books: ``due`` is an open one past its due date; ``all`` filters nothing."""
    all = "all"
    due = "due"
    open = "open"
    resolved = "resolved"


class Outcome(str, Enum):
    """What a resolution says; only yes and no are scored."""
    yes = "yes"
    no = "no"
    ambiguous = "ambiguous"


class ScoreGroup(str, Enum):
    """What score cards are made per."""
    holder = "holder"
    outlet = "outlet"


class Basis(str, Enum):
    """Where a forecast's probability came from: a number in the text, a cue word's table value, or the
    default for a bare "will" (imported forecasts state theirs)."""
    stated = "stated"
    estimative = "estimative"
    default = "default"


class Sort(str, Enum):
    """How ranked score cards are ordered: most scored first, best Brier, best skill, or by name."""
    count = "count"
    brier = "brier"
    skill = "skill"
    name = "name"


STATUSES = tuple(s.value for s in Status)
OUTCOMES = tuple(o.value for o in Outcome)
SCORE_GROUPS = tuple(g.value for g in ScoreGroup)
EVERYONE = "everyone"  # the name of the score card over every forecast in a selection


def status_of(due_on: dt.date | None, outcome: str | None, today: dt.date) -> str:
    """resolved (any current resolution), due (unresolved, due date passed) or open."""
    if outcome:
        return Status.resolved.value
    return Status.due.value if due_on and due_on <= today else Status.open.value

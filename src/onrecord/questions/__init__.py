"""Questions, not sentences: which extracted forecasts predict the same outcome (grouping), and which
forecasting platform's question a forecast asks (linking). Plain functions over plain dicts and the
shared sentence encoder's vectors; the ledger stores what they decide and ``evaluate`` scores them."""
from __future__ import annotations

from .match import (GROUP_THRESHOLD, LINK_THRESHOLD, group, link, link_text, period_compatible, question_text,
                    same_outcome)

__all__ = ["GROUP_THRESHOLD", "LINK_THRESHOLD", "group", "link", "link_text", "period_compatible", "question_text",
           "same_outcome"]

"""When a forecast falls due: its horizon's end, publication + offset, or never for open horizons."""
from __future__ import annotations

import datetime as dt

import pytest

from onrecord.ledger.mapping import due_date
from onrecord.model import Forecast, Horizon, Span


def forecast(horizon: Horizon) -> Forecast:
    span = Span(0, 4, "Text")
    return Forecast(id="f1", holder="author", attributed=False, span=span, sentence=span, proposition="x",
                    probability=0.9, probability_cue=None, probability_source="", horizon=horizon,
                    condition=None, subjects=(), question="Will x?", rule="test")


@pytest.mark.parametrize("horizon, published, due", [
    (Horizon("in two weeks", "2022-05-16", "2022-05-16", (14, 14), False), "2022-05-02", dt.date(2022, 5, 16)),
    (Horizon("by the end of the year", "2022-05-02", "2022-12-31", None, False), "2022-05-02", dt.date(2022, 12, 31)),
    (Horizon("in two weeks", None, None, (14, 14), False), "2022-05-02", dt.date(2022, 5, 16)),
    (Horizon("after the war", "2022-05-02", None, (0, None), True), "2022-05-02", None),
    (Horizon(None, None, None, None, True), "2022-05-02", None),
])
def test_due_date_is_the_horizon_end_and_open_horizons_never_fall_due(horizon, published, due):
    assert due_date(forecast(horizon), published) == due

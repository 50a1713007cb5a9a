"""Scores against values worked out by hand."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.ledger import scoring

# Holder A: 0.9 -> yes, 0.8 -> no, 0.3 -> no, 0.6 -> ambiguous, 0.7 -> unresolved.
# Holder B: 0.5 -> yes.
ROWS = [("A", 0.9, "yes"), ("A", 0.8, "no"), ("A", 0.3, "no"), ("A", 0.6, "ambiguous"), ("A", 0.7, None),
        ("B", 0.5, "yes")]


def test_score_cards_match_hand_computed_values():
    a, b = scoring.score_groups(ROWS)
    # Brier A = ((0.9-1)^2 + (0.8-0)^2 + (0.3-0)^2) / 3 = (0.01 + 0.64 + 0.09) / 3
    assert (a["holder"], a["forecasts"], a["resolved"], a["scored"]) == ("A", 5, 4, 3)
    assert a["brier"] == pytest.approx(0.74 / 3)
    assert a["log_score"] == pytest.approx((math.log(0.9) + math.log(0.2) + math.log(0.7)) / 3)
    # Base rate over all four scored forecasts: 2 yes of 4 = 0.5, so it scores like always-50%.
    assert a["base_rate"]["probability"] == 0.5 and a["base_rate"]["brier"] == pytest.approx(0.25)
    assert a["always_50"] == {"brier": 0.25, "log_score": pytest.approx(math.log(0.5))}
    assert a["brier_skill_vs_base_rate"] == pytest.approx(1 - (0.74 / 3) / 0.25)
    assert (b["brier"], b["scored"]) == (0.25, 1)


def test_calibration_bins_count_mean_and_observed():
    (a, _) = scoring.score_groups(ROWS)
    assert [{k: b[k] for k in ("bin", "n", "mean_probability", "observed")} for b in a["calibration"]] == [
        {"bin": "0.3-0.4", "n": 1, "mean_probability": 0.3, "observed": 0.0},
        {"bin": "0.8-0.9", "n": 1, "mean_probability": 0.8, "observed": 0.0},
        {"bin": "0.9-1.0", "n": 1, "mean_probability": 0.9, "observed": 1.0},
    ]


@pytest.mark.parametrize("yes, n, low, high", [(0, 1, 0.0, 0.7935), (5, 10, 0.2366, 0.7634), (10, 10, 0.7225, 1.0),
                                               (1, 20, 0.0089, 0.2361)])
def test_calibration_bins_carry_wilson_95_percent_intervals(yes, n, low, high):
    """Values from the Wilson score formula worked by hand (z = 1.96)."""
    (b,) = scoring.calibration([(0.55, "yes")] * yes + [(0.55, "no")] * (n - yes))
    assert (b["low"], b["high"]) == (pytest.approx(low, abs=1e-4), pytest.approx(high, abs=1e-4))
    assert b["low"] <= b["observed"] <= b["high"]


@pytest.mark.parametrize("probability, bin_name", [(0.0, "0.0-0.1"), (0.1, "0.1-0.2"), (0.7, "0.7-0.8"),
                                                  (0.99, "0.9-1.0"), (1.0, "0.9-1.0")])
def test_calibration_puts_edges_in_the_upper_bin_and_one_in_the_last(probability, bin_name):
    assert scoring.calibration([(probability, "yes")])[0]["bin"] == bin_name


def test_certain_misses_have_a_finite_log_score():
    assert scoring.log_score([(0.0, "yes")]) == pytest.approx(math.log(scoring.CLIP))


def test_no_scored_forecasts_give_none_not_zero():
    (card,) = scoring.score_groups([("C", 0.4, None), ("C", 0.6, "ambiguous")])
    assert (card["brier"], card["log_score"], card["calibration"]) == (None, None, [])


@given(st.lists(st.tuples(st.floats(0, 1), st.sampled_from(["yes", "no", "ambiguous", None])), min_size=1))
def test_brier_stays_between_zero_and_one(pairs):
    value = scoring.brier(pairs)
    assert value is None or 0 <= value <= 1
    assert all(0 <= b["observed"] <= 1 and 0 <= b["mean_probability"] <= 1 for b in scoring.calibration(pairs))


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_calibration_plot_is_written_as_png_or_svg(tmp_path, suffix, magic):
    cards = scoring.score_groups(ROWS)
    everyone = scoring.score_card("all", [(p, o) for _, p, o in ROWS], 0.5)
    path = tmp_path / f"calibration{suffix}"
    scoring.plot_calibration(cards, everyone, str(path))
    assert path.read_bytes().startswith(magic)

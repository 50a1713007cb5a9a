"""Scoring forecast holders: Brier score, log score, calibration, and two naive forecasters to beat.

- Brier score (Brier 1950): mean of (p - o)^2 over forecasts resolved yes (o=1) or no (o=0);
  0 is perfect, 0.25 is what always saying 50% earns. Ambiguous resolutions are not scored.
- Log score: mean natural log of the probability given to what happened (0 is perfect, higher is
  better). Probabilities are clipped to [0.001, 0.999] first, because people do write 0% and 100%
  and one such miss would make the mean minus infinity.
- Calibration: forecasts binned by stated probability in tenths ([0, 0.1), ..., [0.9, 1.0]);
  per bin the count, the mean stated probability and the observed frequency of "yes", with its 95%
  Wilson score interval (Wilson 1927; Brown, Cai & DasGupta 2001 recommend it for small n, where
  the normal interval leaves [0, 1]): a bin of 3 forecasts says little, and the interval shows how little.
- Baselines: an always-50% forecaster, and a base-rate forecaster that always gives the share of
  "yes" among all scored forecasts in the selection.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Iterable

CLIP = 0.001
BINS = 10


def _scored(pairs: Iterable[tuple[float, str | None]]) -> list[tuple[float, int]]:
    return [(float(p), 1 if o == "yes" else 0) for p, o in pairs if o in ("yes", "no")]


def brier(pairs) -> float | None:
    scored = _scored(pairs)
    return sum((p - o) ** 2 for p, o in scored) / len(scored) if scored else None


def log_score(pairs) -> float | None:
    scored = _scored(pairs)
    if not scored:
        return None
    clip = [(min(max(p, CLIP), 1 - CLIP), o) for p, o in scored]
    return sum(math.log(p if o else 1 - p) for p, o in clip) / len(clip)


def forecast_brier(probability: float, outcome: str | None) -> float | None:
    """One forecast's Brier score, (p - o)^2, once resolved yes or no."""
    return brier([(probability, outcome)])


def was_right(probability: float, outcome: str | None) -> bool | None:
    """Whether a resolved forecast leaned the right way (over 50% and yes, under 50% and no);
    None for a 50% forecast, an ambiguous outcome or an open one."""
    if outcome not in ("yes", "no") or probability == 0.5:
        return None
    return (probability > 0.5) == (outcome == "yes")


def calibration(pairs, bins: int = BINS) -> list[dict]:
    """Non-empty bins in order; a probability of exactly 1 falls in the last bin."""
    groups: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for p, o in _scored(pairs):
        groups[min(int(round(p * bins, 9)), bins - 1)].append((p, o))
    out = []
    for i, items in sorted(groups.items()):
        yes = sum(o for _, o in items)
        low, high = wilson(yes, len(items))
        out.append({"bin": f"{i / bins:.1f}-{(i + 1) / bins:.1f}", "n": len(items),
                    "mean_probability": sum(p for p, _ in items) / len(items), "observed": yes / len(items),
                    "low": low, "high": high})
    return out


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for a proportion (95% with z=1.96); (0, 1) when n is 0."""
    if n == 0:
        return 0.0, 1.0
    share = successes / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def base_rate(pairs) -> float | None:
    scored = _scored(pairs)
    return sum(o for _, o in scored) / len(scored) if scored else None


def score_groups(rows: Iterable[tuple[str, float, str | None]], by: str = "holder",
                 rate: float | None = None) -> list[dict]:
    """One score card per group (holder or outlet) from (group, probability, outcome) rows;
    groups with the most scored forecasts first. ``rate``: the base rate, when the rows are not all."""
    rows = list(rows)
    rate = base_rate((p, o) for _, p, o in rows) if rate is None else rate
    groups: dict[str, list[tuple[float, str | None]]] = defaultdict(list)
    for name, p, o in rows:
        groups[name or "unknown"].append((p, o))
    cards = [score_card(name, pairs, rate, by) for name, pairs in groups.items()]
    return sorted(cards, key=lambda c: (-c["scored"], -c["forecasts"], c[by]))


def score_card(name: str, pairs: list[tuple[float, str | None]], rate: float | None, by: str = "holder") -> dict:
    scored = _scored(pairs)
    own = brier(pairs)
    base = {"probability": rate, "brier": brier((rate, o) for p, o in pairs) if rate is not None else None,
            "log_score": log_score((rate, o) for p, o in pairs) if rate is not None else None}
    skill = 1 - own / base["brier"] if own is not None and base["brier"] else None
    return {by: name, "forecasts": len(pairs), "resolved": sum(1 for _, o in pairs if o is not None),
            "scored": len(scored), "brier": own, "log_score": log_score(pairs),
            "calibration": calibration(pairs),
            "always_50": {"brier": 0.25 if scored else None, "log_score": math.log(0.5) if scored else None},
            "base_rate": base, "brier_skill_vs_base_rate": skill}


def plot_calibration(cards: list[dict], everyone: dict, path: str, *, top: int = 5, by: str = "holder") -> None:
    """A reliability diagram (observed vs stated probability, counts written by each point) over a
    bar chart of how many forecasts fall in each bin. SVG or PNG by the file's suffix."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (top_ax, bottom) = plt.subplots(2, 1, figsize=(7, 8), height_ratios=[3, 1], sharex=True)
    top_ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    _curve(top_ax, everyone["calibration"], f"all ({everyone['scored']} scored, Brier {_fmt(everyone['brier'])})",
           "black", counts=True)
    for card in [c for c in cards if c["scored"]][:top] if len(cards) > 1 else []:
        _curve(top_ax, card["calibration"], f"{card[by]} ({card['scored']}, Brier {_fmt(card['brier'])})", None)
    top_ax.set(ylabel="observed frequency of yes", xlim=(0, 1), ylim=(-0.02, 1.02), title="Calibration")
    top_ax.legend(loc="upper left", fontsize="small")
    bins = everyone["calibration"]
    centers = [float(b["bin"].split("-")[0]) + 0.05 for b in bins]
    bottom.bar(centers, [b["n"] for b in bins], width=0.09, color="grey")
    for x, b in zip(centers, bins):
        bottom.annotate(str(b["n"]), (x, b["n"]), ha="center", va="bottom", fontsize="small")
    bottom.set(xlabel="stated probability", ylabel="forecasts")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def _curve(ax, bins: list[dict], label: str, color, counts: bool = False) -> None:
    xs = [b["mean_probability"] for b in bins]
    ys = [b["observed"] for b in bins]
    ax.plot(xs, ys, marker="o", label=label, color=color)
    if counts and all("low" in b for b in bins):  # everyone's curve: 95% Wilson intervals per bin
        ax.errorbar(xs, ys, yerr=[[y - b["low"] for y, b in zip(ys, bins)], [b["high"] - y for y, b in zip(ys, bins)]],
                    fmt="none", ecolor=color, alpha=0.5, capsize=3)
    if counts:
        for x, y, b in zip(xs, ys, bins):
            ax.annotate(f"n={b['n']}", (x, y), textcoords="offset points", xytext=(4, -12), fontsize="x-small")


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"

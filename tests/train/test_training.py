"""Training: the check-worthiness training split's hygiene, the forecast detector's trainer, the registry."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.evaluate.claims import read_checkthat
from onrecord.train import TRAINERS
from onrecord.train.claims import _key, training_set


def test_every_shipped_model_has_one_trainer():
    assert set(TRAINERS) == {"claims", "causal", "forecasts"}


@pytest.mark.shared
def test_forecast_detector_trains_from_gold_and_loads(shared, tmp_path):
    """A detector trained on a small slice of our gold is written, loads, and reports its dev figures; the
    shipped file is not touched."""
    import yaml

    from onrecord.nlp.forecasts.detector import Detector
    from onrecord.train.forecasts import train

    gold = Path(__file__).resolve().parents[2] / "eval" / "gold"
    for split, keep in (("train", 4), ("dev", 2)):
        data = yaml.safe_load((gold / f"forecasts-{split}.yaml").read_text(encoding="utf-8"))
        (tmp_path / f"forecasts-{split}.yaml").write_text(yaml.safe_dump({"documents": data["documents"][:keep]}))
    result = train(tmp_path, tmp_path / "detector.npz")
    detector = Detector(tmp_path / "detector.npz")
    assert 0 < detector.threshold < 1 and 0 < detector.threshold_other < 1
    assert result["train_documents"] == 4 and result["dev_documents"] == 2 and 0 <= result["dev"]["f1"] <= 1


@pytest.mark.shared
def test_training_set_excludes_dev_test_and_test(shared):
    path = shared / "data" / "claims"
    held = {_key(t) for split in ("dev-test", "test") for t, _ in read_checkthat(path, split)}
    train = training_set(path)
    assert len(train) > 9000
    assert not held & {_key(t) for t, _ in train}
    assert len({_key(t) for t, _ in train}) == len(train)


@pytest.mark.shared
def test_causal_models_train_from_cnc_and_load(shared, tmp_path):
    """`onrecord train causal` on a slice of CNC v2 writes one small file that the component loads (sentence
    weights, link ranker, thresholds), the same bytes twice over; the shipped file is not touched."""
    import csv

    import numpy as np

    from onrecord.nlp.causal import model as causal_model
    from onrecord.train.causal import train

    cnc = shared / "data" / "causal" / "cnc-v2"
    data = tmp_path / "cnc-v2"
    data.mkdir()
    for name, keep in (("train_subtask1.csv", 80), ("train_subtask2.csv", 60), ("dev_subtask2_grouped.csv", 30)):
        with (cnc / name).open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        with (data / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows[:keep])
    shipped = causal_model.MODEL.read_bytes()
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    report = train(data, first)
    train(data, second)
    assert causal_model.MODEL.read_bytes() == shipped
    assert report["bytes"] < 200_000 and 0.0 <= report["link_threshold"] <= report["second_threshold"] <= 1.0
    a, b = causal_model.load(str(first)), causal_model.load(str(second))
    assert set(a) >= {"w", "ranker", "link_threshold", "second_threshold"}
    assert all(np.array_equal(a[k], b[k]) for k in ("w", "ranker"))

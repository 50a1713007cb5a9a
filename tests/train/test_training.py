"""Training: the check-worthiness training split's hygiene, the forecast detector's and the attribution
model's trainers, the registry."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.evaluate.claims import read_checkthat
from onrecord.train import TRAINERS
from onrecord.train.claims import _key, training_set


def test_every_shipped_model_has_one_trainer():
    assert set(TRAINERS) == {"claims", "claims-accurate", "causal", "forecasts", "quotes"}


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
def test_training_set_excludes_dev_dev_test_and_test(shared):
    path = shared / "data" / "claims"
    held = {_key(t) for split in ("dev", "dev-test", "test") for t, _ in read_checkthat(path, split)}
    train = training_set(path)
    assert len(train) > 20000
    assert not held & {_key(t) for t, _ in train}
    assert len({_key(t) for t, _ in train}) == len(train)


@pytest.mark.shared
def test_forecast_training_learns_from_corrections_exported_beside_the_gold(shared, tmp_path):
    """`onrecord corrections export --format gold` beside the gold: its documents join the training set."""
    import sys

    import yaml

    from onrecord.ledger import Ledger
    from onrecord.ledger.corrections import gold_yaml
    from onrecord.train.forecasts import train

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledger"))
    from ledger_records import seed_article

    gold = Path(__file__).resolve().parents[2] / "eval" / "gold"
    for split, keep in (("train", 2), ("dev", 2)):
        data = yaml.safe_load((gold / f"forecasts-{split}.yaml").read_text(encoding="utf-8"))
        (tmp_path / f"forecasts-{split}.yaml").write_text(yaml.safe_dump({"documents": data["documents"][:keep]}))
    with Ledger(f"sqlite:///{tmp_path / 'ledger.db'}") as ledger:
        ledger.add([seed_article()])
        key = ledger.forecasts()["forecasts"][-1]["key"]
        ledger.correct(key, by="ann", not_forecast=True)
        (tmp_path / "forecasts-corrections.yaml").write_text(gold_yaml(ledger.corrections_gold()), encoding="utf-8")
    result = train(tmp_path, tmp_path / "detector.npz")
    assert result["train_documents"] == 3 and result["dev_documents"] == 2


def test_attribution_model_trains_from_polnear_and_loads(shared, tmp_path):
    """A model trained on a slice of PolNeAR train is written, loads, and reports its held-out figures
    beside the rules' own; the shipped file is not touched."""
    import shutil

    from onrecord.nlp.quotes.attribution import MODEL, AttributionModel
    from onrecord.train.quotes import train

    source = shared / "data" / "quotes" / "polnear-train"
    before = MODEL.read_bytes()
    for folder in ("text", "attributions"):
        (tmp_path / folder).mkdir()
    for ann in sorted((source / "attributions").glob("*.ann"))[:12]:
        shutil.copy(ann, tmp_path / "attributions" / ann.name)
        text = ann.stem.rsplit("_", 1)[0] + ".txt"
        shutil.copy(source / "text" / text, tmp_path / "text" / text)
    result = train(tmp_path, tmp_path / "quotes.npz")
    model = AttributionModel(tmp_path / "quotes.npz")
    assert result["documents"] == 12 and result["held_out_documents"] == 2
    assert 0 <= result["held_out"]["overlap50_f1"] <= 1 and 0 <= result["held_out_rules_alone"]["overlap50_f1"] <= 1
    assert 0 < model.add_threshold < 1 and "say" in model.lemmas
    assert MODEL.read_bytes() == before


def test_check_worthiness_trains_on_a_slice_and_takes_its_threshold_from_dev(shared, tmp_path):
    """A model trained on the first rows of each CT24 file is written and loads; the shipped file is untouched."""
    from onrecord.evaluate.claims import SPLITS
    from onrecord.nlp.claims import MODEL_PATH, CheckWorthiness
    from onrecord.train.claims import train

    source, folder = shared / "data" / "claims" / "checkthat2024-en", tmp_path / "checkthat2024-en"
    folder.mkdir()
    for name in SPLITS.values():
        lines = (source / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / name).write_text("".join(lines[:301]), encoding="utf-8")
    shipped = MODEL_PATH.read_bytes()
    result = train(tmp_path, tmp_path / "claims.npz", iterations=50)
    model = CheckWorthiness.from_disk(tmp_path / "claims.npz")
    assert model.threshold == result["threshold"] and 0 < model.threshold < 1 and not model.needs_vectors
    assert result["train_sentences"] > 250 and 0 < result["dev_f1"] <= 1
    assert MODEL_PATH.read_bytes() == shipped


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

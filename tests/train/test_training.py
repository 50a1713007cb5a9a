"""Training: the check-worthiness training split's hygiene, the forecast detector's trainer, the registry."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.evaluate.claims import read_checkthat
from onrecord.train import TRAINERS
from onrecord.train.claims import _key, training_set


def test_every_shipped_model_has_one_trainer():
    assert set(TRAINERS) == {"claims", "claims-accurate", "causal", "forecasts"}


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

"""Check-worthiness on the held-out CheckThat! 2024 English files, and the training split's hygiene."""
from __future__ import annotations

import pytest

from onrecord.evaluate.claims import _key, read_checkthat, training_set

pytestmark = pytest.mark.shared


def test_training_set_excludes_dev_test_and_test(shared):
    path = shared / "data" / "claims"
    held = {_key(t) for split in ("dev-test", "test") for t, _ in read_checkthat(path, split)}
    train = training_set(path)
    assert len(train) > 9000
    assert not held & {_key(t) for t, _ in train}
    assert len({_key(t) for t, _ in train}) == len(train)


def test_checkworthiness_f1_floor_on_checkthat_2024(shared):
    from onrecord.evaluate.claims import evaluate

    scores = evaluate(str(shared / "data" / "claims" / "checkthat2024-en"))
    assert scores["test sentences"] == 341 and scores["dev-test sentences"] == 318
    assert scores["dev-test f1"] >= 0.74
    assert scores["test f1"] >= 0.58

"""Training the check-worthiness model: the training split's hygiene, and the registry of trainers."""
from __future__ import annotations

import pytest

from onrecord.evaluate.claims import read_checkthat
from onrecord.train import TRAINERS
from onrecord.train.claims import _key, training_set


def test_every_shipped_model_has_one_trainer():
    assert set(TRAINERS) == {"claims", "causal"}


@pytest.mark.shared
def test_training_set_excludes_dev_test_and_test(shared):
    path = shared / "data" / "claims"
    held = {_key(t) for split in ("dev-test", "test") for t, _ in read_checkthat(path, split)}
    train = training_set(path)
    assert len(train) > 9000
    assert not held & {_key(t) for t, _ in train}
    assert len({_key(t) for t, _ in train}) == len(train)

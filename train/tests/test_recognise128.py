"""train.studies.recognise128's two pieces of arithmetic, on closed forms (no data, no classifier)."""
import numpy as np

from train.labels import CATEGORIES
from train.studies.recognise128 import CONFIDENT, pool_to_64, summary


def test_pool_to_64_is_the_mean_of_each_2x2_block():
    rng = np.random.RandomState(0)
    images = rng.randint(0, 256, (2, 128, 128, 3)).astype(np.uint8)
    pooled = pool_to_64(images)
    assert pooled.shape == (2, 64, 64, 3) and pooled.dtype == np.uint8
    want = images[:, 6:8, 10:12].astype(np.float64).mean(axis=(1, 2))    # block (3, 5)
    assert np.array_equal(pooled[:, 3, 5], np.round(want).astype(np.uint8))
    assert np.array_equal(pool_to_64(pooled), pooled)                     # 64 px: unchanged


def test_summary_counts_confident_samples_and_the_predicted_classes():
    k = len(CATEGORIES)
    probs = np.full((4, k), 0.1 / (k - 1))
    probs[0, 0] = probs[1, 0] = probs[2, 2] = 0.9                        # three sure samples
    probs[3] = 1.0 / k                                                   # one unsure
    s = summary(probs)
    assert CONFIDENT < 0.9 and 1.0 / k < CONFIDENT
    assert s["confident_share"] == 0.75
    assert abs(s["mean_top_probability"] - (0.9 * 3 + 1.0 / k) / 4) < 1e-12
    assert s["predicted_share"][CATEGORIES[0]] == 0.75 and s["predicted_share"][CATEGORIES[2]] == 0.25

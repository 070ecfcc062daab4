"""train.studies.nearest_pairs on synthetic images: planted near-copies come first, with their
training image."""
import numpy as np

from train.studies.nearest_pairs import closest_pairs


def test_planted_near_copies_are_the_closest_pairs_with_their_training_images():
    rng = np.random.RandomState(0)
    train = rng.randint(0, 256, (40, 16, 16, 3)).astype(np.uint8)
    samples = rng.randint(0, 256, (30, 16, 16, 3)).astype(np.uint8)
    samples[7] = np.clip(train[12].astype(int) + 1, 0, 255)          # nearly a copy
    samples[21] = np.clip(train[3].astype(int) + 4, 0, 255)          # a little further
    order, dist, nearest = closest_pairs(samples, train, 3)
    assert list(order[:2]) == [7, 21] and list(nearest[:2]) == [12, 3]
    assert dist[0] < dist[1] < dist[2]
    assert dist[0] <= 1 / 255 + 1e-6                                 # RMS in [0, 1] pixels

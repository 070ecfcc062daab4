"""How recognisable the 128 px pair's samples are (issue 26), measured by two category
classifiers (train.classifier): emoji64's 64 px one on the samples average-pooled to 64 px, and
one trained on the pair's own data, twemoji128's training split at 128 px, on the samples as they
are (its held-out split is the pair's: emoji neither it nor the pair saw).

The pair is unconditional, so there is no asked-for class to score (the GAN-test of
train.eval_cond). What is measured instead is how sure each classifier is: the share of samples
whose most likely category has probability >= CONFIDENT, and the mean of that top probability,
beside the same numbers on real held-out images. For the 64 px classifier the reference is its own
held-out split, Twitter images only (64 px PNGs rendered from the same Twemoji the pair trains
on); the pair's held-out Twemoji, pooled to 64 px, are reported too, but most of those emoji (270
of 315) are in that classifier's training split, so they flatter it.

    python3 -m train.studies.recognise128 [--keep train/runs/eval_shift] [--out docs/model128/recognise.json]

Reads the cells' samples that train.studies.eval_shift keeps (uint8 .npy, one per cell). Trains
either classifier first if train/runs/ lacks it (128 px: ~10 min on one core).
"""
import argparse
import glob
import json
import os

import numpy as np
import torch

from ..classifier import labelled_splits, load_or_train
from ..diffusion import to_model_range
from ..labels import CATEGORIES, dataset_labels
from .. import data as data_mod
from .. import twemoji
from .eval_shift import DOCS, KEEP
CONFIDENT = 0.5


@torch.no_grad()
def probabilities(model, images, batch=256):
    """uint8 [N, S, S, 3] -> float [N, len(CATEGORIES)] softmax probabilities."""
    out = [torch.softmax(model(to_model_range(torch.from_numpy(images[i:i + batch]))), 1)
           for i in range(0, len(images), batch)]
    return torch.cat(out).numpy()


def pool_to_64(images):
    """uint8 [N, S, S, 3] -> uint8 [N, 64, 64, 3], each pixel the mean of its S/64 x S/64 block."""
    n, s = images.shape[:2]
    f = s // 64
    blocks = images.reshape(n, 64, f, 64, f, 3).astype(np.float32).mean(axis=(2, 4))
    return np.clip(np.round(blocks), 0, 255).astype(np.uint8)


def summary(probs):
    top = probs.max(1)
    hist = np.bincount(probs.argmax(1), minlength=len(CATEGORIES)) / len(probs)
    return dict(n=len(probs), confident_share=float((top >= CONFIDENT).mean()),
                mean_top_probability=float(top.mean()),
                predicted_share={c: round(float(h), 4) for c, h in zip(CATEGORIES, hist)})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", default=KEEP)
    ap.add_argument("--out", default=os.path.join(DOCS, "recognise.json"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    cells = {os.path.basename(p)[:-len(".npy")]: np.load(p)
             for p in sorted(glob.glob(os.path.join(args.keep, "*.npy")))}

    # the 64 px classifier, on everything pooled to 64 px
    model, heldout_accuracy, _ = load_or_train(dataset="emoji64")
    d = data_mod.build()
    labels = dataset_labels(d["index"])["heldout"]
    twitter = labels[:, 1] == data_mod.VENDORS.index("twitter") + 1
    real = probabilities(model, d["heldout"][twitter])
    res = dict(classifier="train/runs/classifier.pt (train.classifier), on samples pooled to 64 px",
               confident_threshold=CONFIDENT,
               classifier_heldout_accuracy_both_vendors=heldout_accuracy,
               classifier_heldout_accuracy_twitter=float(
                   (real.argmax(1) + 1 == labels[twitter, 0]).mean()),
               real_heldout_twitter_64px=summary(real),
               real_twemoji128_heldout_pooled=summary(
                   probabilities(model, pool_to_64(twemoji.build()["heldout"]))),
               cells={k: summary(probabilities(model, pool_to_64(v))) for k, v in cells.items()})

    # the 128 px classifier, trained on the pair's own training split, on the samples as they are
    model128, accuracy128, per128 = load_or_train(dataset="twemoji128")
    held_images, _ = labelled_splits("twemoji128")["heldout"]
    res["classifier_128px"] = dict(
        classifier="train/runs/classifier128.pt (train.classifier on twemoji128's training split)",
        heldout_accuracy=accuracy128,
        heldout_accuracy_per_class={k: dict(accuracy=a, n=n) for k, (a, n) in per128.items()},
        real_twemoji128_heldout=summary(probabilities(model128, held_images)),
        cells={k: summary(probabilities(model128, v)) for k, v in cells.items()})
    for k in cells:
        print(k, "64 px:", json.dumps(_short(res["cells"][k])),
              "128 px:", json.dumps(_short(res["classifier_128px"]["cells"][k])), flush=True)
    with open(args.out, "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps({k: v for k, v in res.items() if k != "cells"}, indent=1))


def _short(summary_dict):
    return {k: round(v, 3) for k, v in summary_dict.items() if k != "predicted_share"}


if __name__ == "__main__":
    main()

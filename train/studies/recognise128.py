"""How recognisable the 128 px pair's samples are (issue 26), measured by train.classifier, the
64 px category classifier of the emoji64 evaluation, on the samples average-pooled to 64 px.

The pair is unconditional, so there is no asked-for class to score (the GAN-test of
train.eval_cond). What is measured instead is how sure the classifier is: the share of samples
whose most likely category has probability >= CONFIDENT, and the mean of that top probability,
beside the same numbers on real images. The reference is the classifier's own held-out split,
Twitter images only (64 px PNGs rendered from the same Twemoji the pair trains on; emoji it never
saw). The pair's held-out Twemoji, pooled to 64 px, are reported too, but most of those emoji
(270 of 315) are in the classifier's training split as 64 px PNGs, so they flatter it.

    python3 -m train.studies.recognise128 [--keep train/runs/eval_shift] [--out docs/model128/recognise.json]

Reads the cells' samples that train.studies.eval_shift keeps (uint8 .npy, one per cell).
"""
import argparse
import glob
import json
import os

import numpy as np
import torch

from ..classifier import load_or_train
from ..diffusion import to_model_range
from ..labels import CATEGORIES, dataset_labels
from .. import data as data_mod
from .. import twemoji

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))    # train/
ROOT = os.path.dirname(HERE)
CONFIDENT = 0.5


@torch.no_grad()
def probabilities(model, images, batch=256):
    """uint8 [N, 64, 64, 3] -> float [N, len(CATEGORIES)] softmax probabilities."""
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
    ap.add_argument("--keep", default=os.path.join(HERE, "runs", "eval_shift"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "model128", "recognise.json"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    model, heldout_accuracy, _ = load_or_train()
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
               cells={})
    for path in sorted(glob.glob(os.path.join(args.keep, "*.npy"))):
        key = os.path.basename(path)[:-len(".npy")]
        res["cells"][key] = summary(probabilities(model, pool_to_64(np.load(path))))
        print(key, json.dumps({k: v for k, v in res["cells"][key].items() if k != "predicted_share"}),
              flush=True)
    with open(args.out, "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps({k: v for k, v in res.items() if k != "cells"}, indent=1))


if __name__ == "__main__":
    main()

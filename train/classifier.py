"""A small category classifier of emoji, the judge of "is this sample recognisable as what was
asked for" (the GAN-test accuracy of Shmelkov et al. 2018, "How good is my GAN?"): one for the
64 px emoji64 data (Google and Twitter), one for the 128 px twemoji128 data (issue 26).

Trained on the real training split (train.data, labels from train.labels), judged on the held-out
split, whose emoji it never saw: its held-out accuracy is the ceiling a generator's GAN-test
accuracy is compared with. Class-balanced cross-entropy (people, with their skin tones, are 60 % of
the images), random shifts of up to 1/16 of the width (4 px at 64) and, for every class but flags
and symbols (text, arrows), horizontal flips.

    python3 -m train.classifier [--dataset emoji64|twemoji128]
        trains (64 px: ~2-4 min on 2 cores; 128 px: ~10 min on one core) and writes
        train/runs/classifier.pt (classifier128.pt)
"""
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from .diffusion import to_model_range
from .labels import CATEGORIES

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PATH = os.path.join(HERE, "runs", "classifier.pt")
PATHS = {"emoji64": DEFAULT_PATH, "twemoji128": os.path.join(HERE, "runs", "classifier128.pt")}
# Stage widths per image size: each stage halves the size, so 128 px gets a thin extra stage in
# front (16 channels at 64x64) and then costs ~1.5x the 64 px net, not 4x.
WIDTHS = {64: (32, 64, 128, 192), 128: (16, 32, 64, 128, 192)}
# Epochs per image size: twemoji128 has half emoji64's images (one vendor); measured on its held-out
# split, 12 epochs gave 0.589 accuracy (loss still falling), 30 gave 0.745 (docs/MODEL_CARD_128.md)
EPOCHS = {64: 12, 128: 30}
NO_FLIP = {CATEGORIES.index("flags") + 1, CATEGORIES.index("symbols") + 1}


class Classifier(nn.Module):
    """Stride-2 conv stages (64 -> 4 px with WIDTHS[64]), GroupNorm + SiLU, global average pool,
    linear head. Input NHWC in [-1, 1]; output logits over CATEGORIES (class i is label i + 1)."""

    def __init__(self, widths=WIDTHS[64]):
        super().__init__()
        layers, c = [], 3
        for w in widths:
            layers += [nn.Conv2d(c, w, 3, stride=2, padding=1), nn.GroupNorm(8, w), nn.SiLU(),
                       nn.Conv2d(w, w, 3, padding=1), nn.GroupNorm(8, w), nn.SiLU()]
            c = w
        self.features = nn.Sequential(*layers)
        self.head = nn.Linear(c, len(CATEGORIES))

    def forward(self, x):
        h = self.features(x.permute(0, 3, 1, 2))
        return self.head(h.mean(dim=(2, 3)))


def augment(x, labels, g):
    """Random shifts (white fill) of up to size / 16 px, and horizontal flips where the class
    allows."""
    n, size = x.shape[:2]
    m = size // 16
    pad = F.pad(x.permute(0, 3, 1, 2), (m, m, m, m), value=1.0)             # white border
    dy, dx = torch.randint(0, 2 * m + 1, (2, n), generator=g)
    out = torch.stack([pad[i, :, dy[i]:dy[i] + size, dx[i]:dx[i] + size] for i in range(n)])
    flip = (torch.rand(n, generator=g) < 0.5) & torch.tensor(
        [int(c) not in NO_FLIP for c in labels])
    out = torch.where(flip[:, None, None, None], out.flip(3), out)
    return out.permute(0, 2, 3, 1)


def train_classifier(images, labels, epochs=None, batch=128, lr=2e-3, seed=0, log=print):
    """images uint8 [N, S, S, 3] (S in WIDTHS); labels int [N] in 1..9; epochs: EPOCHS[S] unless
    given. Returns the classifier."""
    epochs = epochs or EPOCHS[images.shape[1]]
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    model = Classifier(WIDTHS[images.shape[1]])
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.05)
    counts = np.bincount(labels - 1, minlength=len(CATEGORIES)).astype(np.float64)
    weight = torch.tensor(counts.sum() / (len(CATEGORIES) * np.maximum(counts, 1)),
                          dtype=torch.float32)
    x_all = to_model_range(torch.from_numpy(images))
    y_all = torch.from_numpy(labels.astype(np.int64) - 1)
    steps = epochs * (len(images) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=steps)
    model.train()
    t0 = time.time()
    for step in range(steps):
        idx = torch.randint(0, len(images), (batch,), generator=g)
        x = augment(x_all[idx], y_all[idx] + 1, g)
        loss = F.cross_entropy(model(x), y_all[idx], weight=weight)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if (step + 1) % 100 == 0:
            log(f"classifier step {step + 1}/{steps} loss {loss.item():.3f} "
                f"{time.time() - t0:.0f} s")
    return model.eval()


@torch.no_grad()
def predict(model, images, batch=256):
    """uint8 [N, S, S, 3] -> predicted labels int [N] in 1..9."""
    out = []
    for i in range(0, len(images), batch):
        out.append(model(to_model_range(torch.from_numpy(images[i:i + batch]))).argmax(1) + 1)
    return torch.cat(out).numpy()


def accuracy_by_class(pred, labels):
    """Overall accuracy and {category name: (accuracy, count)}."""
    per = {}
    for i, name in enumerate(CATEGORIES):
        m = labels == i + 1
        if m.any():
            per[name] = (float((pred[m] == labels[m]).mean()), int(m.sum()))
    return float((pred == labels).mean()), per


def labelled_splits(dataset):
    """{split: (uint8 images, int labels in 1..9)} of a dataset, its images without a category left
    out (twemoji128: Twemoji's regional-indicator letters and own extras; train.labels)."""
    from . import data as data_mod
    from .labels import training_labels
    d = data_mod.build_dataset(dataset)
    labels = {s: l[:, 0] for s, l in training_labels(dataset, d["index"]).items()}
    return {s: (d[s][labels[s] > 0], labels[s][labels[s] > 0]) for s in ("train", "heldout")}


def load_or_train(path=None, log=print, dataset="emoji64"):
    """The classifier of `dataset` at `path` (PATHS[dataset]), trained on the training split first
    if it is not there. Returns (model, held-out accuracy, per-class held-out accuracy)."""
    path = path or PATHS[dataset]
    splits = labelled_splits(dataset)
    images, labels = splits["train"]
    widths = WIDTHS[images.shape[1]]
    if os.path.exists(path):
        model = Classifier(widths)
        model.load_state_dict(torch.load(path))
        model.eval()
    else:
        model = train_classifier(images, labels, log=log)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        torch.save(model.state_dict(), path)
    acc, per = accuracy_by_class(predict(model, splits["heldout"][0]), splits["heldout"][1])
    return model, acc, per


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", choices=sorted(PATHS), default="emoji64")
    torch.set_num_threads(2)
    _, acc, per = load_or_train(dataset=ap.parse_args().dataset)
    print("held-out accuracy", round(acc, 3), {k: (round(a, 2), n) for k, (a, n) in per.items()})

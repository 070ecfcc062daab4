"""A small category classifier of 64 px emoji, the judge of "is this sample recognisable as what
was asked for" (the GAN-test accuracy of Shmelkov et al. 2018, "How good is my GAN?").

Trained on the real training split (train.data, labels from train.labels), judged on the held-out
split, whose emoji it never saw: its held-out accuracy is the ceiling a generator's GAN-test
accuracy is compared with. Class-balanced cross-entropy (people, with their skin tones, are 60 % of
the images), random shifts of up to 4 px and, for every class but flags and symbols (text,
arrows), horizontal flips.

    python3 -m train.classifier        # trains (~2-4 min on 2 cores), writes train/runs/classifier.pt
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
NO_FLIP = {CATEGORIES.index("flags") + 1, CATEGORIES.index("symbols") + 1}


class Classifier(nn.Module):
    """4 stride-2 conv stages (64 -> 4 px), GroupNorm + SiLU, global average pool, linear head.
    Input NHWC in [-1, 1]; output logits over CATEGORIES (class i is label i + 1)."""

    def __init__(self, widths=(32, 64, 128, 192)):
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
    """Random shifts (white fill) of up to 4 px, and horizontal flips where the class allows."""
    n = x.shape[0]
    pad = F.pad(x.permute(0, 3, 1, 2), (4, 4, 4, 4), value=1.0)             # white border
    dy, dx = torch.randint(0, 9, (2, n), generator=g)
    out = torch.stack([pad[i, :, dy[i]:dy[i] + 64, dx[i]:dx[i] + 64] for i in range(n)])
    flip = (torch.rand(n, generator=g) < 0.5) & torch.tensor(
        [int(c) not in NO_FLIP for c in labels])
    out = torch.where(flip[:, None, None, None], out.flip(3), out)
    return out.permute(0, 2, 3, 1)


def train_classifier(images, labels, epochs=12, batch=128, lr=2e-3, seed=0, log=print):
    """images uint8 [N, 64, 64, 3]; labels int [N] in 1..9. Returns the trained classifier."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    model = Classifier()
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
    """uint8 [N, 64, 64, 3] -> predicted labels int [N] in 1..9."""
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


def load_or_train(path=DEFAULT_PATH, log=print):
    """The classifier at `path`, trained on the training split first if it is not there.
    Returns (model, held-out accuracy, per-class held-out accuracy)."""
    from . import data as data_mod
    from .labels import dataset_labels
    d = data_mod.build()
    labels = dataset_labels(d["index"])
    if os.path.exists(path):
        model = Classifier()
        model.load_state_dict(torch.load(path))
        model.eval()
    else:
        model = train_classifier(d["train"], labels["train"][:, 0], log=log)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        torch.save(model.state_dict(), path)
    acc, per = accuracy_by_class(predict(model, d["heldout"]), labels["heldout"][:, 0])
    return model, acc, per


if __name__ == "__main__":
    torch.set_num_threads(2)
    _, acc, per = load_or_train()
    print("held-out accuracy", round(acc, 3), {k: (round(a, 2), n) for k, (a, n) in per.items()})

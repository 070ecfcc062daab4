"""Write test/fixtures/<model>_fixture.json: PyTorch outputs of an EXPORTED model.

    python3 -m train.fixture [--model emoji64]      # or emoji128-cosine, emoji128-shifted

The model is rebuilt from public/models/<model> (float16 weights decoded to float32, exactly what
tfjs decodes) and run in float32, so a correct TypeScript twin matches to ~1e-4.
Format: see test/fixtures/emoji64_fixture.README.md.
"""
import base64
import json
import os

import numpy as np
import torch

from .data import build_dataset
from .export import load_model
from .diffusion import alpha_sigma_nhwc, noised, to_model_range

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def fixture_path(name):
    return os.path.join(ROOT, "test", "fixtures", f"{name}_fixture.json")


def model_dir_of(name):
    return os.path.join(ROOT, "public", "models", name)
LOGSNRS = [-10.0, -2.0, 3.0, 8.0]     # one per batch element: near-pure noise ... nearly clean
SEED = 5
# a conditional model's labels per batch element, (category, vendor), 0 = unknown: each table's
# first, last and unknown rows, and one fully unconditional element
LABELS = [[1, 1], [9, 2], [4, 0], [0, 0]]


def encode(t):
    """float32 tensor -> {"shape", "dtype": "float32", "base64"} (little-endian, C order)."""
    a = np.ascontiguousarray(t.detach().cpu().numpy().astype("<f4"))
    return dict(shape=list(a.shape), dtype="float32", base64=base64.b64encode(a.tobytes()).decode())


def decode(entry):
    return np.frombuffer(base64.b64decode(entry["base64"]), dtype="<f4").reshape(entry["shape"])


@torch.no_grad()
def make_fixture(name="emoji64", model_dir=None, path=None):
    torch.set_num_threads(2)
    model_dir = model_dir or model_dir_of(name)
    path = path or fixture_path(name)
    model = load_model(model_dir)
    with open(os.path.join(model_dir, "model.json")) as f:
        meta = json.load(f)["snrlab"]
    # emoji64's manifest predates the dataset field: its data are train.data's
    data = build_dataset(meta.get("train_config", {}).get("dataset", "emoji64"))
    held, index = data["heldout"], data["index"]["heldout"]
    rng = np.random.RandomState(SEED)
    pick = sorted(rng.choice(len(held), len(LOGSNRS), replace=False).tolist())
    x0 = to_model_range(torch.from_numpy(held[pick]))                 # [4, S, S, 3] in [-1, 1]
    g = torch.Generator().manual_seed(SEED)
    noise = torch.randn(x0.shape, generator=g)                        # [4, S, S, 3]
    logsnr = torch.tensor(LOGSNRS, dtype=torch.float32)               # [4]
    alpha, sigma = alpha_sigma_nhwc(logsnr.double(), torch.float32)   # [4, 1, 1, 1], float64 math
    x_t = noised(x0, noise, alpha, sigma)                             # [4, S, S, 3] NHWC
    conditional = bool(model.cfg.num_classes or model.cfg.num_vendors)
    labels = torch.tensor(LABELS) if conditional else None
    v_hat, inter = model(x_t, logsnr, labels, return_intermediates=True)   # [4, S, S, 3]
    shards = meta["shards"]
    fixture = dict(
        description=f"{name} PyTorch reference: v_hat = model(x_t, logsnr) with the exported "
                    "float16 weights decoded to float32, float32 arithmetic. See "
                    "emoji64_fixture.README.md (the format of every model's fixture).",
        model_shards_sha256={k: v["sha256"] for k, v in shards.items()},
        heldout_images=[index[i] for i in pick],
        logsnr=LOGSNRS,
        **(dict(labels=dict(category=[c for c, _ in LABELS], vendor=[v for _, v in LABELS]))
           if conditional else {}),
        tolerance=dict(max_abs=1e-3, typical_max_abs=1e-4),
        x_t=encode(x_t),
        v_hat=encode(v_hat),
        intermediates=dict(
            fourier_features=encode(model.embed.fourier(logsnr)),          # [4, 2K]
            logsnr_embedding=encode(inter["logsnr_embedding"]),            # [4, emb_dim]
                                                    # (with the label rows added, if conditional)
            space_to_depth_first=encode(inter["space_to_depth"][:1]),      # [1, S/p, S/p, 3 p^2]
            middle=encode(inter["middle"]),                                # [4, 8, 8, C_last]
        ),
    )
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(fixture, f)
    return fixture


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="emoji64", help="a folder name under public/models")
    args = ap.parse_args()
    fx = make_fixture(args.model)
    path = fixture_path(args.model)
    print("wrote", path, os.path.getsize(path), "bytes; |v_hat| max",
          float(np.abs(decode(fx["v_hat"])).max()))


if __name__ == "__main__":
    main()

"""Write test/fixtures/emoji64_fixture.json: PyTorch outputs of the EXPORTED model.

    python3 -m train.fixture

The model is rebuilt from public/models/emoji64 (float16 weights decoded to float32, exactly what
tfjs decodes) and run in float32, so a correct TypeScript twin matches to ~1e-4.
Format: see test/fixtures/emoji64_fixture.README.md.
"""
import base64
import json
import os

import numpy as np
import torch

from . import data as data_mod
from .export import load_model, DEFAULT_OUT
from .diffusion import alpha_sigma_nhwc, noised, to_model_range

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURE = os.path.join(ROOT, "test", "fixtures", "emoji64_fixture.json")
LOGSNRS = [-10.0, -2.0, 3.0, 8.0]     # one per batch element: near-pure noise ... nearly clean
SEED = 5


def encode(t):
    """float32 tensor -> {"shape", "dtype": "float32", "base64"} (little-endian, C order)."""
    a = np.ascontiguousarray(t.detach().cpu().numpy().astype("<f4"))
    return dict(shape=list(a.shape), dtype="float32", base64=base64.b64encode(a.tobytes()).decode())


def decode(entry):
    return np.frombuffer(base64.b64decode(entry["base64"]), dtype="<f4").reshape(entry["shape"])


@torch.no_grad()
def make_fixture(model_dir=DEFAULT_OUT, path=FIXTURE):
    torch.set_num_threads(2)
    model = load_model(model_dir)
    held = data_mod.build()["heldout"]
    index = data_mod.build()["index"]["heldout"]
    rng = np.random.RandomState(SEED)
    pick = sorted(rng.choice(len(held), len(LOGSNRS), replace=False).tolist())
    x0 = to_model_range(torch.from_numpy(held[pick]))                 # [4, 64, 64, 3] in [-1, 1]
    g = torch.Generator().manual_seed(SEED)
    noise = torch.randn(x0.shape, generator=g)                        # [4, 64, 64, 3]
    logsnr = torch.tensor(LOGSNRS, dtype=torch.float32)               # [4]
    alpha, sigma = alpha_sigma_nhwc(logsnr.double(), torch.float32)   # [4, 1, 1, 1], float64 math
    x_t = noised(x0, noise, alpha, sigma)                             # [4, 64, 64, 3] NHWC
    v_hat, inter = model(x_t, logsnr, return_intermediates=True)      # [4, 64, 64, 3]
    with open(os.path.join(model_dir, "model.json")) as f:
        shards = json.load(f)["snrlab"]["shards"]
    fixture = dict(
        description="emoji64 PyTorch reference: v_hat = model(x_t, logsnr) with the exported "
                    "float16 weights decoded to float32, float32 arithmetic. See "
                    "emoji64_fixture.README.md.",
        model_shards_sha256={k: v["sha256"] for k, v in shards.items()},
        heldout_images=[index[i] for i in pick],
        logsnr=LOGSNRS,
        tolerance=dict(max_abs=1e-3, typical_max_abs=1e-4),
        x_t=encode(x_t),
        v_hat=encode(v_hat),
        intermediates=dict(
            fourier_features=encode(model.embed.fourier(logsnr)),          # [4, 2K]
            logsnr_embedding=encode(inter["logsnr_embedding"]),            # [4, emb_dim]
            space_to_depth_first=encode(inter["space_to_depth"][:1]),      # [1, 32, 32, 12]
            middle=encode(inter["middle"]),                                # [4, 8, 8, C_last]
        ),
    )
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(fixture, f)
    return fixture


if __name__ == "__main__":
    fx = make_fixture()
    print("wrote", FIXTURE, os.path.getsize(FIXTURE), "bytes; |v_hat| max",
          float(np.abs(decode(fx["v_hat"])).max()))

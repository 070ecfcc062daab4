"""Write a tiny randomly initialised model and its PyTorch outputs to test/fixtures/tiny-model/.

    /usr/bin/python3 -m train.tiny_fixture

The TypeScript twin (src/model) is checked against it in every test run, without the shipped
model: same exporter (train/export.py), same fixture format as emoji64_fixture.json (see
test/fixtures/emoji64_fixture.README.md). Every weight is random (the real model's zero-initialised
output conv would make the output trivially zero), so every layer matters to the result.
"""
import json
import os

import torch

from .config import get_config
from .export import export, load_model
from .fixture import encode
from .model import UNet

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "tiny-model")
LOGSNRS = [-12.0, -1.0, 2.5, 9.0]


@torch.no_grad()
def main():
    torch.set_num_threads(2)
    torch.manual_seed(1234)
    cfg = get_config("tiny").model
    model = UNet(cfg)
    for name, p in model.named_parameters():
        if "norm" in name and name.endswith("weight"):
            p.copy_(1.0 + 0.2 * torch.randn_like(p))
        else:
            p.copy_(0.15 * torch.randn_like(p))
    export(model.state_dict(), cfg, OUT, extra=dict(note="random weights, for tests only"))
    exported = load_model(OUT)              # float16-rounded weights, float32 arithmetic
    x_t = torch.randn(len(LOGSNRS), cfg.image_size, cfg.image_size, 3)
    logsnr = torch.tensor(LOGSNRS)
    v_hat, inter = exported(x_t, logsnr, return_intermediates=True)
    fixture = dict(
        description="tiny random U-Net (train/config.py 'tiny'): v_hat = model(x_t, logsnr)",
        logsnr=LOGSNRS,
        x_t=encode(x_t),
        v_hat=encode(v_hat),
        intermediates=dict(
            fourier_features=encode(exported.embed.fourier(logsnr)),
            logsnr_embedding=encode(inter["logsnr_embedding"]),
            space_to_depth_first=encode(inter["space_to_depth"][:1]),
            middle=encode(inter["middle"]),
        ),
    )
    with open(os.path.join(OUT, "fixture.json"), "w") as f:
        json.dump(fixture, f)
    print("wrote", OUT, "max |v_hat|", float(v_hat.abs().max()))


if __name__ == "__main__":
    main()

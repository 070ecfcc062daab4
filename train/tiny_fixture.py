"""Write a tiny randomly initialised model and its PyTorch outputs to test/fixtures/tiny-model/.

    /usr/bin/python3 -m train.tiny_fixture

Three models: test/fixtures/tiny-model/ (unconditional, config "tiny"),
test/fixtures/tiny-cond-model/ (class-conditional, config "tiny-cond": 3 categories and 2 vendors,
with the conditional, unconditional and guided v_hat of the same inputs) and
test/fixtures/tiny-hfpass-model/ (config "tiny-hfpass": with the high-frequency pass, both its gates
random too; LOGSNRS' 9.0 is above the pass's cap of 8).

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
OUT_COND = os.path.join(ROOT, "test", "fixtures", "tiny-cond-model")
OUT_HFPASS = os.path.join(ROOT, "test", "fixtures", "tiny-hfpass-model")
LOGSNRS = [-12.0, -1.0, 2.5, 9.0]
# per batch element (category, vendor); 0 = unknown: one fully unknown, one vendor-only row
LABELS = [[1, 2], [3, 0], [0, 1], [2, 1]]
GUIDANCE = 3.0


def random_model(config_name):
    """A UNet of the config with every weight random (norm weights near 1), seed 1234."""
    torch.manual_seed(1234)
    cfg = get_config(config_name).model
    model = UNet(cfg)
    for name, p in model.named_parameters():
        if "norm" in name and name.endswith("weight"):
            p.copy_(1.0 + 0.2 * torch.randn_like(p))
        else:
            p.copy_(0.15 * torch.randn_like(p))
    return model, cfg


@torch.no_grad()
def main():
    torch.set_num_threads(2)
    unconditional("tiny", OUT)
    unconditional("tiny-hfpass", OUT_HFPASS)
    conditional()


@torch.no_grad()
def unconditional(config_name, out):
    model, cfg = random_model(config_name)
    export(model.state_dict(), cfg, out, extra=dict(note="random weights, for tests only"))
    exported = load_model(out)              # float16-rounded weights, float32 arithmetic
    x_t = torch.randn(len(LOGSNRS), cfg.image_size, cfg.image_size, 3)
    logsnr = torch.tensor(LOGSNRS)
    v_hat, inter = exported(x_t, logsnr, return_intermediates=True)
    fixture = dict(
        description=f"tiny random U-Net (train/config.py '{config_name}'): v_hat = model(x_t, logsnr)",
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
    with open(os.path.join(out, "fixture.json"), "w") as f:
        json.dump(fixture, f)
    print("wrote", out, "max |v_hat|", float(v_hat.abs().max()))


@torch.no_grad()
def conditional():
    """The class-conditional tiny model: v_hat with LABELS, with all labels unknown, and guided
    (train.sample.Guided, one batched call) at GUIDANCE."""
    from .sample import Guided
    model, cfg = random_model("tiny-cond")
    export(model.state_dict(), cfg, OUT_COND, extra=dict(note="random weights, for tests only"))
    exported = load_model(OUT_COND)
    x_t = torch.randn(len(LOGSNRS), cfg.image_size, cfg.image_size, 3)
    logsnr = torch.tensor(LOGSNRS)
    labels = torch.tensor(LABELS)
    v_c = exported(x_t, logsnr, labels)
    v_u = exported(x_t, logsnr)
    fixture = dict(
        description="tiny random class-conditional U-Net (train/config.py 'tiny-cond'): v_hat = "
                    "model(x_t, logsnr, labels); v_hat_uncond with labels 0; v_hat_guided = "
                    "v_u + guidance (v_c - v_u) from one batched call",
        logsnr=LOGSNRS,
        labels=dict(category=[c for c, _ in LABELS], vendor=[v for _, v in LABELS]),
        guidance=GUIDANCE,
        x_t=encode(x_t),
        v_hat=encode(v_c),
        v_hat_uncond=encode(v_u),
        v_hat_guided=encode(Guided(exported, labels, GUIDANCE)(x_t, logsnr)),
    )
    with open(os.path.join(OUT_COND, "fixture.json"), "w") as f:
        json.dump(fixture, f)
    print("wrote", OUT_COND, "max |v_c - v_u|", float((v_c - v_u).abs().max()))


if __name__ == "__main__":
    main()

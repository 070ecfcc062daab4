"""Export the EMA weights to a TensorFlow.js weights manifest (public/models/<config name>/).

    python3 -m train.export --config emoji64 [--ckpt train/runs/emoji64/ckpt.pt]

Output: model.json + group1-shard{i}of{n}.bin. model.json is
    {"format": "weights-manifest", "generatedBy": ..., "weightsManifest": [{"paths": [...],
     "weights": [{"name", "shape", "dtype": "float32", "quantization": {"dtype": "float16"}}]}],
     "snrlab": {...}}
so tf.io.loadWeights / tf.io.decodeWeights read it directly: every tensor is stored as IEEE
float16, little-endian, in manifest order, the shards being consecutive byte ranges of one
buffer; tfjs decodes each to float32.

Names are the PyTorch state_dict keys. Only this exporter changes layouts:
  conv2d weights  PyTorch OIHW [out, in, kh, kw]  ->  HWIO [kh, kw, in, out]  (tf.conv2d filter)
  linear weights  PyTorch [out, in]               ->  [in, out]               (x @ W)
  vectors (biases, GroupNorm weight/bias)          unchanged
  label tables (class_emb, vendor_emb) [rows, dim]  unchanged: row i is label i (0 = unknown)
snrlab.weightLayouts maps every name to its kind.
"""
import argparse
import datetime
import hashlib
import json
import os

import numpy as np
import torch

from .config import get_config, train_config_dict
from .diffusion import LOGSNR_MIN, LOGSNR_MAX
from .model import UNet, ModelConfig, count_params

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_OUT = os.path.join(ROOT, "public", "models", "emoji64")
SHARD_BYTES = 4 * 1024 * 1024     # tfjs-converter's default shard size

LAYOUTS = {
    "conv2d": "HWIO [kh, kw, in, out], transposed from PyTorch OIHW [out, in, kh, kw]",
    "linear": "[in, out], transposed from PyTorch [out, in]; y = x @ W + b",
    "vector": "[C], unchanged (biases, GroupNorm weight and bias)",
    "embedding": "[labels + 1, emb_dim], unchanged; row i is label i, row 0 the unknown token",
}
LABEL_TABLES = ("class_emb.weight", "vendor_emb.weight")


def weight_kind(tensor, name=""):
    if name in LABEL_TABLES:
        return "embedding"
    return {4: "conv2d", 2: "linear", 1: "vector"}[tensor.dim()]


def to_tfjs_layout(tensor, name=""):
    """PyTorch tensor -> numpy array in the exported layout."""
    a = tensor.detach().cpu().float().numpy()
    kind = weight_kind(tensor, name)
    if kind == "conv2d":
        return a.transpose(2, 3, 1, 0)       # OIHW -> HWIO
    if kind == "linear":
        return a.transpose(1, 0)             # [out, in] -> [in, out]
    return a


def from_tfjs_layout(array, kind):
    """Inverse of to_tfjs_layout: numpy array in exported layout -> torch tensor (PyTorch layout)."""
    if kind == "conv2d":
        array = array.transpose(3, 2, 0, 1)  # HWIO -> OIHW
    elif kind == "linear":
        array = array.transpose(1, 0)
    return torch.from_numpy(np.ascontiguousarray(array))


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def weights_sha256(model_dir):
    """The digests of an exported model's manifest and weight shards, {file: sha256}: what an
    evaluation measured (train.studies.eval_shift's kept cells and tables; train.models_index
    quotes a table only while these match the shipped files)."""
    files = sorted(f for f in os.listdir(model_dir) if f == "model.json" or f.endswith(".bin"))
    return {f: sha256_file(os.path.join(model_dir, f)) for f in files}


def export(state_dict, model_cfg, out_dir, extra=None, shard_bytes=SHARD_BYTES, schedule_shift=0.0):
    """Write model.json + shards. state_dict: PyTorch names -> tensors; schedule_shift: the
    training schedule's shift in nats (the sampler's default schedule). Returns the manifest."""
    os.makedirs(out_dir, exist_ok=True)
    for name in os.listdir(out_dir):                       # stale shards from an earlier export
        if name.startswith("group1-shard") and name.endswith(".bin"):
            os.remove(os.path.join(out_dir, name))
    specs, chunks, layouts = [], [], {}
    for name, tensor in state_dict.items():
        a = to_tfjs_layout(tensor, name).astype("<f2")     # float16, little-endian
        specs.append(dict(name=name, shape=list(a.shape), dtype="float32",
                          quantization=dict(dtype="float16")))
        layouts[name] = weight_kind(tensor, name)
        chunks.append(a.tobytes(order="C"))
    blob = b"".join(chunks)
    n = max(1, -(-len(blob) // shard_bytes))
    paths, shas, sizes = [], {}, {}
    for i in range(n):
        fname = f"group1-shard{i + 1}of{n}.bin"
        part = blob[i * shard_bytes:(i + 1) * shard_bytes]
        with open(os.path.join(out_dir, fname), "wb") as f:
            f.write(part)
        paths.append(fname)
        shas[fname] = hashlib.sha256(part).hexdigest()
        sizes[fname] = len(part)
    model_dict = dict(vars(model_cfg)) if not hasattr(model_cfg, "__dataclass_fields__") else \
        {k: getattr(model_cfg, k) for k in model_cfg.__dataclass_fields__}
    model_dict["channels"] = list(model_dict["channels"])
    snrlab = dict(
        architecture=dict(name="simple-diffusion-style U-Net (train/model.py)", **model_dict,
                          fourier_frequencies_formula="exp(linspace(ln fourier_min, ln fourier_max,"
                                                      " fourier_freqs)); features [sin(l f), cos(l f)]",
                          fourier_frequencies=[float(f) for f in model_cfg.fourier_frequencies()],
                          groupnorm_eps=1e-5, attention="softmax(q k^T / sqrt(C/heads)) v, "
                          "qkv = Linear(C, 3C) split q|k|v, heads = contiguous C/heads slices",
                          space_to_depth_order="TensorFlow NHWC: channel = (di*block + dj)*C + c",
                          downsample="avg_pool 2x2 stride 2", upsample="nearest 2x then conv3x3",
                          embedding_injection="ResBlock: h = conv1(silu(gn1(x))) + "
                                              "emb.Linear(silu(emb)); h = conv2(silu(gn2(h)))"),
        prediction="v", v_definition="v = alpha*eps - sigma*x0; alpha^2 = sigmoid(logsnr), "
                                     "sigma^2 = sigmoid(-logsnr)",
        conditioning="logsnr+labels" if model_cfg.num_classes or model_cfg.num_vendors else "logsnr",
        input_layout="NHWC", input_shape=[None, model_cfg.image_size,
                                                                  model_cfg.image_size,
                                                                  model_cfg.in_channels],
        value_range=[-1.0, 1.0], data_mean=None, background="white (RGBA composited on white)",
        schedule=dict(name="cosine", logsnr_min=LOGSNR_MIN, logsnr_max=LOGSNR_MAX, shift=schedule_shift,
                      formula="logsnr(t) = -2 ln tan(t_min + t (t_max - t_min)), "
                              "t_min = atan(exp(-logsnr_max/2)), t_max = atan(exp(-logsnr_min/2))"),
        weightLayouts=layouts, layouts=LAYOUTS, storage="float16 little-endian, manifest order",
        shards={p: dict(sha256=shas[p], bytes=sizes[p]) for p in paths},
        param_count=int(sum(t.numel() for t in state_dict.values())),
    )
    if getattr(model_cfg, "hf_pass", False):
        from .model import HF_PASS_MAX_LOGSNR
        snrlab["architecture"].update(hf_pass_max_logsnr=HF_PASS_MAX_LOGSNR, hf_pass_formula=(
            "out += gate(silu(out_norm(h))) * exp(min(logsnr, hf_pass_max_logsnr) / 2) * "
            "(space_to_depth(x_t) - its mean over the patch's p^2 positions, per colour)"))
    if getattr(model_cfg, "hf_pass_coarse", False):
        from .model import COARSE
        snrlab["architecture"].update(hf_pass_coarse_patches=COARSE, hf_pass_coarse_formula=(
            "out += coarse(silu(out_norm(h))) * exp(min(logsnr, hf_pass_max_logsnr) / 2) * "
            "(m - nearest_upsample(avg_pool(m, k), k)), m = the patch means of x_t per colour "
            "[G, G, C], k = hf_pass_coarse_patches; the same C values added at all p^2 positions"))
    if model_cfg.num_classes or model_cfg.num_vendors:
        from .labels import label_names
        names = label_names()
        snrlab["labels"] = dict(category=names["category"][:model_cfg.num_classes],
                                vendor=names["vendor"][:model_cfg.num_vendors],
                                rows="names[i] is table row i + 1; row 0 is the unknown token "
                                     "(the unconditional model)")
    if extra:
        snrlab.update(extra)
    manifest = dict(format="weights-manifest", generatedBy="snrlab train/export.py",
                    convertedBy=None, modelTopology=None,
                    weightsManifest=[dict(paths=paths, weights=specs)], snrlab=snrlab)
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    return manifest


def verify_shards(out_dir):
    """Raise if any shard's sha256 differs from the manifest. Returns the manifest."""
    with open(os.path.join(out_dir, "model.json")) as f:
        manifest = json.load(f)
    for p, info in manifest["snrlab"]["shards"].items():
        got = sha256_file(os.path.join(out_dir, p))
        if got != info["sha256"]:
            raise ValueError(f"sha256 mismatch for {p}: {got} != {info['sha256']}")
    return manifest


def load_exported(out_dir):
    """Read model.json + shards (sha256 checked) -> (state_dict float32 PyTorch layout, ModelConfig)."""
    manifest = verify_shards(out_dir)
    group = manifest["weightsManifest"][0]
    blob = b"".join(open(os.path.join(out_dir, p), "rb").read() for p in group["paths"])
    arch = manifest["snrlab"]["architecture"]
    cfg = ModelConfig(**{k: (tuple(v) if k == "channels" else v) for k, v in arch.items()
                         if k in ModelConfig.__dataclass_fields__})
    state, offset = {}, 0
    for spec in group["weights"]:
        n = int(np.prod(spec["shape"])) if spec["shape"] else 1
        assert spec["quantization"]["dtype"] == "float16"
        a = np.frombuffer(blob, dtype="<f2", count=n, offset=offset).astype(np.float32)
        offset += 2 * n
        a = a.reshape(spec["shape"])
        state[spec["name"]] = from_tfjs_layout(a, manifest["snrlab"]["weightLayouts"][spec["name"]])
    assert offset == len(blob), (offset, len(blob))
    return state, cfg


def load_model(out_dir):
    """The exported model as a float32 UNet (weights exactly the float16-rounded EMA)."""
    state, cfg = load_exported(out_dir)
    model = UNet(cfg)
    model.load_state_dict(state)
    return model.eval()


def data_provenance(cfg):
    """Where the config's training images came from, with the packs' sha256 and licences."""
    if cfg.dataset == "twemoji128":
        from . import twemoji
        tgz = os.path.join(twemoji.CACHE, f"twemoji-svg-{twemoji.VERSION}.tgz")
        return dict(packages={"@twemoji/svg": twemoji.VERSION},
                    package_tgz_sha256={os.path.basename(tgz): sha256_file(tgz)}
                    if os.path.exists(tgz) else {},
                    images=f"*.svg rasterised by rsvg-convert at {twemoji.SIZE} px on white",
                    split=dict(heldout_fraction=twemoji.HELDOUT_FRACTION, seed=twemoji.SPLIT_SEED,
                               by="base emoji (train.twemoji.group_key: skin tones and gender "
                                  "variants with their base)"),
                    licences="graphics CC-BY-4.0 (Twemoji, (c) Twitter, Inc and other "
                             "contributors); package files MIT; see LICENSE.md")
    from . import data as data_mod
    tgz = {v: os.path.join(data_mod.CACHE, f"emoji-datasource-{v}-{data_mod.VERSION}.tgz")
           for v in data_mod.VENDORS}
    return dict(packages={f"emoji-datasource-{v}": data_mod.VERSION for v in data_mod.VENDORS},
                package_tgz_sha256={os.path.basename(p): sha256_file(p) for p in tgz.values()
                                    if os.path.exists(p)},
                images="img/<vendor>/64/*.png composited on white",
                split=dict(heldout_fraction=data_mod.HELDOUT_FRACTION, seed=data_mod.SPLIT_SEED,
                           by="emoji.json entry (base emoji incl. all skin tones and vendors)"),
                licences="images: Google Apache-2.0, Twitter (Twemoji) CC-BY-4.0; "
                         "package code MIT; see LICENSE.md")


def lineage(cfg, ckpt, run_dir):
    """Every run behind these weights, oldest first, and the total images seen: the warm start's
    lineage (runs/<name>/init.json, written by train.train) and this run."""
    init_path = os.path.join(run_dir, "init.json")
    before, init = [], None
    if os.path.exists(init_path):
        with open(init_path) as f:
            meta = json.load(f)
        before, init = meta["lineage"], meta["init"]
    runs = before + [dict(config=cfg.name, seed=cfg.seed, steps=ckpt["step"],
                          batch_size=cfg.batch_size, images_seen=ckpt["step"] * cfg.batch_size,
                          train_wall_s=round(ckpt["wall_s"], 1),
                          init=os.path.relpath(init, ROOT) if init else None)]
    return runs, sum(int(r["images_seen"] or 0) for r in runs)


def provenance(cfg, ckpt, run_dir):
    runs, total = lineage(cfg, ckpt, run_dir)
    init = runs[-1]["init"]
    return dict(
        config_name=cfg.name, command=f"python3 -m train.train --config {cfg.name}"
                                      + (f" --init {init}" if init else ""),
        lineage=runs, images_seen_total=total,
        training_steps=ckpt["step"], batch_size=cfg.batch_size,
        images_seen=ckpt["step"] * cfg.batch_size, train_wall_s=round(ckpt["wall_s"], 1),
        weights="EMA (decay %g)" % cfg.ema_decay, train_config=train_config_dict(cfg),
        data=data_provenance(cfg),
        torch=torch.__version__,
        exported_utc=datetime.datetime.utcnow().replace(microsecond=0).isoformat() + "Z",
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="emoji64")
    ap.add_argument("--ckpt", default=None)
    ap.add_argument("--out", default=None, help="default public/models/<config name>")
    args = ap.parse_args()
    cfg = get_config(args.config)
    ckpt_path = args.ckpt or os.path.join(HERE, "runs", cfg.name, "ckpt.pt")
    ckpt = torch.load(ckpt_path, map_location="cpu")
    args.out = args.out or os.path.join(ROOT, "public", "models", cfg.name)
    model = UNet(cfg.model)
    model.load_state_dict(ckpt["ema"])
    manifest = export(model.state_dict(), cfg.model, args.out,
                      extra=provenance(cfg, ckpt, os.path.dirname(os.path.abspath(ckpt_path))),
                      schedule_shift=cfg.schedule_shift)
    verify_shards(args.out)
    s = manifest["snrlab"]
    print("exported", s["param_count"], "params,", {k: v["bytes"] for k, v in s["shards"].items()})


if __name__ == "__main__":
    main()

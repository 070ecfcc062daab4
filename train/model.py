"""The denoiser of every model here: a small U-Net in the style of simple diffusion (Hoogeboom et
al. 2023), at any image size. Shapes below are in S = image_size, p = patch_size, G = S / p (the
grid the U-Net runs on) and L = len(channels) levels: emoji64 has S = 64, p = 2; the emoji128
models S = 128, p = 4; all shipped models G = 32 and L = 3 (levels 32, 16, 8 px).

Contract (the TypeScript twin in src/model must compute exactly this function):
  input  x_t   [B, S, S, 3] NHWC, float32, in about [-1, 1] (data in [-1, 1] plus noise)
  input  logsnr [B] float32: lambda = log(alpha^2 / sigma^2), alpha^2 = sigmoid(lambda)
  output v_hat [B, S, S, 3] NHWC, the v-prediction v = alpha * eps - sigma * x_0
         (Salimans & Ho 2022), so x0_hat = alpha * x_t - sigma * v_hat.

Forward pass, in order (internally NCHW; "conv" = 2-D convolution, stride 1, zero padding
'same', bias):
  1. h = space_to_depth(x_t, p)            [B, G, G, 3 p^2]  TensorFlow channel order, see below
  2. h = conv3x3(h) -> ch[0]                 ("stem")
  3. emb = MLP(fourier(lambda))             [B, emb_dim]      see LogSnrEmbedding
     + class_emb[labels[:, 0]] + vendor_emb[labels[:, 1]] for a conditional model (row 0 of each
     table = "unknown"; both tables start at zero, so a warm-started model computes the
     unconditional model it started from)
  4. encoder: for each level i (G, G/2, ..., G/2^(L-1) px): num_res_blocks ResBlocks, skip saved
     after the stem and after each block; between levels a 2x2 average pool (skip saved after it
     too).
  5. middle at the lowest level, G/2^(L-1) px: ResBlock, SelfAttention, ResBlock.
  6. decoder: for each level from lowest: num_res_blocks + 1 ResBlocks, each on
     concat([h, skip.pop()], channel axis; h first); then (except at G px) nearest 2x upsample
     followed by conv3x3.
  7. out = conv3x3(SiLU(GroupNorm(h))) -> 3 p^2 channels; depth_to_space(out, p) -> [B, S, S, 3].
     With cfg.hf_pass (the high-frequency pass, see HfPass) before depth_to_space:
     out += gate(a) * exp(min(lambda, HF_PASS_MAX_LOGSNR) / 2) * highpass(space_to_depth(x_t)),
     a = SiLU(GroupNorm(h)) as for out, gate = conv3x3 -> 3 p^2 channels, starting at zero.

ResBlock(x, emb):  h = conv3x3(SiLU(GN1(x)));  h = h + Linear(SiLU(emb))[:, :, None, None];
                   h = conv3x3(SiLU(GN2(h)));  return skip(x) + h, where skip is a 1x1 conv when
                   the channel count changes, else identity.
SelfAttention(x):  h = GN(x) as tokens [B, HW, C] (row-major over H then W); q, k, v = Linear(h)
                   split into heads [B, nh, HW, C/nh]; a = softmax(q k^T / sqrt(C/nh)); o = a v,
                   heads concatenated back to [B, HW, C]; return x + Linear(o).
GroupNorm: num_groups = cfg.groups, eps = 1e-5, affine (per-channel weight and bias); statistics
over (C/groups, H, W) per sample, biased variance.

Space-to-depth ordering. tf.spaceToDepth / tf.depthToSpace (NHWC) use
    out[b, i, j, (di * block + dj) * C + c] = in[b, i * block + di, j * block + dj, c]
while torch.nn.functional.pixel_unshuffle (NCHW) puts the channel first: c * block^2 + di * block
+ dj. We implement the TF order here (space_to_depth_nhwc), so tfjs's built-ins reproduce it.
"""
import math
from dataclasses import dataclass, field, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ModelConfig:
    image_size: int = 64          # S, pixels per side: 64 (emoji64) or 128 (emoji128-*)
    in_channels: int = 3          # RGB
    patch_size: int = 2           # p, the space-to-depth block: the U-Net runs at S/p x S/p (32x32
                                  # for every shipped model: 64 px with p = 2, 128 px with p = 4)
    channels: tuple = (32, 64, 128)   # per U-Net level (S/p, S/2p, S/4p px); 3.8 M params at this
                                      # default (the shipped configs set their own: train/config.py)
    num_res_blocks: int = 2       # per encoder level (decoder uses one more, as in DDPM's U-Net)
    attn_heads: int = 4           # one self-attention block at the lowest level (8x8 when S/p = 32)
    groups: int = 8               # GroupNorm groups (32 channels -> 4 per group)
    emb_dim: int = 256            # width of the lambda-embedding MLP
    fourier_freqs: int = 16       # number of Fourier frequencies for lambda (sin and cos each)
    fourier_min: float = 0.02     # lowest frequency (rad per unit lambda): period ~314, monotone on [-15, 15]
    fourier_max: float = 4.0      # highest frequency: period ~1.6 in lambda, resolves fine changes
    dropout: float = 0.0          # no dropout: the run is short and underfits rather than overfits
    num_classes: int = 0          # class-conditional on this many categories (train.labels); 0: not
    num_vendors: int = 0          # ... and on the artwork's vendor; 0: not. Each table has one more
                                  # row, row 0 = the learned "unknown" token (classifier-free guidance)
    hf_pass: bool = False         # the gated high-frequency pass from x_t to v_hat (HfPass); off in
                                  # every model trained before issue 26's run 2
    hf_pass_coarse: bool = False  # HfPass one scale up as well: a second gate on each patch's mean
                                  # minus the mean over 4x4 patches (the 128 px pair since its run 3;
                                  # the app reads it from model.json)

    def fourier_frequencies(self):
        """Fixed log-spaced frequencies: f_k = exp(linspace(ln f_min, ln f_max, K))_k (float32)."""
        return torch.exp(torch.linspace(math.log(self.fourier_min), math.log(self.fourier_max),
                                        self.fourier_freqs, dtype=torch.float64)).float()


def space_to_depth_nhwc(x, block):
    """[B, H, W, C] -> [B, H/block, W/block, block*block*C] with TF's channel order."""
    B, H, W, C = x.shape
    x = x.reshape(B, H // block, block, W // block, block, C)   # (B, i, di, j, dj, C)
    x = x.permute(0, 1, 3, 2, 4, 5)                             # (B, i, j, di, dj, C)
    return x.reshape(B, H // block, W // block, block * block * C)


def depth_to_space_nhwc(x, block):
    """Inverse of space_to_depth_nhwc: [B, h, w, b*b*C] -> [B, h*b, w*b, C] (TF order)."""
    B, h, w, D = x.shape
    C = D // (block * block)
    x = x.reshape(B, h, w, block, block, C)                      # (B, i, j, di, dj, C)
    x = x.permute(0, 1, 3, 2, 4, 5)                              # (B, i, di, j, dj, C)
    return x.reshape(B, h * block, w * block, C)


class GroupNorm32(nn.GroupNorm):
    """GroupNorm computed in float32 even under bf16 autocast (bf16 GroupNorm fails in torch 1.13);
    a float64 model (the tests' finite-difference Jacobians) stays float64."""

    def forward(self, x):
        with torch.autocast(device_type=x.device.type, enabled=False):
            x = x.to(torch.promote_types(x.dtype, torch.float32))
            return F.group_norm(x, self.num_groups, self.weight, self.bias, self.eps)


class LogSnrEmbedding(nn.Module):
    """lambda [B] -> [B, emb_dim]: [sin(lambda f_k), cos(lambda f_k)]_k -> Linear -> SiLU -> Linear.

    Frequencies are fixed (not a buffer in the state dict): see ModelConfig.fourier_frequencies.
    Feature order: all sines first (k = 0..K-1), then all cosines.
    """

    def __init__(self, cfg):
        super().__init__()
        self.register_buffer("freqs", cfg.fourier_frequencies(), persistent=False)
        self.linear1 = nn.Linear(2 * cfg.fourier_freqs, cfg.emb_dim)
        self.linear2 = nn.Linear(cfg.emb_dim, cfg.emb_dim)

    def fourier(self, logsnr):
        args = logsnr.float()[:, None] * self.freqs[None, :]            # [B, K]
        return torch.cat([torch.sin(args), torch.cos(args)], dim=1)     # [B, 2K]

    def forward(self, logsnr):
        return self.linear2(F.silu(self.linear1(self.fourier(logsnr))))  # [B, emb_dim]


class ResBlock(nn.Module):
    def __init__(self, c_in, c_out, cfg):
        super().__init__()
        self.norm1 = GroupNorm32(cfg.groups, c_in)
        self.conv1 = nn.Conv2d(c_in, c_out, 3, padding=1)
        self.emb = nn.Linear(cfg.emb_dim, c_out)
        self.norm2 = GroupNorm32(cfg.groups, c_out)
        self.dropout = nn.Dropout(cfg.dropout)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1)
        self.skip = nn.Conv2d(c_in, c_out, 1) if c_in != c_out else None

    def forward(self, x, emb_act):                                       # emb_act = SiLU(emb)
        h = self.conv1(F.silu(self.norm1(x)))                            # [B, Co, H, W]
        h = h + self.emb(emb_act)[:, :, None, None]
        h = self.conv2(self.dropout(F.silu(self.norm2(h))))
        return (x if self.skip is None else self.skip(x)) + h


class SelfAttention(nn.Module):
    """Multi-head softmax self-attention over the H*W positions, written with matmuls."""

    def __init__(self, c, cfg):
        super().__init__()
        self.heads = cfg.attn_heads
        self.norm = GroupNorm32(cfg.groups, c)
        self.qkv = nn.Linear(c, 3 * c)       # output order: q (C), k (C), v (C); head-major within each
        self.proj = nn.Linear(c, c)

    def forward(self, x):
        B, C, H, W = x.shape
        nh, hs = self.heads, C // self.heads
        tokens = self.norm(x).reshape(B, C, H * W).transpose(1, 2)        # [B, T, C]
        q, k, v = self.qkv(tokens).split(C, dim=2)                        # 3 x [B, T, C]
        q = q.reshape(B, H * W, nh, hs).transpose(1, 2)                   # [B, nh, T, hs]
        k = k.reshape(B, H * W, nh, hs).transpose(1, 2)
        v = v.reshape(B, H * W, nh, hs).transpose(1, 2)
        att = torch.softmax(q @ k.transpose(2, 3) / math.sqrt(hs), dim=-1)   # [B, nh, T, T]
        o = (att @ v).transpose(1, 2).reshape(B, H * W, C)                # [B, T, C]
        return x + self.proj(o).transpose(1, 2).reshape(B, C, H, W)


class Upsample(nn.Module):
    """Nearest-neighbour 2x (each pixel repeated 2x2), then conv3x3."""

    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2, mode="nearest"))


HF_PASS_MAX_LOGSNR = 8.0   # above lambda = 8 the noise is under 2 grey levels (sigma < 0.018) and
                           # speckle cannot come from it; capping the pass's gain at e^4 there
                           # bounds the gradient an edge pixel sends into the gate at lambda -> 15


COARSE = 4                 # hf_pass_coarse: the band's outer scale, in patches (16 px at p = 4)


def patch_highpass(s2d, patch, channels):
    """Each pixel minus the mean of its patch, per colour, in space-to-depth layout: [B, p^2 C, G, G]
    NCHW (TF channel order (di p + dj) C + c) -> the same shape."""
    B, D, G, _ = s2d.shape
    per_pos = s2d.reshape(B, patch * patch, channels, G, G)
    return (per_pos - per_pos.mean(dim=1, keepdim=True)).reshape(B, D, G, G)


class HfPass(nn.Module):
    """Why: v = (alpha/sigma) x_t - x_0/sigma, so on a flat patch (x_0 without pixel-level detail)
    the pixel-level band of v is exactly (alpha/sigma) times that band of x_t: the noise, copied with
    gain alpha/sigma = exp(lambda/2). A GroupNorm network has to build that lambda-dependent identity
    through its features and, measured (docs/MODEL_CARD_128.md), does not learn it: the per-pixel
    noise it leaves at middle and high lambda is the samples' speckle. This gives it the copy and
    lets the network decide, per pixel and colour, where it holds: a gate (a conv3x3 head beside the
    output conv, zero at the start so a warm start is exact) times exp(min(lambda, 8)/2) times the
    patch's high-pass of x_t. On an edge the gate should close and the network does what it did."""

    def __init__(self, c, cfg):
        super().__init__()
        self.patch, self.channels = cfg.patch_size, cfg.in_channels
        self.gate = nn.Conv2d(c, cfg.patch_size ** 2 * cfg.in_channels, 3, padding=1)
        nn.init.zeros_(self.gate.weight)
        nn.init.zeros_(self.gate.bias)
        # one scale up (cfg.hf_pass_coarse): a gate per patch and colour on the band between the
        # patch's mean and the mean over COARSE x COARSE patches, where a flat region's v is again
        # alpha/sigma times that band of x_t; also zero at the start
        self.coarse = nn.Conv2d(c, cfg.in_channels, 3, padding=1) if cfg.hf_pass_coarse else None
        if self.coarse is not None:
            nn.init.zeros_(self.coarse.weight)
            nn.init.zeros_(self.coarse.bias)

    def forward(self, act, s2d, logsnr):
        """act: SiLU(GroupNorm(h)) [B, c, G, G]; s2d: x_t in space-to-depth [B, p^2 C, G, G];
        logsnr [B] -> the pass's addition to the output conv's [B, p^2 C, G, G]."""
        lam = logsnr.to(torch.promote_types(logsnr.dtype, torch.float32))   # float64 stays float64
        gain = torch.exp(0.5 * torch.clamp(lam, max=HF_PASS_MAX_LOGSNR))
        hp = patch_highpass(s2d, self.patch, self.channels)
        out = self.gate(act) * gain[:, None, None, None] * hp
        if self.coarse is not None:
            B, D, G, _ = s2d.shape
            means = s2d.reshape(B, self.patch ** 2, self.channels, G, G).mean(dim=1)   # [B, C, G, G]
            band = means - F.interpolate(F.avg_pool2d(means, COARSE), scale_factor=COARSE,
                                         mode="nearest")
            add = self.coarse(act) * gain[:, None, None, None] * band                   # [B, C, G, G]
            out = out + add[:, None].expand(B, self.patch ** 2, self.channels, G, G).reshape(B, D, G, G)
        return out


class UNet(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        ch = cfg.channels
        p2c = cfg.patch_size ** 2 * cfg.in_channels
        self.embed = LogSnrEmbedding(cfg)
        # label tables right after the lambda embedding (the state_dict and manifest order)
        self.class_emb = _zero_table(cfg.num_classes + 1, cfg.emb_dim) if cfg.num_classes else None
        self.vendor_emb = _zero_table(cfg.num_vendors + 1, cfg.emb_dim) if cfg.num_vendors else None
        self.stem = nn.Conv2d(p2c, ch[0], 3, padding=1)
        # Encoder
        self.down = nn.ModuleList()
        skip_ch = [ch[0]]
        c = ch[0]
        for i, c_level in enumerate(ch):
            blocks = nn.ModuleList()
            for _ in range(cfg.num_res_blocks):
                blocks.append(ResBlock(c, c_level, cfg))
                c = c_level
                skip_ch.append(c)
            self.down.append(blocks)
            if i < len(ch) - 1:
                skip_ch.append(c)              # after the 2x2 average pool
        # Middle (lowest resolution)
        self.mid1 = ResBlock(c, c, cfg)
        self.attn = SelfAttention(c, cfg)
        self.mid2 = ResBlock(c, c, cfg)
        # Decoder
        self.up = nn.ModuleList()
        self.upsample = nn.ModuleList()
        for i in reversed(range(len(ch))):
            blocks = nn.ModuleList()
            for _ in range(cfg.num_res_blocks + 1):
                blocks.append(ResBlock(c + skip_ch.pop(), ch[i], cfg))
                c = ch[i]
            self.up.append(blocks)
            if i > 0:
                self.upsample.append(Upsample(c))
        self.out_norm = GroupNorm32(cfg.groups, c)
        self.out_conv = nn.Conv2d(c, p2c, 3, padding=1)
        nn.init.zeros_(self.out_conv.weight)     # start as v_hat = 0
        nn.init.zeros_(self.out_conv.bias)
        self.hf_pass = HfPass(c, cfg) if cfg.hf_pass else None

    def forward(self, x_t, logsnr, labels=None, return_intermediates=False):
        """x_t [B, S, S, 3] NHWC in [-1, 1]; logsnr [B]; labels int64 [B, 2] (category, vendor;
        0 = unknown; None = all unknown; ignored where the model has no tables) -> v_hat
        [B, S, S, 3] NHWC."""
        cfg = self.cfg
        inter = {}
        s2d = space_to_depth_nhwc(x_t, cfg.patch_size)                  # [B, S/p, S/p, 3p^2] NHWC
        h = s2d.permute(0, 3, 1, 2)                                     # [B, 3p^2, S/p, S/p] NCHW
        emb = self.embed(logsnr)                                        # [B, emb_dim]
        if labels is None:
            labels = torch.zeros((x_t.shape[0], 2), dtype=torch.long, device=x_t.device)
        if self.class_emb is not None:
            emb = emb + self.class_emb(labels[:, 0])
        if self.vendor_emb is not None:
            emb = emb + self.vendor_emb(labels[:, 1])
        emb_act = F.silu(emb)
        h = self.stem(h)
        skips = [h]
        for i, blocks in enumerate(self.down):
            for block in blocks:
                h = block(h, emb_act)
                skips.append(h)
            if i < len(self.down) - 1:
                h = F.avg_pool2d(h, 2)
                skips.append(h)
        h = self.mid1(h, emb_act)
        h = self.attn(h)
        h = self.mid2(h, emb_act)
        mid = h
        for i, blocks in enumerate(self.up):
            for block in blocks:
                h = block(torch.cat([h, skips.pop()], dim=1), emb_act)
            if i < len(self.upsample):
                h = self.upsample[i](h)
        act = F.silu(self.out_norm(h))
        h = self.out_conv(act)                                          # [B, 3p^2, S/p, S/p]
        if self.hf_pass is not None:
            h = h + self.hf_pass(act, s2d.permute(0, 3, 1, 2), logsnr)
        out_s2d = h.permute(0, 2, 3, 1)                                 # [B, S/p, S/p, 3p^2] NHWC
        v_hat = depth_to_space_nhwc(out_s2d, cfg.patch_size)            # [B, S, S, 3]
        if return_intermediates:
            inter.update(space_to_depth=s2d, logsnr_embedding=emb, middle=mid.permute(0, 2, 3, 1),
                         out_space_to_depth=out_s2d)
            return v_hat, inter
        return v_hat


# parameters a model may gain over the export it warm-starts from: each starts at zero, so step 0
# computes exactly what the export computes (train.train.warm_start)
ADDED_AT_ZERO = ("class_emb", "vendor_emb", "hf_pass")


def _zero_table(rows, dim):
    """A label embedding starting at zero: a new label adds nothing until trained (exact warm start)."""
    table = nn.Embedding(rows, dim)
    nn.init.zeros_(table.weight)
    return table


def config_dict(cfg):
    d = asdict(cfg)
    d["channels"] = list(cfg.channels)
    return d


def count_params(model):
    return sum(p.numel() for p in model.parameters())

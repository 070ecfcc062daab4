;; The explorer's per-step mix x_t = α·x_0 + σ·ε as 8-bit RGBA, in 128-bit WebAssembly SIMD: the
;; same arithmetic as writeNoisyRgba (src/math/image.ts), v = signal·x_0 + noise·ε + offset with the
;; three numbers of noisyRgbaMap, then rounded and clamped as a Uint8ClampedArray assignment does.
;;
;; The source of truth: `npm run build:wasm` (tools/wat.mjs, wabt) writes mixKernel.wasm next to
;; this file, and test/unit/mixKernel.test.ts fails when the committed binary is not this text's.
;;
;; Layout, all in the imported memory (src/ui/explorer/wasmMix.ts lays it out):
;;   signal, noise  [N, 3] f32 HWC (x_0 in [−1, 1], ε ~ N(0, 1))
;;   rgba           [N, 4] u8
;; Four pixels per iteration: 12 floats of x_0 and 12 of ε (three v128 each) make 16 RGBA bytes
;; (one v128). There is no scalar tail: the caller pads N up to a multiple of 4 pixels (at most 3
;; pixels, 48 bytes a buffer) and passes the number of groups. A tail would be a second code path
;; with its own rounding to keep equal to this one, for pixel counts that the explorer never has
;; (its sizes are powers of two, so N = size² is a multiple of 4 from size 2 up).
;; Every buffer starts on a 16-byte boundary and each group spans 48, 48 and 16 bytes, so every
;; load and store below is aligned.
(module
  ;; The caller's memory: one per scene size, made once with all its pages (never grown, so the
  ;; ImageData views on it never detach).
  (import "env" "memory" (memory 1))

  ;; Writes `groups` × 4 pixels of rgba from signal and noise. Modifies rgba only.
  (func (export "mix")
    (param $signal i32) (param $noise i32) (param $rgba i32) (param $groups i32)
    (param $signalScale f32) (param $noiseScale f32) (param $offset f32)
    ;; The affine map splatted to all four lanes, once per call.
    (local $a v128) (local $s v128) (local $o v128)
    ;; 255 in every byte: the alpha lanes the shuffle picks from.
    (local $opaque v128)
    ;; The three rounded i32x4 vectors of one group: [R0 G0 B0 R1] [G1 B1 R2 G2] [B2 R3 G3 B3].
    (local $c0 v128) (local $c1 v128) (local $c2 v128)

    ;; Nothing to do (an empty image); the loop below runs its body at least once.
    (if (i32.eqz (local.get $groups)) (then (return)))
    (local.set $a (f32x4.splat (local.get $signalScale)))
    (local.set $s (f32x4.splat (local.get $noiseScale)))
    (local.set $o (f32x4.splat (local.get $offset)))
    (local.set $opaque (i8x16.splat (i32.const 255)))

    (loop $group
      ;; Each channel vector: (signal·x_0 + noise·ε) + offset, in writeNoisyRgba's order of adds
      ;; (separate multiplies and adds, no fused multiply-add: WebAssembly SIMD has none outside
      ;; relaxed-simd, whose results may differ between machines). In f32 where the JavaScript
      ;; computes in f64: the two differ only where v lies within a few f32 ulps of a rounding
      ;; boundary, by 1 (the unit test measures how rarely).
      ;; f32x4.nearest rounds half to even, as Uint8ClampedArray does (ECMAScript ToUint8Clamp), and
      ;; leaves NaN as NaN; i32x4.trunc_sat_f32x4_s then converts the (now whole) values exactly,
      ;; saturating ±∞ and anything past ±2³¹ to the i32 range and NaN to 0 (as ToUint8Clamp does).
      (local.set $c0
        (i32x4.trunc_sat_f32x4_s
          (f32x4.nearest
            (f32x4.add
              (f32x4.add
                (f32x4.mul (local.get $a) (v128.load offset=0 (local.get $signal)))
                (f32x4.mul (local.get $s) (v128.load offset=0 (local.get $noise))))
              (local.get $o)))))
      (local.set $c1
        (i32x4.trunc_sat_f32x4_s
          (f32x4.nearest
            (f32x4.add
              (f32x4.add
                (f32x4.mul (local.get $a) (v128.load offset=16 (local.get $signal)))
                (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $noise))))
              (local.get $o)))))
      (local.set $c2
        (i32x4.trunc_sat_f32x4_s
          (f32x4.nearest
            (f32x4.add
              (f32x4.add
                (f32x4.mul (local.get $a) (v128.load offset=32 (local.get $signal)))
                (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $noise))))
              (local.get $o)))))

      (v128.store (local.get $rgba)
        ;; RGB → RGBA: bytes 0..11 are the twelve channels in order; lane 16 is the first byte
        ;; of $opaque (255), put after every third byte.
        (i8x16.shuffle 0 1 2 16 3 4 5 16 6 7 8 16 9 10 11 16
          ;; The clamp to 0..255 as two saturating narrows: signed i32 → i16 keeps every value's
          ;; order and clamps to ±32767, then signed i16 → unsigned u8 clamps to 0..255; together
          ;; clamp(v, 0, 255). Lanes: [c0 c1] then [c2 c2] (the second c2 is dropped by the shuffle).
          (i8x16.narrow_i16x8_u
            (i16x8.narrow_i32x4_s (local.get $c0) (local.get $c1))
            (i16x8.narrow_i32x4_s (local.get $c2) (local.get $c2)))
          (local.get $opaque)))

      ;; Next group: 12 f32 (48 bytes) of each input, 16 bytes of output.
      (local.set $signal (i32.add (local.get $signal) (i32.const 48)))
      (local.set $noise (i32.add (local.get $noise) (i32.const 48)))
      (local.set $rgba (i32.add (local.get $rgba) (i32.const 16)))
      (br_if $group
        (local.tee $groups (i32.sub (local.get $groups) (i32.const 1)))))))

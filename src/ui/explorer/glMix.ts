/**
 * The explorer's mix x_t = α·x_0 + σ·ε on the GPU with WebGL2. The clean images and the noise are
 * uploaded once per scene as RGB32F textures (NEAREST, sampled with texelFetch: no float extension
 * needed); a slider step is then one draw per panel with new uniforms. The fragment shader mirrors
 * writeNoisyRgba (src/math/image.ts) and takes its affine map from noisyRgbaMap, so the two paths
 * differ by rounding only (at most 1 in 0..255).
 *
 * The panels stay ordinary 2D canvases (tests read them with getImageData): the draws go to one
 * hidden WebGL canvas, the panels side by side, and each panel copies its square with drawImage
 * in the same task. Any failure (no WebGL2, a shader that does not compile, an upload error, a lost
 * context) makes `upload` or `draw` return false, and the caller mixes on the CPU instead.
 */
import { noisyRgbaMap } from '../../math/image';
import type { MixMode } from './mixMode';

/**
 * Smallest H that the automatic choice mixes on the GPU. Below it the JavaScript mix takes under
 * ~10 ms a step and a GL context is not worth its memory and readbacks (docs/BENCHMARKS.md §1).
 */
export const GL_MIN_HI = 1024;

/** Whether a scene of H px should try the WebGL mix in `mode`. */
export function wantsGl(mode: MixMode, hi: number): boolean {
  return mode === 'webgl' || (mode === 'auto' && hi >= GL_MIN_HI);
}

/**
 * Software rasterisers that WebGL runs on where no GPU is usable (SwiftShader in headless
 * Chromium, Mesa's llvmpipe, Windows' basic driver). On SwiftShader the GPU mix measured slower than
 * JavaScript at every size (docs/BENCHMARKS.md §1), so the automatic choice does not use them.
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** One square panel's inputs: [size, size, 3] HWC, signal in [−1, 1], noise ~ N(0, 1). */
export interface GlPanelSource {
  size: number;
  signal: Float32Array;
  noise: Float32Array;
}

/** One panel's draw: which uploaded source (by index), its α and σ, and the 2D canvas to fill. */
export interface GlPanelDraw {
  source: number;
  alpha: number;
  sigma: number;
  canvas: HTMLCanvasElement;
}

const VERTEX_SHADER = `#version 300 es
// One triangle that covers the viewport; no vertex buffers.
void main() {
  vec2 corner = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}`;

// Mirrors writeNoisyRgba: v = signal·x_0 + noise·ε + offset, here divided by 255 because the
// framebuffer stores [0, 1] as 0..255 (rounding and clamping as the Uint8ClampedArray does).
const FRAGMENT_SHADER = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
uniform sampler2D u_signal;
uniform sampler2D u_noise;
uniform vec3 u_map;     // (signal, noise, offset) of noisyRgbaMap / 255
uniform ivec2 u_origin; // the panel's lower-left corner in the GL canvas
uniform int u_size;
out vec4 color;
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy) - u_origin;
  ivec2 texel = ivec2(p.x, u_size - 1 - p.y); // buffer row 0 is the top row; GL's y points up
  vec3 x0 = texelFetch(u_signal, texel, 0).rgb;
  vec3 eps = texelFetch(u_noise, texel, 0).rgb;
  color = vec4(u_map.x * x0 + u_map.y * eps + u_map.z, 1.0);
}`;

interface Uploaded {
  size: number;
  /** The panel's left edge in the GL canvas (panels sit side by side, top-aligned). */
  left: number;
  signal: WebGLTexture;
  noise: WebGLTexture;
}

export class GlMix {
  private readonly canvas: HTMLCanvasElement;
  private readonly gl: WebGL2RenderingContext;
  private readonly program: WebGLProgram;
  private readonly uniforms: {
    signal: WebGLUniformLocation | null;
    noise: WebGLUniformLocation | null;
    map: WebGLUniformLocation | null;
    origin: WebGLUniformLocation | null;
    size: WebGLUniformLocation | null;
  };
  private lost = false;
  private key: object | null = null;
  /** The key of an upload that failed, not retried on every slider step. */
  private failedKey: object | null = null;
  private sources: Uploaded[] = [];
  /** Textures by buffer, so a buffer used by two panels is uploaded once. */
  private textures = new Map<Float32Array, WebGLTexture>();

  private constructor(canvas: HTMLCanvasElement, gl: WebGL2RenderingContext, program: WebGLProgram) {
    this.canvas = canvas;
    this.gl = gl;
    this.program = program;
    const at = (name: string) => gl.getUniformLocation(program, name);
    this.uniforms = {
      signal: at('u_signal'),
      noise: at('u_noise'),
      map: at('u_map'),
      origin: at('u_origin'),
      size: at('u_size'),
    };
    canvas.addEventListener('webglcontextlost', () => {
      this.lost = true;
    });
  }

  /**
   * A mixer on a new hidden canvas, or null where WebGL2 is missing, the shaders do not build, or
   * (unless `allowSoftware`) WebGL runs on a software rasteriser.
   */
  static create(allowSoftware: boolean): GlMix | null {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2', {
      alpha: false,
      antialias: false,
      depth: false,
      stencil: false,
      premultipliedAlpha: false,
      preserveDrawingBuffer: false,
      powerPreference: 'high-performance',
      failIfMajorPerformanceCaveat: !allowSoftware,
    });
    if (!gl) return null;
    const program = allowSoftware || !isSoftware(gl) ? buildProgram(gl) : null;
    if (!program) {
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return null;
    }
    return new GlMix(canvas, gl, program);
  }

  /** False once the context is lost: the caller mixes in JavaScript from then on. */
  get usable(): boolean {
    return !this.lost && !this.gl.isContextLost();
  }

  /**
   * Makes `sources` the uploaded textures, unless `key` is the key of the last upload. Releases
   * the previous scene's textures. Returns false (and holds nothing) when the upload fails, and
   * again for the same key without retrying.
   */
  upload(key: object, sources: GlPanelSource[]): boolean {
    if (!this.usable || key === this.failedKey) return false;
    if (key === this.key) return true;
    this.release();
    const { gl } = this;
    let left = 0;
    for (const source of sources) {
      this.sources.push({
        size: source.size,
        left,
        signal: this.texture(source.signal, source.size),
        noise: this.texture(source.noise, source.size),
      });
      left += source.size;
    }
    const width = left;
    const height = Math.max(...sources.map((source) => source.size));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    // A browser may give a smaller drawing buffer than asked for (past the GPU's limits).
    const fits = gl.drawingBufferWidth === width && gl.drawingBufferHeight === height;
    if (gl.getError() !== gl.NO_ERROR || !fits || !this.usable) {
      this.release();
      this.failedKey = key;
      return false;
    }
    this.key = key;
    return true;
  }

  /** Mixes each panel on the GPU and copies it into its 2D canvas. Returns false if nothing was drawn. */
  draw(draws: GlPanelDraw[]): boolean {
    if (!this.usable || this.key === null) return false;
    const { gl, uniforms } = this;
    gl.useProgram(this.program);
    gl.uniform1i(uniforms.signal, 0);
    gl.uniform1i(uniforms.noise, 1);
    for (const { source, alpha, sigma } of draws) {
      const panel = this.sources[source];
      const map = noisyRgbaMap(alpha, sigma);
      // Canvas rows run down from the top, GL's up from the bottom.
      const bottom = this.canvas.height - panel.size;
      gl.viewport(panel.left, bottom, panel.size, panel.size);
      gl.uniform3f(uniforms.map, map.signal / 255, map.noise / 255, map.offset / 255);
      gl.uniform2i(uniforms.origin, panel.left, bottom);
      gl.uniform1i(uniforms.size, panel.size);
      gl.activeTexture(gl.TEXTURE0);
      gl.bindTexture(gl.TEXTURE_2D, panel.signal);
      gl.activeTexture(gl.TEXTURE1);
      gl.bindTexture(gl.TEXTURE_2D, panel.noise);
      gl.drawArrays(gl.TRIANGLES, 0, 3);
    }
    if (!this.usable) return false;
    for (const { source, canvas } of draws) {
      const { size, left } = this.sources[source];
      if (canvas.width !== size || canvas.height !== size) {
        canvas.width = size;
        canvas.height = size;
      }
      canvas.getContext('2d')?.drawImage(this.canvas, left, 0, size, size, 0, 0, size, size);
    }
    return true;
  }

  /** Deletes the uploaded textures (a replaced scene, or a size mixed in JavaScript). */
  release(): void {
    for (const texture of this.textures.values()) this.gl.deleteTexture(texture);
    this.textures.clear();
    this.sources = [];
    this.key = null;
  }

  /** Deletes everything and gives the context back. The mixer is unusable afterwards. */
  dispose(): void {
    this.release();
    this.gl.deleteProgram(this.program);
    this.gl.getExtension('WEBGL_lose_context')?.loseContext();
    this.lost = true;
  }

  /** An immutable [size, size] RGB32F texture of `data`, NEAREST, shared between panels. */
  private texture(data: Float32Array, size: number): WebGLTexture {
    const known = this.textures.get(data);
    if (known) return known;
    const { gl } = this;
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGB32F, size, size);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, size, size, gl.RGB, gl.FLOAT, data);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    this.textures.set(data, texture);
    return texture;
  }
}

function isSoftware(gl: WebGL2RenderingContext): boolean {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof renderer === 'string' && SOFTWARE_RENDERER.test(renderer);
}

/** Compiles and links the mix program; null (and nothing left behind) when either step fails. */
function buildProgram(gl: WebGL2RenderingContext): WebGLProgram | null {
  const shader = (type: number, source: string) => {
    const compiled = gl.createShader(type);
    if (!compiled) return null;
    gl.shaderSource(compiled, source);
    gl.compileShader(compiled);
    return compiled;
  };
  const vertex = shader(gl.VERTEX_SHADER, VERTEX_SHADER);
  const fragment = shader(gl.FRAGMENT_SHADER, FRAGMENT_SHADER);
  const program = gl.createProgram();
  if (vertex && fragment) {
    gl.attachShader(program, vertex);
    gl.attachShader(program, fragment);
    gl.linkProgram(program);
  }
  // Shaders can go once the program is linked (or has failed to).
  gl.deleteShader(vertex);
  gl.deleteShader(fragment);
  if (vertex && fragment && gl.getProgramParameter(program, gl.LINK_STATUS) === true) return program;
  gl.deleteProgram(program);
  return null;
}

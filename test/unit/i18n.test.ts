import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import { i18n, tr } from '../../src/ui/i18n/i18n';
import { languageFromBrowser, languageFromHash } from '../../src/ui/i18n/language';
import { adapterText, errorText, fallbacksText, noteText } from '../../src/ui/i18n/workerMessages';
import { WorkerFailure, type AdapterInfo, type WorkerNote } from '../../src/worker/client';
import { zh } from '../../src/ui/i18n/zh';

/** Every leaf of a resource as [dotted key, text]. */
function leaves(resource: object, prefix = ''): [string, string][] {
  return Object.entries(resource).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[prefix + key, value]] : leaves(value as object, `${prefix}${key}.`),
  );
}

const EN = new Map(leaves(en));
const ZH = new Map(leaves(zh));
/** {{name}} interpolations and <tag/> / <b> components of a text, sorted. */
const slots = (text: string) => [...text.matchAll(/\{\{\w+\}\}|<\/?\w+\/?>/g)].map((m) => m[0]).sort();

describe('translations', () => {
  it('have exactly the same keys in English and Chinese', () => {
    expect(
      [...ZH.keys()].filter((key) => !EN.has(key)),
      'keys only in zh',
    ).toEqual([]);
    expect(
      [...EN.keys()].filter((key) => !ZH.has(key)),
      'keys missing in zh',
    ).toEqual([]);
  });

  it('have no empty text in either language', () => {
    for (const [language, map] of [
      ['en', EN],
      ['zh', ZH],
    ] as const) {
      const empty = [...map].filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect(empty, `empty ${language} texts`).toEqual([]);
    }
  });

  it('fill in the same values and components in both languages', () => {
    for (const [key, text] of EN) expect(slots(ZH.get(key) ?? ''), key).toEqual(slots(text));
  });

  it('keep every formula of the lesson unchanged', () => {
    for (const [key, text] of EN) if (key.endsWith('.formula')) expect(ZH.get(key), key).toBe(text);
  });

  it('have Chinese text in Chinese (not a copy of the English) wherever the English has words', () => {
    const untranslated = [...EN].filter(
      ([key, text]) => !key.endsWith('.formula') && /[a-z]{4,}/.test(text) && ZH.get(key) === text,
    );
    // Names and formulas the two languages share.
    const same = new Set([
      'samplers.dpmpp-2m',
      'lab.charts.alpha',
      'lab.charts.sigma',
      'lab.axes.alpha',
      'lab.axes.sigma',
      'worker.webglAdapter',
    ]);
    expect(untranslated.map(([key]) => key).filter((key) => !same.has(key))).toEqual([]);
  });

  it('name every key the app asks for by a literal (tr, translate, i18nKey)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    walk('src/ui');
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/(?:\btr|\btranslate)\(\s*'([\w.-]+)'|i18nKey="([\w.-]+)"/g)) {
        const key = match[1] ?? match[2];
        if (!EN.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('switch language at run time, and fall back to English outside a browser', async () => {
    expect(i18n.language).toBe('en');
    expect(tr('lesson.next')).toBe('Next');
    await i18n.changeLanguage('zh');
    expect(tr('lesson.next')).toBe('下一步');
    expect(tr('url.unknownKey', { name: 'foo' })).toBe('链接中的未知设置“foo”已被忽略。');
    await i18n.changeLanguage('en');
    expect(tr('lesson.next')).toBe('Next');
  });
});

describe('language choice', () => {
  it('takes Chinese for any zh tag and English otherwise', () => {
    expect(languageFromBrowser(['zh-CN'])).toBe('zh');
    expect(languageFromBrowser(['zh-TW', 'en'])).toBe('zh');
    expect(languageFromBrowser(['en-US', 'zh-CN'])).toBe('en');
    expect(languageFromBrowser(['fr-FR', 'zh'])).toBe('zh');
    expect(languageFromBrowser(['de'])).toBe('en');
    expect(languageFromBrowser([])).toBe('en');
  });

  it("reads lang from the link's hash", () => {
    expect(languageFromHash('#t=0.5&lang=zh')).toBe('zh');
    expect(languageFromHash('#lang=en')).toBe('en');
    expect(languageFromHash('#lang=fr')).toBeNull();
    expect(languageFromHash('')).toBeNull();
  });
});

describe('worker notes', () => {
  // The worker sends codes (src/worker/protocol.ts, WorkerNote); the UI words them.
  const notes: WorkerNote[] = [
    { code: 'webgpu-switched', reason: 'device lost: destroyed', backend: 'wasm' },
    { code: 'webgpu-no-backend', reason: 'lost', error: { code: 'failed', detail: 'wasm failed' } },
    { code: 'worker-crashed', reason: 'unknown error' },
    { code: 'no-backend', fallbacks: [{ backend: 'webgpu', why: { code: 'backend-unavailable', backend: 'webgpu' } }] },
    { code: 'worker-stopped' },
    { code: 'backend-start-timeout', backend: 'webgl', seconds: 30 },
  ];
  const adapters: AdapterInfo[] = [
    { kind: 'wasm', simd: true },
    { kind: 'wasm', simd: false },
    { kind: 'webgpu', description: 'Google SwiftShader', software: true },
    { kind: 'webgl', version: 2 },
  ];
  it('are said in English as the worker used to write them', () => {
    expect(notes.map(noteText)).toEqual([
      'WebGPU stopped (device lost: destroyed); switched to wasm.',
      'WebGPU stopped (lost) and no other backend could take over: wasm failed',
      'The model worker crashed (unknown error); it restarts on the next request.',
      'No tfjs backend could start (webgpu: webgpu is not available in this browser)',
      'The model worker was stopped.',
      'webgl did not start within 30 s',
    ]);
    expect(adapters.map(adapterText)).toEqual([
      'WebAssembly SIMD, 1 thread',
      'WebAssembly, 1 thread',
      'Google SwiftShader (software fallback adapter)',
      'WebGL 2',
    ]);
    expect(errorText(new WorkerFailure(notes[4]))).toBe('The model worker was stopped.');
    expect(errorText(new Error('plain'))).toBe('plain');
  });
  it('are said in Chinese, keeping their details', async () => {
    await i18n.changeLanguage('zh');
    try {
      expect(noteText(notes[0])).toBe('WebGPU 已停止（device lost: destroyed），已切换到 wasm。');
      expect(noteText(notes[2])).toBe('模型后台线程崩溃（unknown error），下次请求时会自动重启。');
      expect(noteText(notes[3])).toBe('没有任何 tfjs 后端能够启动（webgpu: 本浏览器不支持 webgpu）');
      expect(fallbacksText([{ backend: 'webgpu', why: { code: 'backend-unavailable', backend: 'webgpu' } }])).toBe(
        'webgpu: 本浏览器不支持 webgpu',
      );
      // The backend readout's adapter descriptions.
      expect(adapters.slice(0, 3).map(adapterText)).toEqual([
        'WebAssembly SIMD，单线程',
        'WebAssembly，单线程',
        'Google SwiftShader（软件回退适配器）',
      ]);
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

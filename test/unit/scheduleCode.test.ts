import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { SCHEDULE_IDS } from '../../src/math/scheduleCatalog';
import { buildSchedule, type ScheduleSpec } from '../../src/math/scheduleSpec';
import { alphaFromLogSnr, asTime, sigmaFromLogSnr } from '../../src/math/logSnr';
import { scheduleCode } from '../../src/ui/lab/scheduleCode';

const specs: ScheduleSpec[] = SCHEDULE_IDS.flatMap((family) => [
  { family, interpolation: { base: 64, lo: 32, hi: 256 }, shift: 0, clipMode: 'shift-after-clip' as const },
  {
    family,
    interpolation: { base: 64, lo: 16, hi: 512 },
    shift: 2 * Math.log(64 / 512),
    clipMode: 'clip-after-shift' as const,
  },
  { family, interpolation: { base: 64, lo: 32, hi: 256 }, shift: 1.25, clipMode: 'shift-after-clip' as const },
]);
const times = [0, 0.001, 0.1, 0.25, 0.5, 0.77, 0.999, 1].map(asTime);

/** Compiles the TypeScript snippet with the TypeScript compiler and returns its functions. */
function loadTypeScript(source: string): {
  logSnr(t: number): number;
  alphaSigma(t: number): { alpha: number; sigma: number };
} {
  const output = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, strict: true },
    reportDiagnostics: true,
  });
  expect(output.diagnostics ?? []).toEqual([]);
  const exports: Record<string, unknown> = {};
  new Function('exports', output.outputText)(exports);
  return exports as never;
}

describe('exported schedule code', () => {
  it('the TypeScript snippet type-checks and equals the math core to 1e-12', () => {
    const sources = new Map(specs.map((spec, i) => [`snippet${i}.ts`, scheduleCode(spec, 'typescript')]));
    // One program for all snippets: the type checker loads its lib files once.
    const program = ts.createProgram({
      rootNames: [...sources.keys()],
      options: { strict: true, noEmit: true, target: ts.ScriptTarget.ES2020, lib: ['lib.es2020.d.ts'] },
      host: snippetHost(sources),
    });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual(
      [],
    );
    for (const [i, spec] of specs.entries()) {
      const snippet = loadTypeScript(sources.get(`snippet${i}.ts`)!);
      const schedule = buildSchedule(spec);
      for (const t of times) {
        const expected = schedule.logSnr(t);
        const got = snippet.logSnr(t);
        if (Number.isFinite(expected)) expect(Math.abs(got - expected), `${spec.family} t=${t}`).toBeLessThan(1e-12);
        else expect(got).toBe(expected);
        expect(snippet.alphaSigma(t).alpha).toBeCloseTo(alphaFromLogSnr(expected), 12);
        expect(snippet.alphaSigma(t).sigma).toBeCloseTo(sigmaFromLogSnr(expected), 12);
      }
    }
  }, 60_000);

  const python = findPython(['numpy']);
  it.skipIf(!python)(
    'the NumPy snippet runs in python3 and equals the math core to 1e-9',
    () => {
      checkPython(python!, 'numpy');
    },
    60_000,
  );

  const torchPython = findPython(['torch']);
  it.skipIf(!torchPython)(
    'the PyTorch snippet runs and equals the math core to 1e-9',
    () => {
      checkPython(torchPython!, 'pytorch');
    },
    60_000,
  );

  const anyPython = findPython([]);
  it.skipIf(!anyPython)(
    'both Python snippets are valid Python syntax',
    () => {
      const sources = specs.flatMap((spec) => [scheduleCode(spec, 'numpy'), scheduleCode(spec, 'pytorch')]);
      const result = spawnSync(
        anyPython!,
        ['-c', 'import ast, json, sys\nfor s in json.load(sys.stdin): ast.parse(s)'],
        {
          input: JSON.stringify(sources),
        },
      );
      expect(result.status, result.stderr.toString()).toBe(0);
    },
    60_000,
  );
});

/** Runs every spec's snippet in one Python process and compares λ(t) with the math core. */
function checkPython(python: string, language: 'numpy' | 'pytorch') {
  const program = `
import json, math, sys
results = []
for source in json.load(sys.stdin):
    namespace = {}
    exec(source, namespace)
    row = []
    for t in ${JSON.stringify(times)}:
        value = float(namespace["logsnr"](t))
        row.append(value if math.isfinite(value) else str(value))
    results.append(row)
print(json.dumps(results))
`;
  const input = JSON.stringify(specs.map((spec) => scheduleCode(spec, language)));
  const output = execFileSync(python, ['-W', 'ignore', '-c', program], { encoding: 'utf8', input });
  const rows = JSON.parse(output) as (number | string)[][];
  specs.forEach((spec, s) => {
    const schedule = buildSchedule(spec);
    times.forEach((t, i) => {
      const expected = schedule.logSnr(t);
      const got = rows[s][i];
      if (Number.isFinite(expected))
        expect(Math.abs((got as number) - expected), `${spec.family} t=${t}`).toBeLessThan(1e-9);
      else expect(got).toBe(expected > 0 ? 'inf' : '-inf');
    });
  });
}

/** A python3 that can import `modules`: Debian's /usr/bin/python3 first (it has numpy/torch here). */
function findPython(modules: string[]): string | null {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const result = spawnSync(candidate, ['-c', modules.map((m) => `import ${m}`).join('; ') || 'pass']);
    if (result.status === 0) return candidate;
  }
  return null;
}

function snippetHost(sources: Map<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost({ target: ts.ScriptTarget.ES2020 });
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    const source = sources.get(name);
    return source !== undefined ? ts.createSourceFile(name, source, version) : getSourceFile(name, version);
  };
  host.fileExists = (name) => sources.has(name) || ts.sys.fileExists(name);
  return host;
}

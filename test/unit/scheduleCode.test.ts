// The lab's exported code, run in its own language, against the Python side's numbers
// (test/fixtures/math_fixture.json: every catalogue schedule, unshifted and shifted in both clip
// modes) and, for the TypeScript, against the math core it was generated from.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { buildSchedule } from '../../src/math/scheduleSpec';
import { alphaFromLogSnr, asTime, sigmaFromLogSnr } from '../../src/math/logSnr';
import { scheduleCode } from '../../src/ui/lab/scheduleCode';
import { loadMathFixture, specName } from '../mathFixture';

const fixture = loadMathFixture();
const specs = fixture.schedules.map((entry) => entry.spec);
const times = fixture.t.map(asTime);
// float64 on both sides; the exports write every constant in full and differ from the core
// only in the order of a few operations (e.g. a plain 1/(1 + e^−x) for the sigmoid).
const TOLERANCE = 1e-9;

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

/**
 * Compiling 37 snippets, starting python3 and importing torch takes seconds, many more on a busy 2-core machine (the
 * whole suite runs side by side): a generous limit, since this checks results, never speed.
 */
const PYTHON_TIMEOUT_MS = 240_000;

describe('exported schedule code', () => {
  it('the TypeScript snippet type-checks, equals the math core to 1e-12 and Python to 1e-9', () => {
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
      times.forEach((t, k) => {
        const got = snippet.logSnr(t);
        const expected = schedule.logSnr(t);
        expect(Math.abs(got - expected), `${specName(spec)} t=${t}`).toBeLessThan(1e-12);
        expect(Math.abs(got - fixture.schedules[i].logsnr[k]), `${specName(spec)} t=${t}`).toBeLessThan(TOLERANCE);
        expect(snippet.alphaSigma(t).alpha).toBeCloseTo(alphaFromLogSnr(expected), 12);
        expect(snippet.alphaSigma(t).sigma).toBeCloseTo(sigmaFromLogSnr(expected), 12);
      });
    }
  }, PYTHON_TIMEOUT_MS);

  // CI installs python3-numpy and python3-torch (.ci/run): a missing one fails here, by name,
  // rather than skipping the only check that the exported Python runs.
  it('the NumPy snippet runs in python3 and equals the fixture to 1e-9', () => {
    checkPython(requirePython('numpy', 'python3-numpy'), 'numpy');
  }, PYTHON_TIMEOUT_MS);

  it('the PyTorch snippet runs in python3 and equals the fixture to 1e-9', () => {
    checkPython(requirePython('torch', 'python3-torch'), 'pytorch');
  }, PYTHON_TIMEOUT_MS);

  it('both Python snippets are valid Python syntax', () => {
    const sources = specs.flatMap((spec) => [scheduleCode(spec, 'numpy'), scheduleCode(spec, 'pytorch')]);
    const result = spawnSync(
      requirePython(null, 'python3'),
      ['-c', 'import ast, json, sys\nfor s in json.load(sys.stdin): ast.parse(s)'],
      { input: JSON.stringify(sources) },
    );
    expect(result.status, result.stderr.toString()).toBe(0);
  }, PYTHON_TIMEOUT_MS);
});

/** Runs every spec's snippet in one Python process and compares λ(t) with the fixture. */
function checkPython(python: string, language: 'numpy' | 'pytorch') {
  const program = `
import json, math, sys
results = []
for source in json.load(sys.stdin):
    namespace = {}
    exec(source, namespace)
    values = [float(namespace["logsnr"](t)) for t in ${JSON.stringify(times)}]
    results.append([v if math.isfinite(v) else str(v) for v in values])   # JSON has no inf
print(json.dumps(results))
`;
  const input = JSON.stringify(specs.map((spec) => scheduleCode(spec, language)));
  const output = execFileSync(python, ['-W', 'ignore', '-c', program], { encoding: 'utf8', input });
  const rows = JSON.parse(output) as (number | string)[][];
  specs.forEach((spec, s) => {
    times.forEach((t, i) => {
      const got = rows[s][i];
      const error = typeof got === 'number' ? Math.abs(got - fixture.schedules[s].logsnr[i]) : Infinity;
      expect(error, `${language}: ${specName(spec)} t=${t}: λ = ${got}`).toBeLessThan(TOLERANCE);
    });
  });
}

/** A python3 that can import `module` (Debian's /usr/bin/python3 first), or an error naming the package. */
function requirePython(module: string | null, debianPackage: string): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const result = spawnSync(candidate, ['-c', module ? `import ${module}` : 'pass']);
    if (result.status === 0) return candidate;
  }
  throw new Error(
    `No python3${module ? ` with ${module}` : ''} found, so the exported Python code cannot be run. ` +
      `On Debian: apt-get install ${debianPackage}.`,
  );
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

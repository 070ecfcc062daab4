import { useTranslation } from 'react-i18next';
import type { WebGpuAdapter } from '../../worker/client';

interface SoftwareAdapterWarningProps {
  adapter: WebGpuAdapter | null;
  onUseWasm: () => void;
}

/**
 * Said before a run: WebGPU on a software adapter (SwiftShader, a GPU emulated on the CPU) runs
 * this model ~76× slower than WebAssembly (docs/BENCHMARKS.md §2: 2,802 vs 37 ms a call; 10 steps
 * took 85 s in issue 13). "auto" never picks it; this shows when WebGPU was chosen by hand or link.
 */
export function SoftwareAdapterWarning({ adapter, onUseWasm }: SoftwareAdapterWarningProps) {
  const { t: tr } = useTranslation();
  if (!adapter?.fallback) return null;
  return (
    <div className="notices adapter-warning" role="status" data-testid="software-adapter-warning">
      <p>
        <strong>{tr('adapter.title')}</strong> {tr('adapter.text', { description: adapter.description })}
      </p>
      <button type="button" data-testid="use-wasm-button" onClick={onUseWasm}>
        {tr('adapter.useWasm')}
      </button>
    </div>
  );
}

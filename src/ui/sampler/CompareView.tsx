import { useTranslation } from 'react-i18next';
import { tr as translate } from '../i18n/i18n';
import type { Ready } from '../../worker/client';
import { BandSwd } from './BandSwd';
import { ModelFacts } from './ModelFacts';
import { PooledResults } from './PooledResults';
import { RunReadout } from './RunReadout';
import { isRunning, SampleFigures } from './SampleFigures';
import { columnStatus } from './compareSummary';
import type { CompareColumn } from './useCompare';

interface CompareViewProps {
  columns: CompareColumn[];
  /** The backend readout's report when a column has not run yet. */
  ready: Ready | null;
  swap: boolean;
  onUseInExplorer: (png: Blob, name: string) => void;
}

/**
 * The two models side by side: each column is the single sampler's readout, figures and facts,
 * then the result pooled to 32 and 16 px and the model's measured SWD per band. The columns share
 * row tracks (CSS subgrid, .compare-column), so a longer caption in one does not push its figures
 * below the other's.
 */
export function CompareView({ columns, ready, swap, onUseInExplorer }: CompareViewProps) {
  const { t: tr } = useTranslation();
  return (
    <div className="compare-columns" data-testid="compare-view">
      {columns.map(({ entry, view, ready: loaded, caption, classes, mismatch }) => (
        <section
          key={entry.name}
          className="compare-column"
          data-testid={`compare-column-${entry.name}`}
          aria-label={tr('compare.samplesOf', { name: entry.name })}
        >
          <h3>
            {entry.name}{' '}
            <output
              className="compare-status"
              data-testid={`compare-status-${entry.name}`}
              data-value={columnStatus(view.phase)}
            >
              {translate(`status.${columnStatus(view.phase)}`)}
            </output>
          </h3>
          <p className="compare-caption" data-testid={`compare-caption-${entry.name}`}>
            {caption ?? (swap ? tr('compare.withOthers') : tr('compare.withOwn'))}
          </p>
          <RunReadout
            ready={loaded ?? ready}
            run={view.run}
            running={isRunning(view.phase)}
            testIdSuffix={entry.name}
          />
          <SampleFigures
            view={view}
            outputTestId={`compare-output-${entry.name}`}
            testIdSuffix={entry.name}
            fileStem={`snrlab-${entry.name}`}
            onUseInExplorer={onUseInExplorer}
            classes={classes}
          />
          <div className="compare-coarse">
            <PooledResults result={view.result} size={view.size} testIdSuffix={entry.name} />
            <BandSwd swd={entry.swd} testIdSuffix={entry.name} />
          </div>
          <ModelFacts entry={entry} loaded={loaded?.model ?? null} mismatch={mismatch} testIdSuffix={entry.name} />
        </section>
      ))}
    </div>
  );
}

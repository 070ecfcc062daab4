import './charts.css';

export interface LegendItem {
  label: string;
  color: string;
  /** 'line' for a curve, 'dot' for markers, 'rule' for a vertical marked position. */
  kind?: 'line' | 'dot' | 'rule';
  dashed?: boolean;
  wide?: boolean;
}

export interface LegendGroup {
  /** Omitted for a legend of one group. */
  title?: string;
  items: LegendItem[];
}

/** A small drawing of what the item looks like in the chart. */
function Swatch({ item }: { item: LegendItem }) {
  const dash = item.dashed ? '6 4' : undefined;
  return (
    <svg className="legend-swatch" width="28" height="12" aria-hidden="true">
      {item.kind === 'dot' ? (
        <circle cx="14" cy="6" r="3.5" fill="#ffffff" stroke={item.color} strokeWidth="1.5" />
      ) : item.kind === 'rule' ? (
        <line
          x1="14"
          y1="0"
          x2="14"
          y2="12"
          stroke={item.color}
          strokeWidth="2"
          strokeDasharray={item.dashed ? '3 2' : undefined}
        />
      ) : (
        <line x1="0" y1="6" x2="28" y2="6" stroke={item.color} strokeWidth={item.wide ? 5 : 2} strokeDasharray={dash} />
      )}
    </svg>
  );
}

/**
 * The legend as HTML beside the chart rather than recharts' one line of entries: it wraps on narrow
 * screens, groups the curves under headings, and holds notes (what coincides) next to them.
 */
export function ChartLegend({ groups, testId }: { groups: LegendGroup[]; testId: string }) {
  return (
    <div className="chart-legend" data-testid={testId}>
      {groups
        .filter((group) => group.items.length > 0)
        .map((group, index) => (
          <div className="legend-group" key={group.title ?? index} data-testid="legend-group">
            {group.title && <span className="legend-group-title">{group.title}</span>}
            <ul>
              {group.items.map((item) => (
                <li key={item.label} data-color={item.color}>
                  <Swatch item={item} />
                  {item.label}
                </li>
              ))}
            </ul>
          </div>
        ))}
    </div>
  );
}

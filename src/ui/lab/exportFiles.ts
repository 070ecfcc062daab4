/** The lab's export formats, and a browser download. */
import { saveBlob } from '../controls/saveBlob';
import { SCHEDULES } from '../../math/scheduleCatalog';
import { specForExport, type ScheduleSpec } from '../../math/scheduleSpec';
import type { TableRow } from './labModel';

/** CSV with every number at full float64 precision (shortest round-trip form). */
export function tableCsv(rows: TableRow[]): string {
  return (
    ['step,t,logsnr,alpha,sigma', ...rows.map((r) => [r.step, r.t, r.logSnr, r.alpha, r.sigma].join(','))].join('\n') +
    '\n'
  );
}

export function tableJson(spec: ScheduleSpec, spacing: string, rows: TableRow[]): string {
  return JSON.stringify(
    {
      schedule: { ...specForExport(spec), label: SCHEDULES[spec.family].label, source: SCHEDULES[spec.family].source },
      spacing,
      steps: rows.length - 1,
      convention: 't = 0 is data, t = 1 is noise; logsnr = log(alpha^2 / sigma^2); alpha^2 + sigma^2 = 1',
      rows,
    },
    null,
    2,
  );
}

/** Saves `text` as a file download. */
export function download(text: string, filename: string, type: string): void {
  saveBlob(new Blob([text], { type }), filename);
}

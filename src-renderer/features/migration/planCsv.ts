import type { Language } from '../../i18n/format';
import type { MigrationItemView } from '../../../src-preload/contract';

const cell = (value: string | number): string => {
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The reviewed plan as a `;`-separated CSV (as Pod's export, so the same spreadsheet habits
 * apply), with a BOM so a spreadsheet opens the accents as UTF-8. Not Pod's export itself: that
 * one is the "CSV export" mode, written by the main side.
 */
export function planCsv(items: readonly MigrationItemView[], language: Language): string {
  const header = [
    'position',
    'record_id',
    'start',
    'name',
    'action',
    'owners',
    'target',
    'reason',
    'state',
  ];
  const lines = items.map((i) =>
    [
      i.position,
      i.recordId,
      new Date(i.startMs).toISOString(),
      i.name,
      i.action,
      i.owners.join(' '),
      i.target ?? '',
      i.reason[language],
      i.state,
    ]
      .map(cell)
      .join(';'),
  );
  return `\ufeff${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}

/** Offers a text as a file download, without the main side (a Blob URL). */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

import type {
  MigrationAction,
  MigrationItemState,
  MigrationRunStatus,
} from '../../../src-preload/contract';

/** The actions of a plan in the order the counts show them, with their colours. */
export const actionOrder: readonly MigrationAction[] = [
  'download',
  'convert',
  'external',
  'csv',
  'skip',
];
export const actionColor: Record<MigrationAction, string> = {
  download: 'blue',
  convert: 'grape',
  external: 'teal',
  csv: 'cyan',
  skip: 'gray',
};

export const stateOrder: readonly MigrationItemState[] = [
  'planned',
  'running',
  'done',
  'skipped',
  'failed',
];
export const stateColor: Record<MigrationItemState, string> = {
  planned: 'gray',
  running: 'indigo',
  done: 'green',
  skipped: 'yellow',
  failed: 'red',
};

export const statusColor: Record<MigrationRunStatus, string> = {
  planned: 'gray',
  running: 'indigo',
  done: 'green',
  failed: 'red',
  cancelled: 'gray',
};

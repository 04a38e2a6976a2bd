import { resolve } from 'node:path';
import type {
  MigrationItemView,
  MigrationMode,
  MigrationRunView,
} from '../../../src-preload/contract';
import { integerOption } from '../commandLine';
import { print, withApp } from '../context';
import { namingOptions, UsageError, type CliIo } from '../io';
import { group, leaf } from '../spec';
import { migrateMoodle } from './migrateMoodle';

const rule = '------------------------------';

/**
 * One line per recording, worded like Pod's `migrate_bbb_recordings` (reference/pod-behaviour.md
 * §3.5–3.7) so existing runbooks still read; Régie adds the outcome and, for skips, why.
 */
function podLine(mode: MigrationMode, item: MigrationItemView): string {
  const header =
    mode === 'manual_claim'
      ? `Use manual claim for recording #${String(item.position)} ${item.recordId}`
      : mode === 'import_video'
        ? `Use import video for recording #${String(item.position)} ${item.recordId}`
        : '';
  const outcome =
    item.state === 'failed'
      ? `\n  > failed: ${item.error?.en ?? ''}`
      : item.state === 'done' && item.action !== 'csv'
        ? '\n  > done.'
        : '';
  let body: string;
  switch (item.action) {
    case 'download':
      body = ` - Recording ${item.recordId}, video playback: download video file into ${item.target ?? ''}.`;
      break;
    case 'convert':
      body = ` - Recording ${item.recordId} - presentation playback: encode presentation into ${item.target ?? ''}`;
      break;
    case 'external':
      body = item.owners
        .map(
          (owner) =>
            ` - Recording ${item.recordId}, playback ${item.target ?? ''}, owner ${owner}: create an external recording if necessary. ${item.reason.en}`,
        )
        .join('\n');
      break;
    case 'csv':
      return `\n#${String(item.position)} ; ${item.name},${new Date(item.startMs).toISOString().slice(0, 10)},${item.target ?? ''}\n`;
    case 'skip':
      body = ` - Recording ${item.recordId}: skipped: ${item.reason.en}`;
      break;
  }
  return `${rule}\n${header}\n${body}${outcome}\n`;
}

function summary(run: MigrationRunView): string {
  const a = run.byAction;
  const s = run.byState;
  return [
    `***Number of records processed: ${String(run.total)}***`,
    `***Number of records to encode in video: ${String(a.convert ?? 0)}***`,
    `Run ${String(run.id)} ${run.isDry ? '(dry) ' : ''}${run.status}: ${String(s.done ?? 0)} done, ${String(s.skipped ?? 0)} skipped, ${String(s.failed ?? 0)} failed, ${String(s.planned ?? 0)} not run${run.csvPath ? `; CSV ${run.csvPath}` : ''}`,
    '',
  ].join('\n');
}

function modeOf(values: {
  'use-manual-claim'?: boolean | undefined;
  'use-import-video'?: boolean | undefined;
  'use-export-csv'?: string | undefined;
  use_export_csv?: string | undefined;
}): MigrationMode {
  const chosen = [
    values['use-manual-claim'] === true && 'manual_claim',
    values['use-import-video'] === true && 'import_video',
    (values['use-export-csv'] !== undefined || values['use_export_csv'] !== undefined) &&
      'export_csv',
  ].filter((m): m is MigrationMode => typeof m === 'string');
  if (chosen.length !== 1)
    throw new UsageError(
      'choose one mode: --use-manual-claim --recorder DIR, --use-import-video --admin USERNAME, or --use-export-csv FILE',
    );
  return chosen[0] as MigrationMode;
}

/**
 * `regie migrate` with Pod's flags (issue #12 §8): plans, prints one line per recording, then
 * (without --dry) runs the plan in this process. Run again, it does only what is not done yet.
 */
export const migrateRun = leaf({
  name: 'run',
  isDefault: true,
  summary: "move an old BBB server's recordings to their owners (Pod's migrate_bbb_recordings)",
  options: {
    server: { type: 'string', value: 'NAME', help: 'the old BBB/Scalelite server (required)' },
    'use-manual-claim': { type: 'boolean', help: "files into a recorder's folder, to claim" },
    recorder: { type: 'string', value: 'DIR', help: "manual claim: the recorder's directory" },
    'use-import-video': { type: 'boolean', help: 'one external recording per owner' },
    admin: { type: 'string', value: 'USERNAME', help: 'import video: owner when none is found' },
    to: {
      type: 'string',
      value: 'T',
      help: "import video: regie (default) or pod-db (also Pod's own external recordings)",
    },
    'use-export-csv': { type: 'string', value: 'FILE', help: "write Pod's CSV" },
    use_export_csv: { type: 'string', value: 'FILE', help: 'the same, as Pod spells it' },
    'use-database-moodle': { type: 'boolean', help: 'look the moderators up in Moodle' },
    dry: { type: 'boolean', help: 'plan only: nothing is done but the CSV' },
    'min-value-record-process': { type: 'string', value: 'N', help: 'first position (1)' },
    'max-value-record-process': { type: 'string', value: 'N', help: 'last position' },
    refresh: { type: 'boolean', help: "read the server's recordings again first" },
  },
  notes:
    'Positions count from the newest recording (1), then by record id: the same on every run.\nThe listing is the server\'s recordings mirror ("regie bbb recordings --server NAME --mirror"); --refresh reads it again.',
  run: async ({ io, values }) => {
    const mode = modeOf(values);
    if (!values.server) throw new UsageError('--server NAME is required');
    const csv = values['use-export-csv'] ?? values.use_export_csv;
    const target = values.to;
    if (target !== undefined && target !== 'regie' && target !== 'pod-db')
      throw new UsageError(`--to expects regie or pod-db, not "${target}"`);
    const min = integerOption(values['min-value-record-process'], 'min-value-record-process');
    const max = integerOption(values['max-value-record-process'], 'max-value-record-process');
    await withApp(io, values, async (app) => {
      const server = (await app.api.invoke('bbbServers.list', {})).find(
        (x) => x.name === values.server,
      );
      if (!server)
        throw new UsageError(`--server: no BigBlueButton server named "${values.server ?? ''}"`);
      let recorderId: number | undefined;
      if (mode === 'manual_claim') {
        const recorder = (await app.api.invoke('recorders.list', {})).find(
          (r) => r.directory === values.recorder,
        );
        if (!recorder)
          throw new UsageError(
            `--recorder: no recorder with the directory "${values.recorder ?? ''}"`,
          );
        recorderId = recorder.id;
      }
      if (
        values.refresh ||
        (await app.api.invoke('bbbRecordings.list', { serverId: server.id, limit: 1 })).length === 0
      )
        await app.api.invoke('bbbRecordings.mirror', { serverId: server.id });
      if (values.dry) io.out("Simulation mode ('dry'). Nothing will be achieved.\n");
      const run = await app.api
        .invoke('migration.plan', {
          serverId: server.id,
          mode,
          ...(recorderId !== undefined ? { recorderId } : {}),
          ...(values.admin !== undefined ? { admin: values.admin } : {}),
          ...(target !== undefined ? { target } : {}),
          ...(csv !== undefined ? { csvPath: resolve(csv) } : {}),
          ...(values['use-database-moodle'] ? { useMoodle: true } : {}),
          ...(min !== undefined ? { min } : {}),
          ...(max !== undefined ? { max } : {}),
          ...(values.dry ? { dry: true } : {}),
        })
        .catch(
          namingOptions({
            admin: '--admin',
            recorderId: '--recorder',
            csvPath: '--use-export-csv',
          }),
        );
      const total = (
        await app.api.invoke('bbbRecordings.list', { serverId: server.id, limit: 50_000 })
      ).length;
      if (!values.json) {
        io.out(`***Total number of records: ${String(total)}***\n`);
        io.out(`***Number of records to be processed: ${String(run.total)}***\n`);
      }
      const done = values.dry
        ? await printPlan(io, app, run, values.json === true)
        : await execute(io, app, run, values.json === true);
      print(io, values, done, () => summary(done));
    });
  },
});

async function printPlan(
  io: CliIo,
  app: Parameters<Parameters<typeof withApp>[2]>[0],
  run: MigrationRunView,
  json: boolean,
): Promise<MigrationRunView> {
  if (!json)
    for (const item of await app.api.invoke('migration.items', { runId: run.id }))
      io.out(podLine(run.mode, item));
  return run;
}

async function execute(
  io: CliIo,
  app: Parameters<Parameters<typeof withApp>[2]>[0],
  run: MigrationRunView,
  json: boolean,
): Promise<MigrationRunView> {
  const controller = new AbortController();
  void io.untilStopped().then(() => controller.abort());
  const concurrency = Number(
    (await app.api.invoke('settings.list', {})).find((s) => s.key === 'MIGRATION_CONCURRENCY')
      ?.value ?? 2,
  );
  return app.migrateNow(run.id, {
    signal: controller.signal,
    concurrency: Math.max(1, concurrency),
    onItem: (item) => {
      if (!json) io.out(podLine(run.mode, item));
    },
  });
}

/** `regie migrate [run] …` and, beside it, `regie migrate moodle …`. */
export const migrateCommand = group(
  'migrate',
  "move an old BBB server's recordings to their owners (Pod's migrate_bbb_recordings)",
  [migrateRun, migrateMoodle],
);

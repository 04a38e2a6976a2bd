import type { PodMirrorReport, Video } from '../../../src-preload/contract';
import { bi, RegieError } from '../../ground/errors';
import { print, withApp } from '../context';
import { table, UsageError, type CliIo } from '../io';
import { group, leaf } from '../spec';

const idOf = (text: string | undefined) => {
  if (text === undefined || !/^\d+$/.test(text))
    throw new UsageError(
      `VIDEO_ID must be a video id from "regie videos list", not "${text ?? ''}"`,
    );
  return Number(text);
};

const podLine = (video: Video): string => {
  const pod = video.pod;
  const where = pod.pageUrl ? ` ${pod.pageUrl}` : '';
  const id = pod.videoId === null ? '' : ` (Pod id ${String(pod.videoId)})`;
  const draft = pod.isDraft === null ? '' : pod.isDraft ? ', draft' : ', public';
  const step = pod.step ? `, step "${pod.step}"` : '';
  const error = pod.error ? `\n  ${pod.error.en}` : '';
  return `Video ${String(video.id)} "${video.title}": ${pod.state}${id}${draft}${step}${where}${error}\n`;
};

const mirrorText = (r: PodMirrorReport): string => {
  const c = r.counts;
  const lines = [
    `Mirrored in ${(r.durationMs / 1000).toFixed(1)} s (${String(r.requests)} requests):`,
    `  users ${String(c.users)} (${String(r.usersAdded)} new, ${String(r.usersUpdated)} updated, ${String(r.usersAdopted)} adopted)`,
    `  types ${String(c.types)}, sites ${String(c.sites)}, recorders ${String(c.recorders)}`,
    `  buildings ${String(c.buildings)}, broadcasters ${String(c.broadcasters)}, live gateways ${String(c.liveGateways)}`,
  ];
  if (r.absentApps.length > 0) lines.push(`  absent in this Pod: ${r.absentApps.join(', ')}`);
  if (r.regieOnlyCount > 0)
    lines.push(
      `  Régie users not in Pod (${String(r.regieOnlyCount)}): ${r.regieOnly.join(', ')}${r.regieOnlyCount > r.regieOnly.length ? ', …' : ''}`,
    );
  for (const w of r.warnings) lines.push(`  warning: ${w.en}`);
  return `${lines.join('\n')}\n`;
};

/** Progress on stderr, at most one line per 5 % (a terminal is not a progress bar here). */
function progressPrinter(io: CliIo) {
  let last = '';
  return (update: { phase: string; percent?: number }) => {
    const line =
      update.percent === undefined
        ? update.phase
        : `${update.phase} ${String(Math.floor(update.percent / 5) * 5)} %`;
    if (line !== last) io.err(`${line}\n`);
    last = line;
  };
}

const test = leaf({
  name: 'test',
  summary: 'check the connection: reachable, token valid, user staff, which apps answer',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const report = await app.api.invoke('pod.test', {});
      print(io, values, report, () =>
        table(
          report.checks.map((c) => ({ check: c.name, ok: c.ok ? 'yes' : 'NO', detail: c.text.en })),
          '',
        ),
      );
      const failed = report.checks.find((c) => !c.ok);
      if (failed && !values.json) throw new RegieError('remote', failed.text);
    });
  },
});

const mirror = leaf({
  name: 'mirror',
  summary: "mirror Pod's users, types, recorders, buildings, broadcasters and live gateways",
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const report = await app.api.invoke('pod.mirror', {});
      print(io, values, report, () => mirrorText(report));
    });
  },
});

const publish = leaf({
  name: 'publish',
  summary: "send a Library video to Pod as its owner's video (a draft unless --public)",
  args: ['VIDEO_ID'],
  options: {
    public: { type: 'boolean', help: 'publish it public (default: POD_PUBLISH, else draft)' },
    draft: { type: 'boolean', help: 'publish it as a draft' },
    wait: { type: 'boolean', help: 'then wait until Pod has encoded it' },
  },
  notes:
    'The upload runs in this process, progress on stderr. An upload cut before Pod answers is\nlooked up in Pod before anything is sent again: Pod never gets the video twice.',
  run: async ({ io, values, positionals }) => {
    const id = idOf(positionals[0]);
    if (values.public && values.draft)
      throw new UsageError('--public and --draft exclude each other');
    const mode = values.public ? 'public' : values.draft ? 'draft' : undefined;
    await withApp(io, values, async (app) => {
      const controller = new AbortController();
      void io.untilStopped().then(() => controller.abort());
      let video = await app.podPublishNow(id, mode, controller.signal, progressPrinter(io));
      if (values.wait) video = await waitEncoded(app, id, controller.signal);
      print(io, values, video, () => podLine(video));
    });
  },
});

async function waitEncoded(
  app: Parameters<Parameters<typeof withApp>[2]>[0],
  id: number,
  signal: AbortSignal,
): Promise<Video> {
  const seconds = Number(
    (await app.api.invoke('settings.list', {})).find((s) => s.key === 'POD_ENCODING_POLL_SECONDS')
      ?.value ?? 30,
  );
  for (;;) {
    const video = await app.api.invoke('pod.refresh', { videoId: id });
    if (video.pod.state !== 'encoding') {
      if (video.pod.state === 'failed' && video.pod.error)
        throw new RegieError('remote', video.pod.error);
      return video;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, seconds) * 1000));
    if (signal.aborted)
      throw new RegieError('cancelled', bi('Stopped waiting.', 'Attente interrompue.'));
  }
}

const status = leaf({
  name: 'status',
  summary: "a video's state in Pod, read from Pod again",
  args: ['VIDEO_ID'],
  run: async ({ io, values, positionals }) => {
    const id = idOf(positionals[0]);
    await withApp(io, values, async (app) => {
      const video = await app.api.invoke('pod.refresh', { videoId: id });
      print(io, values, video, () => podLine(video));
    });
  },
});

/** `regie pod test | mirror | publish VIDEO_ID | status VIDEO_ID` (issue #11 §6). */
export const podCommand = group('pod', 'the Pod server: test, mirror, publish, status', [
  test,
  mirror,
  publish,
  status,
]);

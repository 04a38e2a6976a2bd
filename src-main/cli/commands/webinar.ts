import type { WebinarChatMessage, WebinarView } from '../../../src-preload/contract';
import type { RegieApp } from '../../app/app';
import { integerOption, requireOption } from '../commandLine';
import { print, withApp } from '../context';
import { namingOptions, table, UsageError, type CliIo } from '../io';
import { group, leaf } from '../spec';
import { bbbShown, duration, offsetOf, parseStart, plural, statusShown, when } from './webinarText';

const optionNames: Record<string, string> = {
  serverId: '--server',
  name: '--name',
  startAt: '--start',
  durationMinutes: '--duration',
  enableChat: '--chat',
  owner: '--owner',
  additionalOwners: '--moderator',
  meetingId: '--meeting-id',
  message: 'MESSAGE',
  author: '--author',
};

const rows = (webinars: WebinarView[]) =>
  webinars.map((w) => ({
    id: String(w.id),
    name: w.name,
    server: w.serverName,
    start: when(w.startAt),
    duration: duration(w.durationMinutes),
    gateway: w.gatewayName ?? 'none',
    status: statusShown(w),
    BBB: bbbShown(w),
  }));

const label = (w: WebinarView) => `Webinar ${String(w.id)} "${w.name}"`;
const errorLine = (w: WebinarView) => (w.lastError ? `Last error: ${w.lastError.en}\n` : '');

async function serverIdOf(app: RegieApp, name: string): Promise<number> {
  const server = (await app.api.invoke('bbbServers.list', {})).find((s) => s.name === name);
  if (!server)
    throw new UsageError(
      `--server: no BigBlueButton server named "${name}" (see "regie bbb server list")`,
    );
  return server.id;
}

/** The webinar `ID` names, read first so a wrong id is said as such, with where to find one. */
async function webinarOf(app: RegieApp, text: string | undefined): Promise<WebinarView> {
  if (text === undefined || !/^\d+$/.test(text))
    throw new UsageError(`ID must be a webinar id from "regie webinar list", not "${text ?? ''}"`);
  const found = (await app.api.invoke('webinars.list', {})).find((w) => w.id === Number(text));
  if (!found) throw new UsageError(`ID: no webinar ${text} (see "regie webinar list")`);
  return found;
}

const create = leaf({
  name: 'create',
  summary: 'create a webinar on a BBB server and allocate it a free live gateway',
  options: {
    server: { type: 'string', value: 'NAME', help: 'the BBB server, by its name (required)' },
    name: { type: 'string', value: 'N', help: 'the meeting name (required)' },
    start: {
      type: 'string',
      value: 'ISO',
      help: '2026-03-10T14:00 (local time) or with its offset (required)',
    },
    duration: { type: 'string', value: 'MIN', help: 'expected duration in minutes (required)' },
    chat: { type: 'boolean', help: 'show the chat panel in the stream' },
    owner: { type: 'string', value: 'U', help: 'the owner (default: the operator)' },
    moderator: {
      type: 'string',
      multiple: true,
      value: 'U',
      help: 'an additional owner (repeatable)',
    },
    'meeting-id': {
      type: 'string',
      value: 'ID',
      help: 'use this existing BBB meeting instead of creating one',
    },
  },
  notes:
    'The slot [start, start + duration) gets a gateway no other webinar holds then; with none\nfree, nothing is created and the overlapping webinars are named. Needs USE_MEETING_WEBINAR.',
  run: async ({ io, values }) => {
    const serverName = requireOption(values.server, 'server');
    const name = requireOption(values.name, 'name');
    const startAt = parseStart(requireOption(values.start, 'start'));
    const minutes = integerOption(requireOption(values.duration, 'duration'), 'duration') ?? 0;
    if (minutes < 1) throw new UsageError('--duration must be at least 1 minute');
    await withApp(io, values, async (app) => {
      const created = await app.api
        .invoke('webinars.create', {
          serverId: await serverIdOf(app, serverName),
          name,
          startAt,
          durationMinutes: minutes,
          ...(values.chat ? { enableChat: true } : {}),
          ...(values.owner !== undefined ? { owner: values.owner } : {}),
          ...(values.moderator !== undefined ? { additionalOwners: values.moderator } : {}),
          ...(values['meeting-id'] !== undefined ? { meetingId: values['meeting-id'] } : {}),
        })
        .catch(namingOptions(optionNames));
      print(
        io,
        values,
        created,
        () =>
          `${label(created)} created on ${created.serverName}: ${when(created.startAt)} (${offsetOf(created.startAt)}), ${duration(created.durationMinutes)}, gateway ${created.gatewayName ?? 'none'}\nStart it with "regie webinar start ${String(created.id)}".\n`,
      );
    });
  },
});

const list = leaf({
  name: 'list',
  summary: 'list the webinars with their gateway, status and BBB state',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const all = await app.api.invoke('webinars.list', {});
      print(io, values, all, () =>
        table(rows(all), 'No webinar: create one with "regie webinar create".'),
      );
    });
  },
});

const liveText = (w: WebinarView) =>
  w.status === 'live'
    ? `${label(w)} is live on gateway ${w.gatewayName ?? '?'}: the audience watches ${w.hlsUrl ?? '(no HLS URL)'}\nThe gateway joins BBB through ${w.relayUrl ?? '(no relay address: set WEBINAR_PUBLIC_URL)'}\n`
    : `${label(w)}: ${statusShown(w)} on gateway ${w.gatewayName ?? 'none'}\n${errorLine(w)}`;

const unwatchedNote = (id: number) =>
  `note: a running console (regie serve, the desktop app) watches the BBB meeting and stops the live when it ends; without one, "start --follow" stays and does it, or stop it with "regie webinar stop-live ${String(id)}" or "end ${String(id)}"\n`;

/** One verb on one webinar: `regie webinar start ID`, and what it did, in a sentence. */
const action = (spec: {
  name: string;
  summary: string;
  call: 'webinars.stopLive' | 'webinars.restartLive' | 'webinars.end' | 'webinars.toggleChat';
  said: (w: WebinarView) => string;
}) =>
  leaf({
    name: spec.name,
    summary: spec.summary,
    args: ['ID'],
    run: async ({ io, values, positionals }) => {
      await withApp(io, values, async (app) => {
        const webinar = await webinarOf(app, positionals[0]);
        const done = await app.api.invoke(spec.call, { id: webinar.id });
        print(io, values, done, () => spec.said(done));
        if (spec.call === 'webinars.restartLive' && !values.json) io.err(unwatchedNote(done.id));
      });
    },
  });

/**
 * The end watcher lives in a process that runs on: a console adopts the live within seconds
 * (control.ts `adopt`); without one, --follow keeps this process watching.
 */
async function follow(app: RegieApp, io: CliIo, id: number): Promise<WebinarView> {
  let stopped = false;
  void io.untilStopped().then(() => (stopped = true));
  for (;;) {
    const now = (await app.api.invoke('webinars.list', {})).find((w) => w.id === id);
    if (!now || !['starting', 'live', 'stopping'].includes(now.status)) {
      if (now) io.out(`${label(now)}: BBB ended the meeting; ${statusShown(now)}\n`);
      return now ?? (await webinarOf(app, String(id)));
    }
    if (stopped) {
      io.err(
        `Stopped following; the live goes on: "regie webinar stop-live ${String(id)}" stops it\n`,
      );
      return now;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const start = leaf({
  name: 'start',
  summary: 'create (or join) the BBB meeting, then start the live on its gateway',
  args: ['ID'],
  options: {
    follow: {
      type: 'boolean',
      help: 'stay, and stop the live when BBB ends the meeting (Ctrl+C leaves it running)',
    },
  },
  notes:
    'A running console (regie serve, the desktop app) watches the meeting and stops the live when\nit ends. Without one, --follow does it; or stop the live with "regie webinar stop-live ID" or\n"regie webinar end ID".',
  run: async ({ io, values, positionals }) => {
    await withApp(io, values, async (app) => {
      const webinar = await webinarOf(app, positionals[0]);
      const started = await app.api.invoke('webinars.start', { id: webinar.id });
      if (!values.follow) {
        print(io, values, started, () => liveText(started));
        if (!values.json) io.err(unwatchedNote(started.id));
        return;
      }
      if (!values.json) io.out(liveText(started));
      const last = await follow(app, io, started.id);
      if (values.json) print(io, values, last, () => '');
    });
  },
});

const stopLive = action({
  name: 'stop-live',
  summary: 'stop the live only; the BBB meeting goes on',
  call: 'webinars.stopLive',
  said: (w) =>
    `${label(w)}: live stopped on gateway ${w.gatewayName ?? 'none'}; the BBB meeting goes on ("regie webinar end ${String(w.id)}" ends it)\n${errorLine(w)}`,
});

const restartLive = action({
  name: 'restart-live',
  summary: 'stop the live and start it again (one watcher stays)',
  call: 'webinars.restartLive',
  said: liveText,
});

const end = action({
  name: 'end',
  summary: 'stop the live, then end the BBB meeting (once)',
  call: 'webinars.end',
  said: (w) =>
    `${label(w)} ended: ${w.liveStartedAt === null ? 'it never went live' : 'live stopped'}, BBB meeting ended on ${w.serverName}\n${errorLine(w)}`,
});

const toggleChat = action({
  name: 'toggle-chat',
  summary: 'show or hide the chat panel in the stream',
  call: 'webinars.toggleChat',
  said: (w) =>
    `${label(w)}: the chat panel is now ${w.chatVisible === false ? 'hidden' : 'shown'} in the stream\n`,
});

const viaShown = (m: WebinarChatMessage) =>
  m.via === 'bbb' ? 'the BBB public chat' : 'the BBB public chat through the gateway';

const chat = leaf({
  name: 'chat',
  summary: "send a listener's message to the BBB public chat, prefixed with its author",
  args: ['ID', 'MESSAGE'],
  options: { author: { type: 'string', value: 'NAME', help: 'the author shown (default: you)' } },
  run: async ({ io, values, positionals }) => {
    const message = positionals[1] ?? '';
    if (message.trim() === '') throw new UsageError('MESSAGE is empty');
    await withApp(io, values, async (app) => {
      const webinar = await webinarOf(app, positionals[0]);
      const sent = await app.api
        .invoke('webinars.chat', {
          id: webinar.id,
          message,
          ...(values.author !== undefined ? { author: values.author } : {}),
        })
        .catch(namingOptions(optionNames));
      print(
        io,
        values,
        sent,
        () => `${label(webinar)}: sent to ${viaShown(sent)} as ${sent.author}: ${sent.text}\n`,
      );
    });
  },
});

const details = (w: WebinarView, messages: WebinarChatMessage[]) =>
  [
    `${label(w)} on ${w.serverName} (meeting ${w.meetingId})`,
    `  status    ${statusShown(w)}; BBB ${bbbShown(w)}${w.isWatched ? '; watched' : ''}`,
    `  slot      ${when(w.startAt)} – ${when(w.endAt)} (${offsetOf(w.startAt)}), ${duration(w.durationMinutes)}`,
    `  gateway   ${w.gatewayName ?? 'none'}${w.hlsUrl ? `, HLS ${w.hlsUrl}` : ''}`,
    `  relay     ${w.relayUrl ?? '(WEBINAR_PUBLIC_URL not set)'}`,
    `  chat      ${w.enableChat ? 'shown' : 'hidden'} by default${w.chatVisible === null ? '' : `, now ${w.chatVisible ? 'shown' : 'hidden'}`}`,
    `  owners    ${[w.owner ?? '', ...w.additionalOwners].filter((o) => o !== '').join(', ') || 'none'}`,
    ...(w.liveStartedAt
      ? [
          `  live from ${when(w.liveStartedAt)}${w.liveStoppedAt ? ` to ${when(w.liveStoppedAt)}` : ''}`,
        ]
      : []),
    ...(w.endedAt ? [`  ended     ${when(w.endedAt)}`] : []),
    ...(w.lastError ? [`  error     ${w.lastError.en}`] : []),
    `${plural(messages.length, 'listener message')}${messages.length > 0 ? ':' : ''}`,
    ...messages.map((m) => `  ${when(m.at)} ${m.author}: ${m.text}`),
    '',
  ].join('\n');

const show = leaf({
  name: 'show',
  summary: 'one webinar: slot, gateway, relay address, states, listener messages',
  args: ['ID'],
  run: async ({ io, values, positionals }) => {
    await withApp(io, values, async (app) => {
      const webinar = await webinarOf(app, positionals[0]);
      const messages = await app.api.invoke('webinars.messages', { id: webinar.id });
      print(io, values, { ...webinar, messages }, () => details(webinar, messages));
    });
  },
});

const update = leaf({
  name: 'update',
  summary: 'change a webinar: name, slot (its gateway checked again), chat, additional owners',
  args: ['ID'],
  options: {
    name: { type: 'string', value: 'N', help: 'the new name' },
    start: { type: 'string', value: 'ISO', help: 'the new start, as for create' },
    duration: { type: 'string', value: 'MIN', help: 'the new expected duration in minutes' },
    chat: { type: 'boolean', help: 'show the chat panel in the stream' },
    'no-chat': { type: 'boolean', help: 'hide the chat panel in the stream' },
    moderator: {
      type: 'string',
      multiple: true,
      value: 'U',
      help: 'the additional owners, all of them (repeatable)',
    },
  },
  notes:
    "A new slot keeps the webinar's gateway while it is free then, else takes another free one;\nwith none free nothing changes and the overlapping webinars are named.",
  run: async ({ io, values, positionals }) => {
    if (values.chat && values['no-chat']) throw new UsageError('--chat and --no-chat contradict');
    const minutes =
      values.duration === undefined ? undefined : integerOption(values.duration, 'duration');
    if (minutes !== undefined && minutes < 1)
      throw new UsageError('--duration must be at least 1 minute');
    const patch = {
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values.start !== undefined ? { startAt: parseStart(values.start) } : {}),
      ...(minutes !== undefined ? { durationMinutes: minutes } : {}),
      ...(values.chat ? { enableChat: true } : {}),
      ...(values['no-chat'] ? { enableChat: false } : {}),
      ...(values.moderator !== undefined ? { additionalOwners: values.moderator } : {}),
    };
    if (Object.keys(patch).length === 0)
      throw new UsageError(
        'nothing to change: give --name, --start, --duration, --chat/--no-chat or --moderator',
      );
    await withApp(io, values, async (app) => {
      const webinar = await webinarOf(app, positionals[0]);
      const saved = await app.api
        .invoke('webinars.update', { id: webinar.id, patch })
        .catch(namingOptions(optionNames));
      print(
        io,
        values,
        saved,
        () =>
          `${label(saved)} saved: ${when(saved.startAt)} (${offsetOf(saved.startAt)}), ${duration(saved.durationMinutes)}, gateway ${saved.gatewayName ?? 'none'}\n`,
      );
    });
  },
});

const remove = leaf({
  name: 'remove',
  summary: 'remove a webinar that is not live',
  args: ['ID'],
  run: async ({ io, values, positionals }) => {
    await withApp(io, values, async (app) => {
      const webinar = await webinarOf(app, positionals[0]);
      const removed = await app.api.invoke('webinars.remove', { id: webinar.id });
      print(io, values, removed, () => `${label(webinar)} removed\n`);
    });
  },
});

/** `regie webinar …` (issue #13 §9): BBB meetings streamed through a live gateway. */
export const webinarCommand = group('webinar', 'webinars: BBB meetings streamed live (HLS)', [
  create,
  list,
  show,
  update,
  remove,
  start,
  stopLive,
  restartLive,
  end,
  toggleChat,
  chat,
]);

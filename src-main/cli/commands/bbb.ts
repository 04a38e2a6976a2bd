import type {
  BbbMeetingView,
  BbbRecordingView,
  BbbServerView,
} from '../../../src-preload/contract';
import type { RegieApp } from '../../app/app';
import { integerOption, parseCommand, requireOption } from '../commandLine';
import { print, withApp, type CommandContext } from '../context';
import { namingOptions, readSecretFile, table, UsageError } from '../io';

const checksums = ['sha1', 'sha256', 'sha384', 'sha512'] as const;

const serverRows = (servers: BbbServerView[]) =>
  servers.map((s) => ({
    name: s.name,
    url: s.url,
    checksum: s.checksum,
    version: s.version ?? '',
    reachable: s.isReachable === null ? '?' : s.isReachable ? 'yes' : 'no',
    'auto publish': s.autoPublish ? 'yes' : 'no',
    error: s.lastError ?? '',
  }));

const meetingRows = (meetings: BbbMeetingView[]) =>
  meetings.map((m) => ({
    server: m.serverName,
    meeting: m.name,
    running: m.isRunning ? 'yes' : `ended ${(m.endedAt ?? '').slice(0, 16).replace('T', ' ')}`,
    started: m.startedAt.slice(0, 16).replace('T', ' '),
    moderators: m.moderators
      .map((a) => `${a.fullName}${a.userId === null ? ` (${a.matchState})` : ''}`)
      .join(', '),
    people: String(m.attendeeCount),
    origin: m.origin ?? '',
  }));

const recordingRows = (recordings: BbbRecordingView[]) =>
  recordings.map((r) => ({
    server: r.serverName,
    record: r.recordId,
    name: r.name,
    start: new Date(r.startMs).toISOString().slice(0, 16).replace('T', ' '),
    minutes: String(Math.round(r.durationS / 60)),
    formats: r.formats.map((f) => f.type).join(','),
    publication: r.publication,
  }));

async function serverId(app: RegieApp, name: string): Promise<number> {
  const server = (await app.api.invoke('bbbServers.list', {})).find((s) => s.name === name);
  if (!server) throw new UsageError(`--server: no BigBlueButton server named "${name}"`);
  return server.id;
}

function readSecret(values: { secret?: string; 'secret-file'?: string }, ctx: CommandContext) {
  if (values['secret-file'] !== undefined)
    return readSecretFile(values['secret-file'], '--secret-file');
  const secret = requireOption(values.secret, 'secret');
  ctx.io.err(
    'note: a --secret on the command line is visible to other users of this machine; --secret-file F is not\n',
  );
  return secret;
}

/** `regie bbb …`: servers, the meetings and recordings mirror, publication, matching. */
export async function bbbCommand(verb: string | undefined, ctx: CommandContext): Promise<void> {
  const [sub, ...rest] = ctx.args;
  switch (verb) {
    case 'server':
      return serverCommand(sub, { ...ctx, args: rest });
    case 'match':
      return matchCommand(sub, { ...ctx, args: rest });
    case 'poll': {
      const { values } = parseCommand(ctx.args, {}, []);
      await withApp(ctx.io, values, async (app) => {
        const report = await app.api.invoke('bbbMeetings.poll', {});
        print(ctx.io, values, report, () =>
          table(
            report.servers.map((s) => ({
              server: s.name,
              ok: s.ok ? 'yes' : 'no',
              running: String(s.running),
              ended: String(s.ended),
              written: String(s.written),
              ms: String(s.ms),
              error: s.error ?? '',
            })),
            'No BigBlueButton server: add one with "regie bbb server add".',
          ),
        );
      });
      return;
    }
    case 'meetings': {
      const { values } = parseCommand(
        ctx.args,
        { running: { type: 'boolean' }, limit: { type: 'string' } },
        [],
      );
      const limit = integerOption(values.limit, 'limit');
      await withApp(ctx.io, values, async (app) => {
        const meetings = await app.api.invoke('bbbMeetings.list', {
          ...(values.running ? { runningOnly: true } : {}),
          ...(limit !== undefined ? { limit } : {}),
        });
        print(ctx.io, values, meetings, () => table(meetingRows(meetings), 'No meeting seen.'));
      });
      return;
    }
    case 'recordings': {
      const { values } = parseCommand(
        ctx.args,
        {
          server: { type: 'string' },
          meeting: { type: 'string' },
          mirror: { type: 'boolean' },
          limit: { type: 'string' },
        },
        [],
      );
      const limit = integerOption(values.limit, 'limit');
      await withApp(ctx.io, values, async (app) => {
        const id = values.server === undefined ? undefined : await serverId(app, values.server);
        if (values.mirror) {
          for (const r of await app.api.invoke(
            'bbbRecordings.mirror',
            id === undefined ? {} : { serverId: id },
          ))
            ctx.io.err(
              `${r.name}: ${String(r.listed)} listed, ${String(r.written)} written, ${r.mode}, ${String(r.requests)} request(s), ${String(r.ms)} ms\n`,
            );
        }
        const recordings = await app.api.invoke('bbbRecordings.list', {
          ...(id !== undefined ? { serverId: id } : {}),
          ...(values.meeting !== undefined ? { meetingId: values.meeting } : {}),
          ...(limit !== undefined ? { limit } : {}),
        });
        print(ctx.io, values, recordings, () =>
          table(recordingRows(recordings), 'No recording mirrored (try --mirror).'),
        );
      });
      return;
    }
    case 'publish': {
      const { values, positionals } = parseCommand(
        ctx.args,
        { owner: { type: 'string' }, server: { type: 'string' } },
        ['RECORD_ID'],
      );
      const recordId = positionals[0] ?? '';
      const owner = requireOption(values.owner, 'owner');
      await withApp(ctx.io, values, async (app) => {
        const id = values.server === undefined ? undefined : await serverId(app, values.server);
        const candidates = (
          await app.api.invoke('bbbRecordings.list', id === undefined ? {} : { serverId: id })
        ).filter((r) => r.recordId === recordId);
        if (candidates.length === 0)
          throw new UsageError(
            `RECORD_ID: "${recordId}" is not mirrored (see "regie bbb recordings --mirror")`,
          );
        if (candidates.length > 1)
          throw new UsageError(`RECORD_ID: "${recordId}" is on several servers; add --server NAME`);
        const published = await app.api
          .invoke('bbbRecordings.publish', { id: candidates[0]?.id ?? 0, owner })
          .catch(namingOptions({ owner: '--owner' }));
        print(
          ctx.io,
          values,
          published,
          () =>
            `${published.recordId}: ${published.publication === 'awaiting_conversion' ? 'awaiting conversion (no video format)' : 'queued for publication'} to ${owner}\n`,
        );
      });
      return;
    }
    default:
      throw new UsageError(
        `bbb: expected server, poll, meetings, recordings, publish or match${verb ? `, not "${verb}"` : ''}`,
      );
  }
}

async function serverCommand(verb: string | undefined, ctx: CommandContext): Promise<void> {
  switch (verb) {
    case 'add': {
      const { values } = parseCommand(
        ctx.args,
        {
          name: { type: 'string' },
          url: { type: 'string' },
          secret: { type: 'string' },
          'secret-file': { type: 'string' },
          checksum: { type: 'string' },
          'auto-publish': { type: 'boolean' },
        },
        [],
      );
      const checksum = values.checksum;
      if (checksum !== undefined && !(checksums as readonly string[]).includes(checksum))
        throw new UsageError(
          `--checksum must be sha1, sha256, sha384 or sha512, not "${checksum}"`,
        );
      const input = {
        name: requireOption(values.name, 'name'),
        url: requireOption(values.url, 'url'),
        secret: readSecret(values, ctx),
        ...(checksum !== undefined ? { checksum: checksum as (typeof checksums)[number] } : {}),
        ...(values['auto-publish'] ? { autoPublish: true } : {}),
      };
      await withApp(ctx.io, values, async (app) => {
        const server = await app.api.invoke('bbbServers.add', input).catch(
          namingOptions({
            name: '--name',
            url: '--url',
            secret: '--secret',
            checksum: '--checksum',
          }),
        );
        const tested = await app.api.invoke('bbbServers.test', { id: server.id });
        print(ctx.io, values, tested, () =>
          tested.isReachable
            ? `Server ${tested.name} added: ${tested.version ?? ''}, reachable\n`
            : `Server ${tested.name} added, but the test failed: ${tested.lastError ?? ''}\n`,
        );
      });
      return;
    }
    case 'list': {
      const { values } = parseCommand(ctx.args, {}, []);
      await withApp(ctx.io, values, async (app) => {
        const servers = await app.api.invoke('bbbServers.list', {});
        print(ctx.io, values, servers, () =>
          table(serverRows(servers), 'No BigBlueButton server.'),
        );
      });
      return;
    }
    case 'test':
    case 'remove': {
      const { values, positionals } = parseCommand(ctx.args, {}, ['NAME']);
      await withApp(ctx.io, values, async (app) => {
        const id = await serverId(app, positionals[0] ?? '').catch(() => {
          throw new UsageError(`NAME: no BigBlueButton server named "${positionals[0] ?? ''}"`);
        });
        if (verb === 'remove') {
          const removed = await app.api.invoke('bbbServers.remove', { id });
          print(ctx.io, values, removed, () => `Server ${positionals[0] ?? ''} removed\n`);
          return;
        }
        const tested = await app.api.invoke('bbbServers.test', { id });
        print(ctx.io, values, tested, () => table(serverRows([tested]), ''));
      });
      return;
    }
    default:
      throw new UsageError(
        `bbb server: expected add, list, test or remove${verb ? `, not "${verb}"` : ''}`,
      );
  }
}

async function matchCommand(verb: string | undefined, ctx: CommandContext): Promise<void> {
  switch (verb) {
    case 'list': {
      const { values } = parseCommand(ctx.args, {}, []);
      await withApp(ctx.io, values, async (app) => {
        const cases = await app.api.invoke('bbbMatches.list', {});
        const users = await app.api.invoke('users.list', {});
        const name = (id: number) => users.find((u) => u.id === id)?.username ?? String(id);
        print(ctx.io, values, cases, () =>
          table(
            cases.map((c) => ({
              id: String(c.attendeeId),
              'BBB name': c.fullName,
              state: c.matchState,
              candidates: c.candidateUserIds.map(name).join(', '),
              meeting: c.meetingName,
              server: c.serverName,
            })),
            'Nothing to match: every moderator seen is a known user.',
          ),
        );
      });
      return;
    }
    case 'set': {
      const { values, positionals } = parseCommand(ctx.args, {}, ['ID', 'USERNAME']);
      const id = Number(positionals[0]);
      if (!Number.isInteger(id) || id <= 0)
        throw new UsageError(
          `ID must be an id from "regie bbb match list", not "${positionals[0] ?? ''}"`,
        );
      const username = positionals[1] ?? '';
      await withApp(ctx.io, values, async (app) => {
        const result = await app.api
          .invoke('bbbMatches.choose', { attendeeId: id, username })
          .catch(namingOptions({ username: 'USERNAME' }));
        print(ctx.io, values, result, () => `Attendee ${String(id)} is ${username}; remembered\n`);
      });
      return;
    }
    default:
      throw new UsageError(`bbb match: expected list or set${verb ? `, not "${verb}"` : ''}`);
  }
}

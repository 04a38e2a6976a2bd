import type {
  BbbMeetingView,
  BbbRecordingView,
  BbbServerView,
} from '../../../src-preload/contract';
import type { RegieApp } from '../../app/app';
import { bi, RegieError } from '../../ground/errors';
import { integerOption, requireOption } from '../commandLine';
import { print, withApp } from '../context';
import { namingOptions, readSecretFile, table, UsageError, type CliIo } from '../io';
import { group, leaf } from '../spec';
import { bbbConvert } from './bbbConvert';

const checksums = ['sha1', 'sha256', 'sha384', 'sha512'] as const;

const serverRows = (servers: BbbServerView[]) =>
  servers.map((s) => ({
    name: s.name,
    url: s.url,
    checksum: s.checksum,
    version: s.version ?? '',
    reachable: s.isReachable === null ? '?' : s.isReachable ? 'yes' : 'no',
    'auto publish': s.autoPublish ? 'yes' : 'no',
    error: s.lastError?.en ?? '',
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

function readSecret(values: { secret?: string; 'secret-file'?: string }, io: CliIo) {
  if (values['secret-file'] !== undefined)
    return readSecretFile(values['secret-file'], '--secret-file');
  const secret = requireOption(values.secret, 'secret');
  io.err(
    'note: a --secret on the command line is visible to other users of this machine; --secret-file F is not\n',
  );
  return secret;
}

const poll = leaf({
  name: 'poll',
  summary: 'one pass of the meetings mirror over every server',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const report = await app.api.invoke('bbbMeetings.poll', {});
      print(io, values, report, () =>
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
  },
});

const meetings = leaf({
  name: 'meetings',
  summary: 'the mirrored meetings, kept after they end',
  options: {
    running: { type: 'boolean', help: 'only the running ones' },
    limit: { type: 'string', value: 'N', help: 'at most N meetings' },
  },
  run: async ({ io, values }) => {
    const limit = integerOption(values.limit, 'limit');
    await withApp(io, values, async (app) => {
      const found = await app.api.invoke('bbbMeetings.list', {
        ...(values.running ? { runningOnly: true } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
      print(io, values, found, () => table(meetingRows(found), 'No meeting seen.'));
    });
  },
});

const recordings = leaf({
  name: 'recordings',
  summary: 'the mirrored recordings; --mirror reads them from the servers first',
  options: {
    server: { type: 'string', value: 'NAME', help: 'only this server' },
    meeting: { type: 'string', value: 'ID', help: 'only this meeting' },
    mirror: { type: 'boolean', help: 'mirror the whole server(s) first' },
    limit: { type: 'string', value: 'N', help: 'at most N recordings' },
  },
  run: async ({ io, values }) => {
    const limit = integerOption(values.limit, 'limit');
    await withApp(io, values, async (app) => {
      const id = values.server === undefined ? undefined : await serverId(app, values.server);
      if (values.mirror) {
        for (const r of await app.api.invoke(
          'bbbRecordings.mirror',
          id === undefined ? {} : { serverId: id },
        ))
          io.err(
            `${r.name}: ${String(r.listed)} listed, ${String(r.written)} written, ${r.mode}, ${String(r.requests)} request(s), ${String(r.ms)} ms\n`,
          );
      }
      const found = await app.api.invoke('bbbRecordings.list', {
        ...(id !== undefined ? { serverId: id } : {}),
        ...(values.meeting !== undefined ? { meetingId: values.meeting } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
      print(io, values, found, () =>
        table(recordingRows(found), 'No recording mirrored (try --mirror).'),
      );
    });
  },
});

const publish = leaf({
  name: 'publish',
  summary: 'download, encode and add a recording to the Library under its owner',
  args: ['RECORD_ID'],
  options: {
    owner: { type: 'string', value: 'USERNAME', help: 'the owner (required)' },
    server: { type: 'string', value: 'NAME', help: 'the server, when the id is on several' },
  },
  run: async ({ io, values, positionals }) => {
    const recordId = positionals[0] ?? '';
    const owner = requireOption(values.owner, 'owner');
    await withApp(io, values, async (app) => {
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
        io,
        values,
        published,
        () =>
          `${published.recordId}: ${published.publication === 'awaiting_conversion' ? 'nothing to convert (no video or presentation format)' : 'queued for publication'} to ${owner}\n`,
      );
    });
  },
});

const serverAdd = leaf({
  name: 'add',
  summary: 'add a BBB or Scalelite server, once its connection test passes',
  options: {
    name: { type: 'string', value: 'N', help: 'its name in Régie (required)' },
    url: {
      type: 'string',
      value: 'URL',
      help: 'https://host/, …/bigbluebutton/ or …/bigbluebutton/api (required)',
    },
    secret: {
      type: 'string',
      value: 'S',
      help: 'the shared secret (visible to ps: prefer a file)',
    },
    'secret-file': { type: 'string', value: 'F', help: 'a file holding the shared secret' },
    checksum: {
      type: 'string',
      value: 'sha1|sha256|sha384|sha512',
      help: 'the checksum algorithm (sha256)',
    },
    'auto-publish': { type: 'boolean', help: 'publish recordings with one known moderator' },
    'no-test': { type: 'boolean', help: 'add it even if its connection test fails' },
  },
  notes: 'The secret is the one `bbb-conf --secret` prints (on Scalelite: LOADBALANCER_SECRET).',
  run: async ({ io, values }) => {
    const checksum = values.checksum;
    if (checksum !== undefined && !(checksums as readonly string[]).includes(checksum))
      throw new UsageError(`--checksum must be sha1, sha256, sha384 or sha512, not "${checksum}"`);
    const isTested = values['no-test'] !== true;
    const input = {
      name: requireOption(values.name, 'name'),
      url: requireOption(values.url, 'url'),
      secret: readSecret(values, io),
      ...(checksum !== undefined ? { checksum: checksum as (typeof checksums)[number] } : {}),
      ...(values['auto-publish'] ? { autoPublish: true } : {}),
      isTestedFirst: isTested,
    };
    await withApp(io, values, async (app) => {
      const server = await app.api
        .invoke('bbbServers.add', input)
        .catch(
          namingOptions({
            name: '--name',
            url: '--url',
            secret: '--secret',
            checksum: '--checksum',
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof RegieError) || error.code !== 'remote') throw error;
          throw new RegieError(
            'remote',
            bi(
              `${error.text.en}\nNothing was added; to add it anyway, run the same command with --no-test.`,
              `${error.text.fr}\nRien n'a été ajouté ; pour l'ajouter quand même, relancez la commande avec --no-test.`,
            ),
            { ...(error.detail !== undefined ? { detail: error.detail } : {}), cause: error },
          );
        });
      print(io, values, server, () =>
        isTested
          ? `Server ${server.name} added: ${server.url} (${server.version ?? ''}, reachable)\n`
          : `Server ${server.name} added: ${server.url} (not tested: "regie bbb server test ${server.name}")\n`,
      );
    });
  },
});

const serverList = leaf({
  name: 'list',
  summary: 'list the servers and what their last contact found',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const servers = await app.api.invoke('bbbServers.list', {});
      print(io, values, servers, () => table(serverRows(servers), 'No BigBlueButton server.'));
    });
  },
});

const serverByName = (verb: 'test' | 'remove', summary: string) =>
  leaf({
    name: verb,
    summary,
    args: ['NAME'],
    run: async ({ io, values, positionals }) => {
      await withApp(io, values, async (app) => {
        const id = await serverId(app, positionals[0] ?? '').catch(() => {
          throw new UsageError(`NAME: no BigBlueButton server named "${positionals[0] ?? ''}"`);
        });
        if (verb === 'remove') {
          const removed = await app.api.invoke('bbbServers.remove', { id });
          print(io, values, removed, () => `Server ${positionals[0] ?? ''} removed\n`);
          return;
        }
        const tested = await app.api.invoke('bbbServers.test', { id });
        print(io, values, tested, () => table(serverRows([tested]), ''));
      });
    },
  });

const matchList = leaf({
  name: 'list',
  summary: 'the moderators not matched to a user yet',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const cases = await app.api.invoke('bbbMatches.list', {});
      const users = await app.api.invoke('users.list', {});
      const name = (id: number) => users.find((u) => u.id === id)?.username ?? String(id);
      print(io, values, cases, () =>
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
  },
});

const matchSet = leaf({
  name: 'set',
  summary: 'match a moderator to a user, remembered for that person',
  args: ['ID', 'USERNAME'],
  run: async ({ io, values, positionals }) => {
    const id = Number(positionals[0]);
    if (!Number.isInteger(id) || id <= 0)
      throw new UsageError(
        `ID must be an id from "regie bbb match list", not "${positionals[0] ?? ''}"`,
      );
    const username = positionals[1] ?? '';
    await withApp(io, values, async (app) => {
      const result = await app.api
        .invoke('bbbMatches.choose', { attendeeId: id, username })
        .catch(namingOptions({ username: 'USERNAME' }));
      print(io, values, result, () => `Attendee ${String(id)} is ${username}; remembered\n`);
    });
  },
});

/** `regie bbb …`: servers, the meetings and recordings mirror, publication, matching. */
export const bbbCommand = group('bbb', 'BigBlueButton and Scalelite servers', [
  group('server', 'the servers: add, list, test, remove', [
    serverAdd,
    serverList,
    serverByName('test', 'test the connection: the version, then a signed call'),
    serverByName('remove', 'remove a server with its mirrored meetings and recordings'),
  ]),
  poll,
  meetings,
  recordings,
  publish,
  bbbConvert,
  group('match', 'moderators to users', [matchList, matchSet]),
]);

import type { BbbMirrorReport } from '../../../src-preload/contract';
import type { Services } from '../../kit/services';
import type { BbbMeetingsRepository } from '../meetings/repository';
import type { BbbServersService } from '../servers/service';
import type { BbbRecordingsRepository } from './repository';

export type MirrorReport = BbbMirrorReport;

/** meetingID lists per getRecordings call: short enough for any URL length limit. */
const MEETINGS_PER_CALL = 20;

/**
 * The recordings mirror (issue #5 §5): the recordings of the meetings Régie saw in the last
 * BBB_PUBLICATION_DAYS, and on demand every recording of a server, paginated where the server
 * paginates (Pod's one unpaged call times out on large servers: pod-behaviour.md §8.3.2).
 */
export function createRecordingsMirror(options: {
  s: Services;
  servers: BbbServersService;
  meetings: BbbMeetingsRepository;
  recordings: BbbRecordingsRepository;
}) {
  const { s, servers, meetings, recordings } = options;

  const finish = (ids: number[]) => {
    if (ids.length === 0) return;
    // A large first mirror is sent as the list the console shows (what `bbbRecordings.list`
    // answers), whole, rather than as thousands of entities.
    if (ids.length <= 200) {
      s.events.emit('bbbRecordings.changed', {
        items: ids.flatMap((id) => recordings.byId(id) ?? []),
      });
    } else {
      const items = recordings.list().map(({ metadata: _m, ...view }) => view);
      s.events.emit('bbbRecordings.changed', { items, isComplete: true });
    }
  };

  return {
    async recent(signal?: AbortSignal): Promise<MirrorReport[]> {
      const days = s.settings.get('BBB_PUBLICATION_DAYS');
      const since = new Date(s.now().getTime() - days * 86_400_000).toISOString();
      const byServer = new Map<number, Set<string>>();
      for (const row of meetings.since(since)) {
        const set = byServer.get(row.server_id) ?? new Set<string>();
        set.add(row.meeting_id);
        byServer.set(row.server_id, set);
      }
      const reports: MirrorReport[] = [];
      await Promise.all(
        [...byServer].map(async ([serverId, ids]) => {
          const server = servers.repo.byId(serverId);
          if (!server) return;
          const started = performance.now();
          const client = servers.clientFor(server);
          const list = [...ids];
          let listed = 0;
          let requests = 0;
          const written: number[] = [];
          const writer = recordings.upserter(serverId);
          for (let i = 0; i < list.length; i += MEETINGS_PER_CALL) {
            const all = await client.getAllRecordings(
              { meetingIds: list.slice(i, i + MEETINGS_PER_CALL) },
              {
                ...(signal ? { signal } : {}),
                onBatch: (batch) => written.push(...writer.write(batch, s.now().toISOString())),
              },
            );
            listed += all.count;
            requests += all.requests;
          }
          finish(written);
          reports.push({
            serverId,
            name: server.name,
            listed,
            written: written.length,
            mode: 'by-meeting',
            requests,
            ms: Math.round(performance.now() - started),
          });
        }),
      );
      return reports;
    },

    async server(serverId: number, signal?: AbortSignal): Promise<MirrorReport> {
      const server = servers.requireServer(serverId);
      const started = performance.now();
      // Written batch by batch as pages arrive: memory stays flat however large the server.
      const writer = recordings.upserter(serverId);
      const written: number[] = [];
      const all = await servers.clientFor(server).getAllRecordings(
        { states: ['any'] },
        {
          ...(signal ? { signal } : {}),
          onBatch: (batch) => written.push(...writer.write(batch, s.now().toISOString())),
        },
      );
      finish(written);
      return {
        serverId,
        name: server.name,
        listed: all.count,
        written: written.length,
        mode: all.mode,
        requests: all.requests,
        ms: Math.round(performance.now() - started),
      };
    },
  };
}

export type RecordingsMirror = ReturnType<typeof createRecordingsMirror>;

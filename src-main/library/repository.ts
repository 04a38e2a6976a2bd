import type { Bilingual, PodState, Rendition, Video } from '../../src-preload/contract';
import type { Db } from '../db/open';

interface Row {
  id: number;
  recording_id: number | null;
  owner_id: number;
  title: string;
  video_type_id: number;
  description: string;
  duration_s: number;
  is_video: number;
  dir: string;
  renditions_json: string;
  thumbnail: string | null;
  overview_vtt: string | null;
  master: string | null;
  source_path: string;
  created_at: string;
  pod_state: PodState;
  pod_video_id: number | null;
  pod_slug: string | null;
  pod_page_url: string | null;
  pod_is_draft: number | null;
  pod_step: string | null;
  pod_error_json: string | null;
  pod_marker: string | null;
  pod_updated_at: string | null;
}

export interface StoredVideo extends Video {
  dir: string;
  sourcePath: string;
  podSlug: string | null;
  podMarker: string | null;
}

/** What the Pod connector writes on a video; absent fields stay as they are. */
export interface PodPatch {
  state?: PodState;
  videoId?: number | null;
  slug?: string | null;
  pageUrl?: string | null;
  isDraft?: boolean | null;
  step?: string | null;
  error?: Bilingual | null;
  marker?: string | null;
}

const toVideo = (row: Row): StoredVideo => ({
  id: row.id,
  recordingId: row.recording_id,
  ownerId: row.owner_id,
  title: row.title,
  videoTypeId: row.video_type_id,
  description: row.description,
  durationS: row.duration_s,
  isVideo: row.is_video === 1,
  renditions: JSON.parse(row.renditions_json) as Rendition[],
  thumbnail: row.thumbnail,
  overviewVtt: row.overview_vtt,
  master: row.master,
  createdAt: row.created_at,
  pod: {
    state: row.pod_state,
    videoId: row.pod_video_id,
    pageUrl: row.pod_page_url,
    isDraft: row.pod_is_draft === null ? null : row.pod_is_draft === 1,
    step: row.pod_step,
    error: row.pod_error_json === null ? null : (JSON.parse(row.pod_error_json) as Bilingual),
    updatedAt: row.pod_updated_at,
  },
  dir: row.dir,
  sourcePath: row.source_path,
  podSlug: row.pod_slug,
  podMarker: row.pod_marker,
});

export type NewVideo = Omit<StoredVideo, 'id' | 'createdAt' | 'pod' | 'podSlug' | 'podMarker'>;

const podColumns: Record<keyof PodPatch, string> = {
  state: 'pod_state',
  videoId: 'pod_video_id',
  slug: 'pod_slug',
  pageUrl: 'pod_page_url',
  isDraft: 'pod_is_draft',
  step: 'pod_step',
  error: 'pod_error_json',
  marker: 'pod_marker',
};

export function createVideosRepository(db: Db) {
  const one = db.prepare<[number], Row>('SELECT * FROM videos WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM videos ORDER BY id DESC');
  const nextId = db.prepare<[], { next: number }>(
    'SELECT coalesce(max(id), 0) + 1 AS next FROM videos',
  );
  const insert = db.prepare(
    `INSERT INTO videos (id, recording_id, owner_id, title, video_type_id, description, duration_s, is_video, dir, renditions_json, thumbnail, overview_vtt, master, source_path, created_at, updated_at)
     VALUES (@id, @recordingId, @ownerId, @title, @videoTypeId, @description, @durationS, @isVideo, @dir, @renditions, @thumbnail, @overviewVtt, @master, @sourcePath, @at, @at)`,
  );
  const inPodState = db.prepare<[string], Row>(
    'SELECT * FROM videos WHERE pod_state = ? ORDER BY id',
  );
  const podCounts = db.prepare<[], { state: PodState; n: number }>(
    'SELECT pod_state AS state, count(*) AS n FROM videos GROUP BY pod_state',
  );
  const sourcePath = db.prepare<[string, number]>('UPDATE videos SET source_path = ? WHERE id = ?');
  return {
    /** Where the video's source went when it was archived after publication. */
    setSourcePath(id: number, path: string): StoredVideo {
      sourcePath.run(path, id);
      const row = one.get(id);
      if (!row) throw new Error(`video ${String(id)} vanished`);
      return toVideo(row);
    },
    byPodState: (state: PodState) => inPodState.all(state).map(toVideo),
    podCounts: () => podCounts.all(),
    /** Writes the Pod fields given, at once (the Pod id must survive a crash the next instant). */
    setPod(id: number, patch: PodPatch, at: string): StoredVideo {
      const sets: string[] = ['pod_updated_at = @at'];
      const values: Record<string, unknown> = { id, at };
      for (const [key, value] of Object.entries(patch) as [keyof PodPatch, unknown][]) {
        if (value === undefined) continue;
        const column = podColumns[key];
        sets.push(`${column} = @${column}`);
        values[column] =
          key === 'error'
            ? value === null
              ? null
              : JSON.stringify(value)
            : typeof value === 'boolean'
              ? Number(value)
              : value;
      }
      db.prepare(`UPDATE videos SET ${sets.join(', ')} WHERE id = @id`).run(values);
      const row = one.get(id);
      if (!row) throw new Error(`video ${String(id)} vanished`);
      return toVideo(row);
    },
    byId: (id: number) => {
      const row = one.get(id);
      return row && toVideo(row);
    },
    list: () => all.all().map(toVideo),
    /** The id a new video will get, so its folder can be named before the row exists. */
    nextId: () => nextId.get()?.next ?? 1,
    insert(video: NewVideo & { id: number }, at: string): StoredVideo {
      insert.run({
        ...video,
        isVideo: video.isVideo ? 1 : 0,
        renditions: JSON.stringify(video.renditions),
        at,
      });
      const row = one.get(video.id);
      if (!row) throw new Error(`video ${String(video.id)} vanished`);
      return toVideo(row);
    },
  };
}

export type VideosRepository = ReturnType<typeof createVideosRepository>;

export function toVideoView(video: StoredVideo): Video {
  const { dir: _dir, sourcePath: _source, podSlug: _slug, podMarker: _marker, ...view } = video;
  return view;
}

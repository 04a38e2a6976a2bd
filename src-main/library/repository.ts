import type { Rendition, Video } from '../../src-preload/contract';
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
}

export interface StoredVideo extends Video {
  dir: string;
  sourcePath: string;
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
  dir: row.dir,
  sourcePath: row.source_path,
});

export type NewVideo = Omit<StoredVideo, 'id' | 'createdAt'>;

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
  return {
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
  const { dir: _dir, sourcePath: _source, ...view } = video;
  return view;
}

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Preview } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import type { Services } from '../kit/services';
import { extractAudiovideocast } from '../audiovideocast';
import type { StoredFile } from '../drop/recorderFilesRepository';

interface Entry {
  mediaPath: string;
  kind: 'video' | 'audio';
  slides: (Preview['slides'][number] & { imagePath: string | null })[];
}

/**
 * What the Inbox plays (USE_RECORD_PREVIEW): the file itself, or for an audiovideocast ZIP its
 * media and slides, extracted once into `<data>/work/preview/<file id>/`. The web host and the
 * desktop scheme serve only paths handed out here.
 */
export function createPreviews(s: Services) {
  const entries = new Map<number, Entry>();

  async function load(file: StoredFile): Promise<Entry> {
    if (!file.fileName.toLowerCase().endsWith('.zip')) {
      return { mediaPath: file.localPath, kind: file.media?.width ? 'video' : 'audio', slides: [] };
    }
    const dir = join(s.dataDir, 'work', 'preview', String(file.id));
    // A cache: what an earlier run extracted is replaced, the ZIP stays the source.
    rmSync(dir, { recursive: true, force: true });
    const content = await extractAudiovideocast(file.localPath, dir, {
      skipFirstImage: s.settings.getBoolean('RECORDER_SKIP_FIRST_IMAGE'),
    });
    return {
      mediaPath: content.mediaPath,
      kind: 'video',
      slides: content.slides.map((slide) => ({ ...slide, url: null })),
    };
  }

  return {
    async open(file: StoredFile): Promise<Preview> {
      if (!s.settings.getBoolean('USE_RECORD_PREVIEW')) {
        throw new RegieError(
          'forbidden',
          bi(
            'Preview is off (USE_RECORD_PREVIEW)',
            'La prévisualisation est désactivée (USE_RECORD_PREVIEW)',
          ),
        );
      }
      let entry = entries.get(file.id);
      if (!entry) {
        entry = await load(file);
        entries.set(file.id, entry);
      }
      const base = `/media/file/${String(file.id)}`;
      return {
        url: base,
        kind: entry.kind,
        slides: entry.slides.map(({ imagePath, ...slide }, n) => ({
          ...slide,
          url: imagePath === null ? null : `${base}/slide/${String(n)}`,
        })),
      };
    },
    /** The file behind a preview URL, if that file was previewed. */
    mediaPath(id: number, slide?: number): string | undefined {
      const entry = entries.get(id);
      if (!entry) return undefined;
      return slide === undefined ? entry.mediaPath : (entry.slides[slide]?.imagePath ?? undefined);
    },
  };
}

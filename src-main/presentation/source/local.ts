import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { bi, RegieError } from '../../ground/errors';
import {
  captionFiles,
  DESKSHARE_CANDIDATES,
  hasDeskshareEvents,
  OPTIONAL_FILES,
  scanShapesImages,
  WEBCAM_CANDIDATES,
} from './assets';
import {
  deskshareMissingWarning,
  missingImageWarning,
  refusedHrefWarning,
  silentWarning,
  type RecordingFiles,
} from './result';

/**
 * A published folder (`/var/bigbluebutton/published/presentation/<id>/`, copied or mounted) read
 * in place, nothing copied: the same answer as `fetchRecording`, so the renderer does not care
 * where the files came from. A file whose real path leaves the folder (a symbolic link) counts
 * as absent, as an `href` with `..` would.
 */
export async function openLocalRecording(dir: string): Promise<RecordingFiles> {
  const root = await realpath(dir).catch(() => null);
  const exists = async (path: string): Promise<boolean> => {
    if (root === null) return false;
    const real = await realpath(join(root, path)).catch(() => null);
    if (real === null || !real.startsWith(root + sep)) return false;
    return stat(real).then(
      (s) => s.isFile(),
      () => false,
    );
  };
  for (const required of ['metadata.xml', 'shapes.svg'])
    if (!(await exists(required)))
      throw new RegieError(
        'not_found',
        bi(
          `${dir} is not a published presentation recording: ${required} is missing. Choose the folder named after the record id, under …/published/presentation/.`,
          `${dir} n'est pas un enregistrement de présentation publié : ${required} manque. Choisissez le dossier qui porte l'identifiant, sous …/published/presentation/.`,
        ),
        { detail: `no ${join(dir, required)}` },
      );
  const result: RecordingFiles = {
    files: ['metadata.xml', 'shapes.svg'],
    missing: [],
    warnings: [],
  };
  for (const path of OPTIONAL_FILES)
    ((await exists(path)) ? result.files : result.missing).push(path);

  const refs = await scanShapesImages(join(dir, 'shapes.svg'));
  for (const href of refs.refused) result.warnings.push(refusedHrefWarning(href));
  const firstOf = async (candidates: readonly string[]): Promise<string | null> => {
    for (const path of candidates) if (await exists(path)) return path;
    return null;
  };
  const media = await firstOf(WEBCAM_CANDIDATES);
  if (media) result.files.push(media);
  else {
    result.missing.push(...WEBCAM_CANDIDATES);
    result.warnings.push(silentWarning);
  }
  if (result.files.includes('deskshare.xml')) {
    if (await hasDeskshareEvents(join(dir, 'deskshare.xml'))) {
      const deskshare = await firstOf(DESKSHARE_CANDIDATES);
      if (deskshare) result.files.push(deskshare);
      else {
        result.missing.push(...DESKSHARE_CANDIDATES);
        result.warnings.push(deskshareMissingWarning);
      }
    }
  }
  if (result.files.includes('captions.json'))
    for (const path of await captionFiles(join(dir, 'captions.json')))
      ((await exists(path)) ? result.files : result.missing).push(path);
  for (const path of refs.paths.filter((p) => !result.files.includes(p))) {
    if (await exists(path)) result.files.push(path);
    else {
      result.missing.push(path);
      result.warnings.push(missingImageWarning(path));
    }
  }
  return result;
}

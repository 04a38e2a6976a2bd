import { bi, RegieError } from '../../ground/errors';

/** A problem that degrades the video without stopping it, said to the operator in the job. */
export interface SourceWarning {
  file: string;
  en: string;
  fr: string;
}

/** What a source (a server or a local folder) gives the renderer. */
export interface RecordingFiles {
  /** Relative paths present in the folder, safe to join to it. */
  files: string[];
  /** Optional or referenced files that are not there (404, or absent from the folder). */
  missing: string[];
  warnings: SourceWarning[];
}

export const refusedHrefWarning = (href: string): SourceWarning => ({
  file: 'shapes.svg',
  en: `shapes.svg names an image outside the recording (${href}): refused, not fetched.`,
  fr: `shapes.svg désigne une image hors de l'enregistrement (${href}) : refusée, non téléchargée.`,
});

export const missingImageWarning = (path: string): SourceWarning => ({
  file: path,
  en: `The slide image ${path} is missing: a neutral frame with its number is shown instead.`,
  fr: `L'image de diapositive ${path} manque : un cadre neutre portant son numéro la remplace.`,
});

export const silentWarning: SourceWarning = {
  file: 'video/webcams.webm',
  en: 'The recording has neither video/webcams.* nor audio/audio.*: the video will be silent.',
  fr: "L'enregistrement n'a ni video/webcams.* ni audio/audio.* : la vidéo sera muette.",
};

export const deskshareMissingWarning: SourceWarning = {
  file: 'deskshare/deskshare.webm',
  en: 'deskshare.xml lists screen shares but deskshare/deskshare.* is missing: they will not be shown.',
  fr: 'deskshare.xml liste des partages d’écran mais deskshare/deskshare.* manque : ils ne seront pas montrés.',
};

/** The error a cancelled fetch ends with: a status the job shows as "cancelled", not a fault. */
export const fetchCancelled = (): RegieError =>
  new RegieError(
    'cancelled',
    bi(
      'Fetching the recording was cancelled.',
      "Le téléchargement de l'enregistrement a été annulé.",
    ),
  );

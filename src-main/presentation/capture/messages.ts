import { RegieError, asRegieError, bi } from '../../ground/errors';
import type { SourceWarning } from '../source/result';
import type { PageGuard } from './guard';

/** What the capture tells the operator: errors that stop it, warnings that degrade it. */

export const cancelled = () =>
  new RegieError('cancelled', bi('The capture was cancelled.', 'La capture a été annulée.'));

export const noPresentation = (playerUrl: string) =>
  new RegieError(
    'remote',
    bi(
      `The page ${playerUrl} has no slide area (#presentation): is it a BigBlueButton presentation player?`,
      `La page ${playerUrl} n'a pas de zone de diapositives (#presentation) : est-ce bien le lecteur de présentation de BigBlueButton ?`,
    ),
  );

export const stuckAt = (playerUrl: string, time: number) => () =>
  new RegieError(
    'remote',
    bi(
      `The player ${playerUrl} stopped answering at ${time} s.`,
      `Le lecteur ${playerUrl} ne répond plus à ${time} s.`,
    ),
  );

/**
 * Why the page failed once loaded: it tried to leave for another address (the refused navigation
 * replaced it with an error page), the disk refused a frame, or it broke in some other way.
 */
export function pageFailure(error: unknown, guard: PageGuard, playerUrl: string): unknown {
  // A page that left shows no #presentation, hence 'remote' errors are said again with the cause.
  if (error instanceof RegieError && error.code !== 'remote') return error;
  const target = guard.blockedNavigation?.slice(0, 200);
  if (target !== undefined)
    return new RegieError(
      'remote',
      bi(
        `The player ${playerUrl} tried to go to another address (${target}) during the capture: refused, the capture stops. Convert with another method.`,
        `Le lecteur ${playerUrl} a tenté d'aller vers une autre adresse (${target}) pendant la capture : refusé, la capture s'arrête. Convertissez avec une autre méthode.`,
      ),
      { cause: error },
    );
  if (error instanceof RegieError) return error;
  const known = asRegieError(error);
  if (known instanceof RegieError) return known;
  const detail = error instanceof Error ? error.message : String(error);
  return new RegieError(
    'remote',
    bi(
      `The player page ${playerUrl} failed during the capture. Open it in a browser to check it, or convert with another method.`,
      `La page du lecteur ${playerUrl} a échoué pendant la capture. Ouvrez-la dans un navigateur pour vérifier, ou convertissez avec une autre méthode.`,
    ),
    { detail, cause: error },
  );
}

export const stillLoadingWarning = (playerUrl: string, time: number, waitedS: number) => ({
  file: playerUrl,
  en: `The player was still loading after ${waitedS} s at ${time} s: that frame may lack an image.`,
  fr: `Le lecteur chargeait encore après ${waitedS} s à ${time} s : une image peut manquer sur cette vue.`,
});

export const movedWarning = (playerUrl: string): SourceWarning => ({
  file: playerUrl,
  en: "The player's slide area moved or changed size during the capture: the frames keep its first place and size.",
  fr: 'La zone des diapositives du lecteur a bougé ou changé de taille pendant la capture : les images gardent sa première place et sa première taille.',
});

export function guardWarnings(guard: PageGuard, playerUrl: string): SourceWarning[] {
  const warnings: SourceWarning[] = [];
  const { count, examples } = guard.blocked;
  if (count > 0)
    warnings.push({
      file: playerUrl,
      en: `The player asked for ${count} address(es) outside its server (${examples.join(', ')}): refused. Fonts or images from there are missing.`,
      fr: `Le lecteur a demandé ${count} adresse(s) hors de son serveur (${examples.join(', ')}) : refusées. Les polices ou images qui en viennent manquent.`,
    });
  if (guard.popupsClosed > 0)
    warnings.push({
      file: playerUrl,
      en: `The player opened ${guard.popupsClosed} window(s): closed.`,
      fr: `Le lecteur a ouvert ${guard.popupsClosed} fenêtre(s) : fermée(s).`,
    });
  return warnings;
}

import { bi } from '../ground/errors';
import { counted, messageOf } from '../ground/wording';
import type { Services } from '../kit/services';
import { adminRecipients, createMailer, escapeHtml, mailConfigFrom } from '../notify';

/**
 * BBB errors reach admins as one digest, not one mail per poll (issue #5 §6; Pod mails every
 * cron run: pod-behaviour.md §6.4). Errors are gathered, each distinct one once, and mailed at
 * most every BBB_ERROR_DIGEST_MINUTES.
 */
export function createBbbErrorDigest(s: Services) {
  const pending = new Map<string, { text: string; count: number; first: string }>();
  let lastSent = 0;
  let sending: Promise<void> | null = null;

  async function send(): Promise<void> {
    const to = adminRecipients(s.settings.get('ADMINS'));
    if (to.length === 0 || pending.size === 0) return;
    const lines = [...pending.values()].map(
      (e) => `${e.first} · ${e.text}${e.count > 1 ? ` (×${String(e.count)})` : ''}`,
    );
    pending.clear();
    lastSent = s.now().getTime();
    const site = s.settings.getString('TITLE_SITE');
    const errors = counted(lines.length, { en: ['error', 'errors'], fr: ['erreur', 'erreurs'] });
    try {
      await createMailer(mailConfigFrom(s.settings)).send({
        to,
        subject: `[${site}] BigBlueButton : ${errors.fr} / ${errors.en}`,
        text: `Régie — BigBlueButton\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`,
        html: `<p>Régie — BigBlueButton</p><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
      });
      s.record({
        kind: 'bbb.digestSent',
        by: 'system',
        text: bi(
          `BBB error digest mailed to the admins (${errors.en})`,
          `Récapitulatif des erreurs BBB envoyé aux administrateurs (${errors.fr})`,
        ),
      });
    } catch (error) {
      s.record({
        level: 'error',
        kind: 'bbb.digestFailed',
        by: 'system',
        text: bi(
          `The BBB error digest could not be mailed: ${messageOf(error).en}`,
          `Le récapitulatif des erreurs BBB n'a pas pu être envoyé : ${messageOf(error).fr}`,
        ),
      });
    }
  }

  return {
    add(text: string): void {
      const entry = pending.get(text);
      if (entry) entry.count++;
      else pending.set(text, { text, count: 1, first: s.now().toISOString() });
    },
    /** Mails what gathered if the last digest is old enough (or `force`). */
    async flush(force = false): Promise<void> {
      const every = s.settings.get('BBB_ERROR_DIGEST_MINUTES') * 60_000;
      if (!force && s.now().getTime() - lastSent < every) return;
      sending ??= send().finally(() => (sending = null));
      await sending;
    },
    pendingCount: () => pending.size,
  };
}

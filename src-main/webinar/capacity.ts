import { bi, RegieError } from '../ground/errors';
import { localDateTime, localOffset } from '../ground/localTime';
import type { Services } from '../kit/services';
import { adminRecipients, createMailer, escapeHtml, mailConfigFrom } from '../notify';
import { allocateGateway, type PlacedWebinar, type Slot } from './allocation';
import type { WebinarsRepository } from './repository';

/** `2026-12-07 10:00–11:30 UTC+01:00`, the end's day given when it differs. */
export function slotText(startMs: number, endMs: number): string {
  const start = localDateTime(new Date(startMs));
  const end = localDateTime(new Date(endMs));
  const endShown = end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end;
  return `${start}–${endShown} UTC${localOffset(new Date(startMs))}`;
}

/**
 * `#3 "Cours L1" (2026-12-07 10:00–12:00 UTC+01:00)`: how a refusal names a webinar, with the
 * quotes of its language (« » in French).
 */
export const describeSlot = (w: PlacedWebinar, lang: 'en' | 'fr' = 'en'): string =>
  `#${String(w.id)} ${lang === 'fr' ? `« ${w.name} »` : `"${w.name}"`} (${slotText(w.startMs, w.endMs)})`;

/**
 * A gateway for a webinar's slot (issue #13 §3), from the gateways usable now and the webinars
 * whose slot overlaps, an ended webinar holding none. None free: refused, naming the webinars
 * holding them, and the admins are mailed once for that set (Pod mailed on every save, and counted
 * webinars rather than the gateways they hold: pod-behaviour.md §8.5.8).
 */
export function createCapacity(options: {
  s: Services;
  webinars: WebinarsRepository;
  usableGateways: () => number[];
}) {
  const { s, webinars } = options;

  async function mailAdmins(
    slot: Slot & { name: string },
    holders: PlacedWebinar[],
    gateways: number,
  ) {
    const to = adminRecipients(s.settings.get('ADMINS'));
    const key = `${holders
      .map((w) => w.id)
      .sort((a, b) => a - b)
      .join(',')}`;
    if (to.length === 0 || !webinars.firstAlert(key, s.now().toISOString())) return;
    const site = s.settings.getString('TITLE_SITE');
    const lines = holders.map((w) => describeSlot(w));
    const asked = `"${slot.name}" (${slotText(slot.startMs, slot.endMs)})`;
    const text =
      `Trop de webinaires : ${String(holders.length + 1)} pour ${String(gateways)} passerelle(s) de live. ` +
      `Le webinaire ${asked} a été refusé. Webinaires en place :\n${lines.map((l) => `- ${l}`).join('\n')}\n\n` +
      `Too many webinars: ${String(holders.length + 1)} for ${String(gateways)} live gateway(s). ` +
      `The webinar ${asked} was refused. Webinars holding them:\n${lines.map((l) => `- ${l}`).join('\n')}\n`;
    try {
      await createMailer(mailConfigFrom(s.settings)).send({
        to,
        subject: `[${site}] Trop de webinaires / Too many webinars`,
        text,
        html: `<pre>${escapeHtml(text)}</pre>`,
      });
      s.record({
        kind: 'webinar.capacityMailed',
        by: 'system',
        text: bi(
          `Admins told that no live gateway was free for ${asked}`,
          `Administrateurs prévenus qu'aucune passerelle de live n'était libre pour ${asked}`,
        ),
      });
    } catch (error) {
      s.logger.error(`webinar capacity mail: ${String(error)}`);
    }
  }

  return {
    /**
     * The gateway for `slot`; `self` is the webinar being edited (its own row is not a rival) and
     * `current` its gateway, kept while still free. Throws the refusal when none is free.
     */
    allocate(slot: Slot & { name: string }, self: number | null, current: number | null): number {
      const gateways = options.usableGateways();
      if (gateways.length === 0)
        throw new RegieError(
          'conflict',
          bi(
            'No live gateway is usable: add one (Webinars → Live gateways) with its SIPMediaGW URL and token, or enable one.',
            'Aucune passerelle de live utilisable : ajoutez-en une (Webinaires → Passerelles de live) avec son URL SIPMediaGW et son jeton, ou activez-en une.',
          ),
        );
      const rivals: PlacedWebinar[] = webinars
        .around(slot.startMs, slot.endMs)
        .filter((w) => w.id !== self && w.status !== 'ended')
        .map((w) => ({
          id: w.id,
          name: w.name,
          startMs: w.startMs,
          endMs: w.startMs + w.durationMinutes * 60_000,
          gatewayId: w.gatewayId,
        }));
      const result = allocateGateway(slot, gateways, rivals, current);
      if (result.gatewayId !== null) return result.gatewayId;
      const holders = result.overlapping;
      void mailAdmins(slot, holders, gateways.length);
      const names = holders.map((w) => describeSlot(w)).join(', ');
      const noms = holders.map((w) => describeSlot(w, 'fr')).join(', ');
      throw new RegieError(
        'conflict',
        bi(
          `No live gateway is free for this slot: ${names} hold them. Change the date or duration, or ask an administrator for another gateway.`,
          `Aucune passerelle de live n'est libre sur ce créneau : ${noms} les occupent. Changez la date ou la durée, ou demandez une autre passerelle à un administrateur.`,
        ),
        { fieldErrors: { startAt: bi('no live gateway free', 'aucune passerelle libre') } },
      );
    },
  };
}

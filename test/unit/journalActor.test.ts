import { describe, expect, it } from 'vitest';
import { appPerTest } from '../helpers/app';
import { createBbbErrorDigest } from '../../src-main/bbb/digest';
import type { JournalInput } from '../../src-main/journal/journal';
import type { Services } from '../../src-main/kit/services';
import { steppingClock } from '../helpers/clock';

describe('the journal names who acted', () => {
  const ctx = appPerTest();

  it('signs what the operator did with their name, and what Régie saw with "system"', async () => {
    // Port 9 on the loopback is closed: the poll fails at once, without the network.
    await ctx.app.api.invoke('bbbServers.add', {
      name: 'Campus',
      url: 'http://127.0.0.1:9/bigbluebutton/api',
      secret: 'secret',
    });
    await ctx.app.api.invoke('bbbMeetings.poll', {});

    const journal = await ctx.app.api.invoke('journal.list', {});
    const actorOf = (kind: string) => journal.find((e) => e.kind === kind)?.actor;
    expect(actorOf('bbb.serverAdded')).toBe('local-admin');
    expect(actorOf('bbb.serverUnreachable')).toBe('system');
  });
});

describe('an automatic failure in the journal', () => {
  it('says the error, not its class name, and is signed by Régie', async () => {
    const recorded: JournalInput[] = [];
    const values: Record<string, unknown> = {
      ADMINS: [['Admin', 'admin@univ.example']],
      TITLE_SITE: 'Pod',
      EMAIL_HOST: '127.0.0.1',
      EMAIL_PORT: 9,
      EMAIL_HOST_USER: '',
      EMAIL_HOST_PASSWORD: '',
      EMAIL_USE_TLS: false,
      EMAIL_USE_SSL: false,
      DEFAULT_FROM_EMAIL: 'noreply@univ.example',
      BBB_ERROR_DIGEST_MINUTES: 60,
    };
    const s = {
      now: steppingClock(),
      settings: { get: (key: string) => values[key], getString: (key: string) => values[key] },
      record: (input: JournalInput) => recorded.push(input),
    } as unknown as Services;
    const digest = createBbbErrorDigest(s);
    digest.add('Campus: index: unreachable');

    await digest.flush(true);

    const [entry] = recorded;
    expect(entry?.kind).toBe('bbb.digestFailed');
    expect(entry?.by).toBe('system');
    expect(entry?.text.en).toMatch(/^The BBB error digest could not be mailed: Could not send/);
    expect(entry?.text.en).not.toContain('RegieError');
    expect(entry?.text.fr).toMatch(/: Impossible d’envoyer le courriel/);
  });
});

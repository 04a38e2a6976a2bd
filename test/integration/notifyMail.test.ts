import { afterEach, describe, expect, it } from 'vitest';
import {
  adminDigestMail,
  createMailer,
  newRecordingMail,
  type MailConfig,
} from '../../src-main/notify';
import { rejectionOf } from '../helpers/errors';
import { closedPort, parseMail, startSmtpSink, type SmtpSink } from '../helpers/smtpSink';

const link =
  'https://pod.univ.fr/record/add_recording/?mediapath=%2Fdata%2Fftp%2Famphia%2FCours%20d%E2%80%99%C3%A9t%C3%A9.mp4&course_title=Cours+d%E2%80%99%C3%A9t%C3%A9.mp4&recorder=3';

const configFor = (sink: { host: string; port: number }): MailConfig => ({
  host: sink.host,
  port: sink.port,
  user: '',
  password: '',
  useTls: false,
  useSsl: false,
  from: 'pod@univ.fr',
});

describe('createMailer with a real SMTP server', () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });

  it.each(['fr', 'en'] as const)('delivers the new-recording mail (%s)', async (lang) => {
    sink = await startSmtpSink();
    const mail = newRecordingMail({
      siteTitle: 'Pod Université',
      recorderName: 'Amphi A',
      fileName: 'Cours d’été.mp4',
      link,
      lang,
    });
    await createMailer(configFor(sink)).send({ to: ['manager@univ.fr'], ...mail });

    expect(sink.messages).toHaveLength(1);
    const received = sink.messages[0];
    expect(received?.envelopeFrom).toBe('pod@univ.fr');
    expect(received?.envelopeTo).toEqual(['manager@univ.fr']);
    const parsed = parseMail(received?.raw ?? '');
    expect(parsed.headers.get('from')).toBe('pod@univ.fr');
    expect(parsed.headers.get('to')).toBe('manager@univ.fr');
    // Non-ASCII subjects travel RFC 2047-encoded; parseMail decodes them.
    expect(parsed.headers.get('subject')).toBe(
      lang === 'fr'
        ? '[Pod Université] Nouvel enregistrement ajouté.'
        : '[Pod Université] New recording added.',
    );
    const text = parsed.parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'));
    const html = parsed.parts.find((p) => p.headers.get('content-type')?.startsWith('text/html'));
    expect(text?.body.split(/\r?\n/)).toContain(link);
    expect(text?.body).toContain('Amphi A');
    expect(html?.body).toContain(`<a href="${link.replace(/&/g, '&amp;')}">`);
  });

  it('sends one message to every admin', async () => {
    sink = await startSmtpSink();
    const mail = adminDigestMail({
      siteTitle: 'Pod',
      lang: 'en',
      problems: [{ kind: 'unknown_folder', folder: 'salle12', file: 'x.mp4' }],
    });
    await createMailer(configFor(sink)).send({ to: ['a@univ.fr', 'b@univ.fr'], ...mail });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.envelopeTo).toEqual(['a@univ.fr', 'b@univ.fr']);
    const parsed = parseMail(sink.messages[0]?.raw ?? '');
    expect(parsed.headers.get('subject')).toBe('[Pod] Mediacourse job [Error(s) encountered]');
    expect(parsed.headers.get('to')).toBe('a@univ.fr, b@univ.fr');
  });

  it('logs in with EMAIL_HOST_USER and EMAIL_HOST_PASSWORD', async () => {
    sink = await startSmtpSink({ user: 'pod', password: 's3cret' });
    const config = { ...configFor(sink), user: 'pod', password: 's3cret' };
    await createMailer(config).send({
      to: ['m@univ.fr'],
      subject: 's',
      text: 't',
      html: '<p>t</p>',
    });
    expect(sink.messages[0]?.user).toBe('pod');
  });

  it('names the SMTP server when the login is refused, without the password', async () => {
    sink = await startSmtpSink({ user: 'pod', password: 's3cret' });
    const config = { ...configFor(sink), user: 'pod', password: 'wrong-password' };
    const error = await rejectionOf(
      createMailer(config).send({ to: ['m@univ.fr'], subject: 's', text: 't', html: 't' }),
    );
    expect(error.code).toBe('unavailable');
    expect(error.text.en).toContain(`127.0.0.1:${String(sink.port)}`);
    expect(JSON.stringify(error.text)).not.toContain('wrong-password');
    expect(sink.messages).toHaveLength(0);
  });

  it('names the SMTP server when it is down', async () => {
    const port = await closedPort();
    const error = await rejectionOf(
      createMailer(configFor({ host: '127.0.0.1', port })).send({
        to: ['m@univ.fr'],
        subject: 's',
        text: 't',
        html: 't',
      }),
    );
    expect(error.code).toBe('unavailable');
    expect(error.text.en).toContain(`SMTP server 127.0.0.1:${String(port)}`);
    expect(error.text.en).toContain('ECONNREFUSED');
    expect(error.text.fr).toContain(`serveur SMTP 127.0.0.1:${String(port)}`);
  });

  it('refuses a message without recipients before connecting', async () => {
    sink = await startSmtpSink();
    const error = await rejectionOf(
      createMailer(configFor(sink)).send({ to: [], subject: 's', text: 't', html: 't' }),
    );
    expect(error.code).toBe('validation');
    expect(sink.messages).toHaveLength(0);
  });
});

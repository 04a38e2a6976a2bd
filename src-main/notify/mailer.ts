import type { SettingsStore } from '../settings/store';
import nodemailer from 'nodemailer';
import { bi, RegieError, validationError } from '../ground/errors';

/** Django's EMAIL_* settings, as Pod uses them. */
export interface MailConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  /** EMAIL_USE_TLS: STARTTLS, required. */
  useTls: boolean;
  /** EMAIL_USE_SSL: implicit TLS from the first byte (usually port 465). */
  useSsl: boolean;
  /** DEFAULT_FROM_EMAIL. */
  from: string;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

const TIMEOUT_MS = 10_000;

export function createMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.useSsl,
    requireTLS: config.useTls && !config.useSsl,
    // Django never upgrades a plain connection on its own: a relay that offers STARTTLS with a
    // certificate Pod never had to trust keeps working when EMAIL_USE_TLS is off.
    ignoreTLS: !config.useTls && !config.useSsl,
    ...(config.user ? { auth: { user: config.user, pass: config.password } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  const server = `${config.host}:${String(config.port)}`;
  return {
    async send(message) {
      if (message.to.length === 0) {
        throw new RegieError(
          'validation',
          bi(
            `No recipient for the email “${message.subject}”`,
            `Aucun destinataire pour le courriel « ${message.subject} »`,
          ),
        );
      }
      try {
        await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new RegieError(
          'unavailable',
          bi(
            `Could not send the email through the SMTP server ${server}: ${reason}`,
            `Impossible d’envoyer le courriel par le serveur SMTP ${server} : ${reason}`,
          ),
          { cause: error },
        );
      }
    },
  };
}

/** Reads the EMAIL_* settings, typed by their definitions (settings/definitions.ts). */
export function mailConfigFrom(settings: Pick<SettingsStore, 'get'>): MailConfig {
  const config: MailConfig = {
    host: settings.get('EMAIL_HOST'),
    port: settings.get('EMAIL_PORT'),
    user: settings.get('EMAIL_HOST_USER'),
    password: settings.get('EMAIL_HOST_PASSWORD'),
    useTls: settings.get('EMAIL_USE_TLS'),
    useSsl: settings.get('EMAIL_USE_SSL'),
    from: settings.get('DEFAULT_FROM_EMAIL'),
  };
  // Django refuses the pair too ("EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive").
  if (config.useTls && config.useSsl) {
    throw validationError({
      EMAIL_USE_SSL: bi(
        'EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on: choose STARTTLS or implicit TLS',
        'EMAIL_USE_TLS et EMAIL_USE_SSL ne peuvent être actifs ensemble : choisir STARTTLS ou TLS implicite',
      ),
    });
  }
  return config;
}

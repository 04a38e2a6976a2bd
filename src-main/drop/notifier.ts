import type { Recorder, User } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import type { Services } from '../kit/services';
import {
  adminDigestMail,
  adminRecipients,
  buildNotifyUrl,
  callRecorderNotify,
  createMailer,
  mailConfigFrom,
  newRecordingMail,
} from '../notify';
import type { StoredFile } from './recorderFilesRepository';

export type NotifyOutcome =
  | { kind: 'notified'; state: 'ok' | 'mailed' }
  | { kind: 'auto' }
  | { kind: 'failed'; state: 'nok' | 'error'; detail: string };

export interface AdminProblem {
  kind: 'no_manager' | 'notify_failed' | 'unknown_folder';
  recorderName?: string;
  folder?: string;
  file?: string;
  detail?: string;
}

export interface Notifier {
  notifyManager(input: {
    file: StoredFile;
    recorder: Recorder;
    manager: User;
  }): Promise<NotifyOutcome>;
  /** Never throws: a failure to tell the admins is journaled instead. */
  tellAdmins(problems: AdminProblem[]): Promise<void>;
}

const language = (s: Services): 'fr' | 'en' =>
  s.settings.getString('LANGUAGE_CODE').toLowerCase().startsWith('fr') ? 'fr' : 'en';

/**
 * Manager mode, as Pod's scanner does it (../shared/reference/pod-behaviour.md §1.3.4): with
 * RECORDER_BASE_URL, Pod's recorder_notify (values URL-encoded, §8.1.6); without it, Régie mails
 * the manager itself with a link to this file's assignment form.
 */
export function createNotifier(s: Services): Notifier {
  const mailer = () => createMailer(mailConfigFrom(s.settings));

  async function viaPod(
    baseUrl: string,
    file: StoredFile,
    recorder: Recorder,
  ): Promise<NotifyOutcome> {
    if (recorder.addressIp === null) {
      return {
        kind: 'failed',
        state: 'error',
        detail: `recorder ${recorder.name} has no IP address, needed for the notify key`,
      };
    }
    const url = buildNotifyUrl({
      baseUrl,
      ip: recorder.addressIp,
      salt: recorder.salt,
      mediaPath: file.localPath,
      courseTitle: file.fileName,
    });
    const result = await callRecorderNotify(url, {
      allowInsecure: s.settings.getBoolean('RECORDER_ALLOW_INSECURE_REQUESTS'),
    });
    if (result.kind === 'ok') return { kind: 'notified', state: 'ok' };
    if (result.kind === 'auto') return { kind: 'auto' };
    return { kind: 'failed', state: result.kind, detail: result.reason };
  }

  async function viaMail(
    file: StoredFile,
    recorder: Recorder,
    manager: User,
  ): Promise<NotifyOutcome> {
    if (manager.email === '') {
      return {
        kind: 'failed',
        state: 'error',
        detail: `manager ${manager.username} has no email address`,
      };
    }
    const console = s.settings.getString('REGIE_CONSOLE_URL').replace(/\/+$/, '');
    const link =
      console === '' ? `Régie → Inbox → ${file.relPath}` : `${console}/#/inbox/${String(file.id)}`;
    const mail = newRecordingMail({
      siteTitle: s.settings.getString('TITLE_SITE'),
      recorderName: recorder.name,
      fileName: file.fileName,
      link,
      lang: language(s),
    });
    try {
      await mailer().send({ to: [manager.email], ...mail });
      return { kind: 'notified', state: 'mailed' };
    } catch (error) {
      return {
        kind: 'failed',
        state: 'error',
        detail: error instanceof RegieError ? error.text.en : String(error),
      };
    }
  }

  return {
    notifyManager({ file, recorder, manager }) {
      const baseUrl = s.settings.getString('RECORDER_BASE_URL').trim();
      return baseUrl === '' ? viaMail(file, recorder, manager) : viaPod(baseUrl, file, recorder);
    },
    async tellAdmins(problems) {
      const to = adminRecipients(s.settings.get('ADMINS'));
      if (to.length === 0) {
        s.record({
          level: 'warn',
          kind: 'notify.noAdmins',
          by: 'system',
          text: bi(
            'Admins could not be told: ADMINS is empty',
            'Impossible de prévenir les administrateurs : ADMINS est vide',
          ),
        });
        return;
      }
      const mail = adminDigestMail({
        siteTitle: s.settings.getString('TITLE_SITE'),
        lang: language(s),
        problems,
      });
      try {
        await mailer().send({ to, ...mail });
      } catch (error) {
        s.record({
          level: 'error',
          kind: 'notify.adminMailFailed',
          by: 'system',
          text: bi(
            `Mail to the admins failed: ${error instanceof RegieError ? error.text.en : String(error)}`,
            `Le courriel aux administrateurs a échoué : ${error instanceof RegieError ? error.text.fr : String(error)}`,
          ),
        });
      }
    },
  };
}

export {
  buildNotifyUrl,
  callRecorderNotify,
  interpretReply,
  notifyKey,
  recordingPlace,
  type NotifyCallOptions,
  type NotifyReply,
  type NotifyResult,
  type NotifyUrlOptions,
} from './recorderNotify';
export {
  createMailer,
  mailConfigFrom,
  type MailConfig,
  type Mailer,
  type MailMessage,
} from './mailer';
export {
  adminDigestMail,
  adminRecipients,
  escapeHtml,
  mailLanguage,
  newRecordingMail,
  type AdminDigestMailOptions,
  type MailContent,
  type MailLanguage,
  type NewRecordingMailOptions,
  type ProblemKind,
  type ScanProblem,
} from './templates';

import type { CallName } from './calls';

/**
 * The call names as a runtime list, without the schemas, for the sandboxed preload (which should
 * not carry zod). Typed against `calls`, so a call added or renamed there fails to build here.
 */
const callRecord: Record<CallName, true> = {
  'app.info': true,
  'operator.set': true,
  'users.list': true,
  'users.create': true,
  'users.update': true,
  'users.remove': true,
  'recorders.list': true,
  'recorders.create': true,
  'recorders.update': true,
  'recorders.remove': true,
  'settings.list': true,
  'settings.set': true,
  'settings.reset': true,
  'settings.importPod': true,
  'files.list': true,
  'files.rules': true,
  'files.assign': true,
  'files.delete': true,
  'files.preview': true,
  'files.unknownFolders': true,
  'recorders.scan': true,
  'recordings.list': true,
  'recordings.add': true,
  'sftp.list': true,
  'sftp.add': true,
  'sftp.remove': true,
  'jobs.list': true,
  'jobs.cancel': true,
  'jobs.retry': true,
  'videos.list': true,
  'journal.list': true,
};
export const callNameList = Object.keys(callRecord) as CallName[];

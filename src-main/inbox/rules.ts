import type { AssignRules, OperatorView, Recorder, User } from '../../src-preload/contract';
import { localDateTime } from '../ground/localTime';

/**
 * Who may do what with a file (../shared/reference/pod-behaviour.md §1.4.2, §8.1.11, §8.1.12):
 * the owner may be chosen by a superuser, or by the recorder's manager when
 * ALLOW_RECORDER_MANAGER_CHOICE_VID_OWNER; additional users are not managers. Deleting is for a
 * superuser or the recorder's manager (Pod's template shows it to superusers only, §8.1.12).
 * The local administrator (no operator chosen) counts as a superuser.
 */
export function assignRules(options: {
  operator: OperatorView;
  recorder: Recorder | undefined;
  managerChoosesOwner: boolean;
  /** The recorder's manager, else DEFAULT_RECORDER_USER_ID's user. */
  defaultOwner: User | undefined;
  fileDate: Date;
}): AssignRules & { canClaim: boolean } {
  const { operator, recorder } = options;
  const user = operator.user;
  const isSuperuser = user === null || user.isSuperuser;
  const isManager = user !== null && recorder !== undefined && recorder.managerId === user.id;
  const canChooseOwner = isSuperuser || (isManager && options.managerChoosesOwner);
  return {
    canClaim: isSuperuser || isManager || (user?.isStaff ?? false),
    canChooseOwner,
    canDelete: isSuperuser || isManager,
    defaultTitle: defaultTitle(recorder?.name ?? '', options.fileDate),
    defaultOwner: canChooseOwner
      ? (options.defaultOwner?.username ?? null)
      : (user?.username ?? null),
    defaultVideoTypeId: recorder?.videoTypeId ?? 1,
  };
}

/** "Amphi A 2026-11-21 14:05": the recorder and the recording's date. */
export function defaultTitle(recorderName: string, date: Date): string {
  return `${recorderName} ${localDateTime(date)}`.trim();
}

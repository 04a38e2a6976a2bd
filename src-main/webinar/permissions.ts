import type { OperatorView } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';

/**
 * Who may create and run webinars (pod-behaviour.md §5.3): a superuser (the local administrator
 * counts as one), a user whose affiliation is in MEETING_WEBINAR_AFFILIATION, or a member of the
 * MEETING_WEBINAR_GROUP_ADMIN group. A webinar's owners may also drive their own.
 */
export function mayManageWebinars(
  operator: OperatorView,
  settings: { affiliations: readonly string[]; adminGroup: string },
): boolean {
  const { user } = operator;
  if (user === null) return operator.permissions.manageSettings;
  if (user.isSuperuser) return true;
  if (settings.affiliations.includes(user.affiliation)) return true;
  return settings.adminGroup !== '' && user.groups.includes(settings.adminGroup);
}

export function requireWebinarRights(
  operator: OperatorView,
  settings: { affiliations: readonly string[]; adminGroup: string },
  ownerNames: readonly string[] = [],
): void {
  if (mayManageWebinars(operator, settings)) return;
  if (operator.user && ownerNames.includes(operator.user.username)) return;
  throw new RegieError(
    'forbidden',
    bi(
      `${operator.label} may not manage webinars: it takes a superuser, an affiliation in MEETING_WEBINAR_AFFILIATION (${settings.affiliations.join(', ')}) or the group "${settings.adminGroup}".`,
      `${operator.label} ne peut pas gérer de webinaires : il faut être super-utilisateur, avoir une affiliation de MEETING_WEBINAR_AFFILIATION (${settings.affiliations.join(', ')}) ou être dans le groupe « ${settings.adminGroup} ».`,
    ),
  );
}

import { CallError } from '../../client/client';
import type { Language } from '../../i18n/format';
import { labelled } from '../../i18n/format';

/**
 * A refused call as lines to show: each field's complaint ("admin : indiquez un utilisateur
 * existant…"), else the message. The wizard's fields sit on other steps than the button.
 */
export function callErrorText(error: unknown, language: Language): string[] {
  if (!(error instanceof CallError)) return [String(error)];
  const fields = Object.entries(error.wire.fieldErrors ?? {});
  return fields.length > 0
    ? fields.map(([field, text]) => labelled(language, field, text[language]))
    : [error.wire.message[language]];
}

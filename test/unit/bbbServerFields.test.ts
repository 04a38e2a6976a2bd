import { describe, expect, it } from 'vitest';
import { checkServerFields } from '../../src-main/bbb/servers/validate';

const check = (url: string) =>
  checkServerFields(
    { name: 'Campus', url, secret: 's' },
    { isNameTaken: () => false, isSecretRequired: true },
  );

describe('a BBB server URL in the form', () => {
  it('is required, rather than "not a server URL", when empty', () => {
    expect(check('  ').errors.url).toEqual({ en: 'required', fr: 'obligatoire' });
  });
  it('says what is wrong in French too', () => {
    expect(check('ftp://bbb.univ.fr').errors.url?.fr).toMatch(/\(pas en http\(s\)\)/);
    expect(check('https://bbb.univ.fr/api?checksum=x').errors.url?.fr).toMatch(
      /\(contient une requête\)/,
    );
  });
  it('is normalised to its API base', () => {
    expect(check('https://bbb.univ.fr/bigbluebutton/').fields.url).toBe(
      'https://bbb.univ.fr/bigbluebutton/api',
    );
  });
});

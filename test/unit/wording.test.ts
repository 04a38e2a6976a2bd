import { describe, expect, it } from 'vitest';
import { bi, RegieError } from '../../src-main/ground/errors';
import { counted, messageOf } from '../../src-main/ground/wording';

const files = { en: ['file', 'files'], fr: ['fichier', 'fichiers'] } as const;

describe('counted', () => {
  it('follows each language: 0 is plural in English, singular in French', () => {
    expect(counted(0, files)).toEqual({ en: '0 files', fr: '0 fichier' });
    expect(counted(1, files)).toEqual({ en: '1 file', fr: '1 fichier' });
    expect(counted(2, files)).toEqual({ en: '2 files', fr: '2 fichiers' });
  });
});

describe('messageOf', () => {
  it('says a RegieError in both languages without its class name', () => {
    const error = new RegieError(
      'unavailable',
      bi('Could not send the email', "Impossible d'envoyer"),
    );
    expect(messageOf(error)).toEqual({
      en: 'Could not send the email',
      fr: "Impossible d'envoyer",
    });
  });
  it('says any other error by its message', () => {
    expect(messageOf(new TypeError('boom'))).toEqual({ en: 'boom', fr: 'boom' });
    expect(messageOf('plain')).toEqual({ en: 'plain', fr: 'plain' });
  });
});

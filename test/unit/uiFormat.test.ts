import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatMessage,
  formatPercent,
  formatSize,
  labelled,
} from '../../src-renderer/i18n/format';
import { en } from '../../src-renderer/i18n/en';
import { fr } from '../../src-renderer/i18n/fr';

const nbsp = '\u00a0';

describe('formatSize', () => {
  it('writes French units with a decimal comma', () => {
    expect(formatSize('fr', 20_000_000)).toBe(`20${nbsp}Mo`);
    expect(formatSize('fr', 1_500_000_000)).toBe(`1,5${nbsp}Go`);
    expect(formatSize('fr', 12_300)).toBe(`12${nbsp}Ko`);
    expect(formatSize('fr', 999)).toBe(`999${nbsp}o`);
  });
  it('writes English units with a decimal point', () => {
    expect(formatSize('en', 20_000_000)).toBe(`20${nbsp}MB`);
    expect(formatSize('en', 1_500_000_000)).toBe(`1.5${nbsp}GB`);
    expect(formatSize('en', 12_300)).toBe(`12${nbsp}KB`);
    expect(formatSize('en', 0)).toBe(`0${nbsp}B`);
  });
});

describe('formatPercent', () => {
  it('spaces the sign in French only', () => {
    // The no-break space Intl uses depends on its ICU version (narrow in recent ones).
    expect(formatPercent('fr', 0.53)).toMatch(/^53[\u00a0\u202f]%$/);
    expect(formatPercent('en', 0.53)).toBe('53%');
  });
});

describe('labelled', () => {
  it('puts a space before the colon in French only', () => {
    expect(labelled('fr', 'ADMINS', 'Enregistré')).toBe('ADMINS : Enregistré');
    expect(labelled('en', 'ADMINS', 'Saved')).toBe('ADMINS: Saved');
  });
});

describe('formatDuration', () => {
  it('is a clock', () => {
    expect(formatDuration(245)).toBe('4:05');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});

describe('formatMessage', () => {
  const files = '{count, plural, one {# file} other {# files}} in {ms} ms';
  const fichiers = '{count, plural, one {# fichier} other {# fichiers}} en {ms} ms';
  it('fills parameters and leaves unknown ones visible', () => {
    expect(formatMessage('en', '{name} added: {version}', { name: 'BBB' })).toBe(
      'BBB added: {version}',
    );
  });
  it('picks the English plural: 1 is singular, 0 is plural', () => {
    expect(formatMessage('en', files, { count: 1, ms: 3 })).toBe('1 file in 3 ms');
    expect(formatMessage('en', files, { count: 0, ms: 3 })).toBe('0 files in 3 ms');
    expect(formatMessage('en', files, { count: '2', ms: 3 })).toBe('2 files in 3 ms');
  });
  it('picks the French plural: 0 and 1 are singular', () => {
    expect(formatMessage('fr', fichiers, { count: 0, ms: 3 })).toBe('0 fichier en 3 ms');
    expect(formatMessage('fr', fichiers, { count: 1, ms: 3 })).toBe('1 fichier en 3 ms');
    expect(formatMessage('fr', fichiers, { count: 1500, ms: 3 })).toMatch(
      /^1[\u00a0\u202f]500 fichiers en 3 ms$/,
    );
  });
  it('takes an exact =0 branch before the category', () => {
    const text = '{count, plural, =0 {no server} one {# server} other {# servers}} polled';
    expect(formatMessage('en', text, { count: 0 })).toBe('no server polled');
  });
  it('fills parameters inside a branch', () => {
    const text = '{count, plural, one {# file in {folder}} other {# files in {folder}}}';
    expect(formatMessage('en', text, { count: 2, folder: 'amphi-a' })).toBe('2 files in amphi-a');
  });
});

describe('the UI messages', () => {
  it('have no "(s)" plural left', () => {
    for (const text of [...Object.values(en), ...Object.values(fr)])
      expect(text).not.toMatch(/\w\(s\)/);
  });
  it('say "1 file" and "0 fichier"', () => {
    expect(formatMessage('en', en['inbox.deleted'], { count: 1 })).toBe(
      '1 file moved to the trash',
    );
    expect(formatMessage('fr', fr['inbox.deleted'], { count: 0 })).toBe(
      '0 fichier mis à la corbeille',
    );
  });
});

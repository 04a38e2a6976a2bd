import { describe, expect, it } from 'vitest';
import {
  attendeeIdentities,
  createNameIndex,
  normaliseName,
} from '../../src-main/bbb/matching/names';

const users = [
  { id: 1, firstName: 'Élodie', lastName: 'Martin-Durand' },
  { id: 2, firstName: 'Jean', lastName: 'Dupont' },
  { id: 3, firstName: 'Jean', lastName: 'Dupont' },
  { id: 4, firstName: 'Anne-Sophie', lastName: "D'Arcy" },
  { id: 5, firstName: 'Jeanne', lastName: 'Dupont' },
];

describe('BBB name matching (pod-behaviour.md §8.6.2: no substring, no first hit)', () => {
  it('normalises case, accents, hyphens, apostrophes and spaces', () => {
    expect(normaliseName('  ANNE-SOPHIE   d’Arcy ')).toBe('anne sophie d arcy');
    expect(normaliseName('Élodie Martin–Durand')).toBe('elodie martin durand');
  });

  it('matches exactly one user, leaves namesakes and partial names to an operator', () => {
    const index = createNameIndex(users, 'first_name last_name');
    expect(index.match('elodie martin durand')).toEqual({ state: 'matched', userId: 1 });
    expect(index.match('Anne Sophie D Arcy')).toEqual({ state: 'matched', userId: 4 });
    expect(index.match('Jean Dupont')).toEqual({ state: 'ambiguous', candidateUserIds: [2, 3] });
    // Pod's substring match would have given "Jean" to the first of three users.
    expect(index.match('Jean')).toEqual({ state: 'none', candidateUserIds: [] });
    expect(index.match('Dupont')).toEqual({ state: 'none', candidateUserIds: [] });
  });

  it('follows BBB_USERNAME_FORMAT; the other order is only a suggestion', () => {
    const lastFirst = createNameIndex(users, 'last_name first_name');
    expect(lastFirst.match('Martin-Durand Élodie')).toEqual({ state: 'matched', userId: 1 });
    const firstLast = createNameIndex(users, 'first_name last_name');
    expect(firstLast.match('Martin-Durand Élodie')).toEqual({
      state: 'none',
      candidateUserIds: [1],
    });
  });

  it("keys a person by their front end's id when it gave one, else by name", () => {
    expect(attendeeIdentities('42', 'Jean Dupont', 'moodle.univ.fr')).toEqual({
      uid: 'uid:moodle.univ.fr:42',
      name: 'name:moodle.univ.fr:jean dupont',
    });
    expect(attendeeIdentities('w_k3j2h1', 'Jean Dupont', 'moodle.univ.fr').uid).toBeNull();
  });
});

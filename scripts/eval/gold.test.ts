import { describe, expect, it } from 'vitest';
import { scoreList } from './gold.ts';

describe('scoreList', () => {
  it('matches through aliases, ignores case and diacritics, and counts each gold entity once', () => {
    const gold = [{ name: 'José Peña', aliases: ['Peña'], role: 'Mayor of Lima' }, { name: 'Ana Ruiz' }];
    const extracted = [
      { name: 'Jose Pena', aliases: [], role: 'Mayor of Lima' },
      { name: 'Pena', aliases: [] },
      { name: 'Carla Soto', aliases: [] },
    ];
    const s = scoreList(gold, extracted, true);
    expect(s).toMatchObject({ matched: 1, recall: 0.5, precision: 1 / 3, rolesCorrect: 1, missing: ['Ana Ruiz'], invented: ['Pena', 'Carla Soto'] });
  });
});

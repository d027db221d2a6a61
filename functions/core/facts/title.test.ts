import { describe, expect, it } from 'vitest';
import { headlineFrom } from './title.ts';

describe('headlineFrom', () => {
  it('keeps a short lead as it is, without the final period', () => {
    expect(headlineFrom('Floods close the main bridge.')).toBe('Floods close the main bridge');
  });

  it('drops datelines and parentheses', () => {
    expect(headlineFrom('LIMA (Reuters) -- The Andean Trade Council (ATC) approved a new budget.')).toBe('The Andean Trade Council approved a new budget');
    expect(headlineFrom('(CNN)The storm reached the coast.')).toBe('The storm reached the coast');
  });

  it('shortens a long lead at a phrase boundary to at most 90 characters', () => {
    const lead = 'Peruvian President Ana Quispe and Chilean President Tomas Rojas are set to meet for the third time since April during the annual summit of the Andean Trade Council in Lima.';
    const title = headlineFrom(lead);
    expect(title.length).toBeLessThanOrEqual(90);
    expect(title).toBe('Peruvian President Ana Quispe and Chilean President Tomas Rojas to meet for the third time');
  });

  it('cuts at a word with an ellipsis when there is no phrase boundary', () => {
    const title = headlineFrom('Supercalifragilistic '.repeat(10));
    expect(title.length).toBeLessThanOrEqual(90);
    expect(title.endsWith('…')).toBe(true);
  });
});

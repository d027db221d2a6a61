import { describe, expect, it } from 'vitest';
import { canonicalAlias, countryOfDemonym, isCountry, isKnownOrganization } from './gazetteer.ts';

describe('gazetteer', () => {
  it('maps demonyms to countries', () => {
    expect(countryOfDemonym('Kazakh')).toBe('Kazakhstan');
    expect(countryOfDemonym('Filipino')).toBe('Philippines');
    expect(countryOfDemonym('Western')).toBeUndefined();
  });

  it('resolves common abbreviations and recognises countries through them', () => {
    expect(canonicalAlias('U.S.')).toBe('United States');
    expect(canonicalAlias('UK')).toBe('United Kingdom');
    expect(isCountry('U.S.')).toBe(true);
    expect(isCountry('Springfield')).toBe(false);
  });

  it('knows international bodies and summit clubs as organisations, not countries', () => {
    expect(isKnownOrganization('UN')).toBe(true);
    expect(isKnownOrganization('G20')).toBe(true);
    expect(isKnownOrganization('G-7')).toBe(true);
    expect(isKnownOrganization('United States')).toBe(false);
    expect(isKnownOrganization('Democratic Republic of the Congo')).toBe(false);
  });
});

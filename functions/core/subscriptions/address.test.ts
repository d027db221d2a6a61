import { describe, expect, it } from 'vitest';
import { addressesFromCsv, normaliseAddress } from './address.ts';

describe('normaliseAddress', () => {
  it('trims and lower-cases a valid address', () => {
    expect(normaliseAddress('  Ana.Lima+news@Example.ORG ')).toBe('ana.lima+news@example.org');
  });

  it('refuses what is not an address', () => {
    for (const bad of ['', 'ana', 'ana@', '@example.org', 'ana@example', 'a b@example.org', 'ana..lima@example.org', '<script>@x.org']) {
      expect(normaliseAddress(bad)).toBeUndefined();
    }
  });
});

describe('addressesFromCsv', () => {
  it('reads the email column by its header, de-duplicates and reports bad rows with their line', () => {
    const csv = 'name,Email\n"Lima, Ana",ANA@example.org\nBo,bo@example.org\nNo one,not-an-address\n\nBo again,bo@example.org\n';
    expect(addressesFromCsv(csv)).toEqual({
      addresses: ['ana@example.org', 'bo@example.org'],
      invalid: [{ line: 4, value: 'not-an-address' }],
    });
  });

  it('takes the first column when there is no header', () => {
    expect(addressesFromCsv('ana@example.org;x\nbo@example.org;y').addresses).toEqual(['ana@example.org', 'bo@example.org']);
  });
});

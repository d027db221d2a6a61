/** Email addresses as the subscriber store keys them: trimmed, lower-case, plausibly deliverable. */

const ADDRESS = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The normalised address, or undefined when it is not a usable address. */
export function normaliseAddress(input: string): string | undefined {
  const address = input.trim().toLowerCase();
  if (address.length > 254 || !ADDRESS.test(address)) return undefined;
  const [local] = address.split('@');
  if (!local || local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  return address;
}

/**
 * Addresses from a CSV export: the column headed "email" (any case) when there is a header,
 * else the first column. Quoted fields are understood; blank lines are ignored.
 */
export function addressesFromCsv(csv: string): { addresses: string[]; invalid: { line: number; value: string }[] } {
  const rows = csv.replace(/^\uFEFF/, '').split(/\r?\n/).map(splitCsvLine);
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase()) ?? [];
  const emailColumn = header.findIndex((cell) => cell === 'email' || cell === 'e-mail' || cell === 'email address');
  const column = emailColumn >= 0 ? emailColumn : 0;
  const addresses: string[] = [];
  const invalid: { line: number; value: string }[] = [];
  rows.forEach((cells, index) => {
    if (index === 0 && emailColumn >= 0) return;
    const value = cells[column]?.trim() ?? '';
    if (value === '' && cells.every((c) => c.trim() === '')) return;
    const address = normaliseAddress(value);
    if (address) addresses.push(address);
    else invalid.push({ line: index + 1, value });
  });
  return { addresses: [...new Set(addresses)], invalid };
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',' || char === ';' || char === '\t') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

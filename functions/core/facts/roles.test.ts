import { describe, expect, it } from 'vitest';
import { roleAt, withoutHonorific } from './roles.ts';

function roleOf(sentence: string, name: string): string | undefined {
  const start = sentence.indexOf(name);
  return roleAt(sentence, start, start + name.length);
}

describe('roleAt', () => {
  it('turns a demonym and a title into "Title of Country"', () => {
    expect(roleOf('Peruvian President Ana Quispe opened the fair.', 'Ana Quispe')).toBe('President of Peru');
    expect(roleOf('It was hosted by Norwegian Prime Minister Lars Dahl on Monday.', 'Lars Dahl')).toBe('Prime Minister of Norway');
  });

  it('keeps modifiers and reads possessive countries', () => {
    expect(roleOf('Chile’s acting President Tomas Rojas spoke first.', 'Tomas Rojas')).toBe('acting President of Chile');
    expect(roleOf("Former U.S. President Sam Hill spoke.", 'Sam Hill')).toBe('former President of the United States');
  });

  it('keeps portfolio words with the title instead of reading them as an organisation', () => {
    expect(roleOf('Norwegian Culture Minister Kari Berg opened the show.', 'Kari Berg')).toBe('Culture Minister of Norway');
    expect(roleOf('Managing Director Paul Ash resigned.', 'Paul Ash')).toBe('Managing Director');
    expect(roleOf('It was heard by District Judge Ann Cole on Friday.', 'Ann Cole')).toBe('District Judge');
  });

  it('reads an organisation before the title', () => {
    expect(roleOf('World Bank Chief Executive Maria Ortiz agreed.', 'Maria Ortiz')).toBe('Chief Executive of the World Bank');
    expect(roleOf('United Nations Secretary-General Omar Haddad arrived.', 'Omar Haddad')).toBe('Secretary-General of the United Nations');
  });

  it('reads a lower-case title after an organisation', () => {
    expect(roleOf('Council leader Tom Reed said so.', 'Tom Reed')).toBe('Leader of the Council');
  });

  it('reads appositions after the name', () => {
    expect(roleOf('The plan came from Jane Roe, the mayor of Springfield, on Monday.', 'Jane Roe')).toBe('Mayor of Springfield');
    expect(roleOf('Sam Vale, managing director of Vale Foods, said so.', 'Sam Vale')).toBe('managing director of Vale Foods');
    expect(roleOf('Lia Kent, team chairman, agreed.', 'Lia Kent')).toBe('team chairman');
    expect(roleOf('He thanked Lia Kent, his team chairman, twice.', 'Lia Kent')).toBe('team chairman');
  });

  it('reads lower-case occupations and skips honorifics', () => {
    expect(roleOf('She is engaged to actor Tim Vale.', 'Tim Vale')).toBe('actor');
    expect(roleOf('The crew includes NASA astronaut Jo Meir.', 'Jo Meir')).toBe('astronaut');
    expect(roleOf('The club have sacked manager Erik Holm.', 'Erik Holm')).toBe('manager');
    expect(roleOf('It was heard by judge Ann Cole on Friday.', 'Ann Cole')).toBe('judge');
    expect(roleOf('He said research chief Mark Lo would lead it.', 'Mark Lo')).toBe('research chief');
    expect(roleOf('It is rare, said fertility specialist Dr. Paul Kim.', 'Paul Kim')).toBe('fertility specialist');
  });

  it('reads lower-case titles of several words, and founders in appositions', () => {
    expect(roleOf('The firm’s chief executive Sam Olds said so.', 'Sam Olds')).toBe('chief executive');
    expect(roleOf('It was signed by former prime minister Jo Bell.', 'Jo Bell')).toBe('former prime minister');
    expect(roleOf('Ada Moss, a co-founder of Loomwell, sued.', 'Ada Moss')).toBe('Co-founder of Loomwell');
  });

  it('gives no role when there is none', () => {
    expect(roleOf('It was Mary Stone who called.', 'Mary Stone')).toBeUndefined();
    expect(roleOf('The president Joe Lane left.', 'Joe Lane')).toBeUndefined();
  });
});

describe('withoutHonorific', () => {
  it('drops an honorific right before the name, with or without its dot', () => {
    expect(withoutHonorific('said Kazakh President Mr. ')).toBe('said Kazakh President ');
    expect(withoutHonorific('Dr  ')).toBe(' ');
    expect(withoutHonorific('the new Lady ')).toBe('the new ');
  });

  it('leaves other windows alone', () => {
    expect(withoutHonorific('said Kazakh President ')).toBe('said Kazakh President ');
    expect(withoutHonorific('Mr. Smith and ')).toBe('Mr. Smith and ');
    expect(withoutHonorific('ex-Mr ')).toBe('ex-Mr ');
    expect(withoutHonorific('Mr.')).toBe('Mr.');
    expect(withoutHonorific('')).toBe('');
  });
});

/** Cold start to the first article's facts: load the engine, read one article, extract, exit. */
import { readFileSync } from 'node:fs';
import { extractFacts } from '../../../functions/core/facts/index.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: first-facts.mjs ARTICLE');
const facts = extractFacts({ source: path, text: readFileSync(path, 'utf8') }, { sentences: 3 });
if (facts.sentences.length === 0) throw new Error(`${path}: no sentences`);

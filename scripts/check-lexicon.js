#!/usr/bin/env node
// Validates lexicon files: `node scripts/check-lexicon.js lexicons/*.yaml` (run `npm run build` first).
const { readFileSync } = require('node:fs');
const { buildLexiconSet } = require('../dist/lexicon/parse');
const files = process.argv.slice(2);
try {
  const set = buildLexiconSet(files.map((file) => ({ file, content: readFileSync(file, 'utf8') })));
  for (const [kind, entries] of Object.entries(set.entries)) {
    if (entries.length) {
      const patterns = entries.reduce((n, e) => n + (e.patterns ? e.patterns.length : e.variants.length), 0);
      console.log(`${kind}: ${entries.length} entries, ${patterns} patterns/variants`);
    }
  }
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

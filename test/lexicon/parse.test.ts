import { buildLexiconSet } from '../../src/lexicon/parse';

const file = (content: string, name = 'lexicons/test.yaml') => ({ file: name, content });
const entry = (extra = '') =>
  `  - id: regime\n    patterns: [regime]\n    category: delegitimising-label\n    domain: politics\n    note: Implies illegitimacy.\n    citation: BBC News Style Guide\n${extra}`;

describe('lexicon loader', () => {
  it('accepts a valid file and gives each kind a version hash', () => {
    const set = buildLexiconSet([file(`kind: loaded-terms\nentries:\n${entry()}`)]);
    expect(set.entries['loaded-terms'].map((e) => e.id)).toEqual(['regime']);
    expect(set.versions['loaded-terms']).toMatch(/^[0-9a-f]{12}$/);
    expect(set.versions['loaded-terms']).not.toBe(set.versions.frames);
  });

  it('names the file, entry and field of a missing citation', () => {
    const bad = `kind: loaded-terms\nentries:\n  - id: thugs\n    patterns: [thug]\n    category: dysphemism\n    domain: crime\n    note: Dehumanises.\n`;
    expect(() => buildLexiconSet([file(bad)])).toThrow(
      "framelens lexicon: lexicons/test.yaml: entry 'thugs', field 'citation'",
    );
  });

  it('rejects a duplicate id, naming both files', () => {
    const a = file(`kind: loaded-terms\nentries:\n${entry()}`, 'lexicons/a.yaml');
    const b = file(
      `kind: loaded-terms\nentries:\n${entry().replace('[regime]', '[regimes]')}`,
      'extra/b.yaml',
    );
    expect(() => buildLexiconSet([a, b])).toThrow(
      "extra/b.yaml: entry 'regime': duplicate id; 'loaded-terms' already has an entry 'regime' in lexicons/a.yaml",
    );
  });

  it('rejects a pattern claimed by two entries of one kind', () => {
    const two = `kind: loaded-terms\nentries:\n${entry()}${entry().replace('id: regime', 'id: regime-2')}`;
    expect(() => buildLexiconSet([file(two)])).toThrow(
      "entry 'regime-2': pattern 'regime' is already used by entry 'regime'",
    );
  });

  it('refuses regular expressions as patterns', () => {
    const re = `kind: loaded-terms\nentries:\n${entry().replace('[regime]', "['regime(s)?']")}`;
    expect(() => buildLexiconSet([file(re)])).toThrow(
      "entry 'regime', field 'patterns.0': must be plain words, not a regular expression",
    );
  });

  it('rejects an unknown kind and broken YAML with the file name', () => {
    expect(() => buildLexiconSet([file('kind: slurs\nentries: []')])).toThrow(
      "lexicons/test.yaml: field 'kind' must be one of",
    );
    expect(() => buildLexiconSet([file('kind: [unclosed')])).toThrow(
      'lexicons/test.yaml: not valid YAML or JSON',
    );
  });

  it('rejects an unknown stance and an unknown frame id', () => {
    const verb = `kind: reporting-verbs\nentries:\n  - { id: whine, patterns: [whine], category: x, stance: sneering, note: n, citation: c }\n`;
    expect(() => buildLexiconSet([file(verb)])).toThrow("entry 'whine', field 'stance'");
    const frame = `kind: frames\nentries:\n  - { id: vibes, label: Vibes, patterns: [mood], category: vibes, note: n, citation: c }\n`;
    expect(() => buildLexiconSet([file(frame)])).toThrow("entry 'vibes', field 'id'");
  });

  it('rejects unknown fields, so a typo is not silently ignored', () => {
    const typo = `kind: loaded-terms\nentries:\n${entry('    alternativs: [government]\n')}`;
    expect(() => buildLexiconSet([file(typo)])).toThrow("entry 'regime', field '(entry)'");
  });
});

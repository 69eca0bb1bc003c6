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

  it('reads a given-names list, one citation for the whole list', () => {
    const set = buildLexiconSet([
      file(
        'kind: given-names\nentries:\n  - id: female\n    gender: female\n    note: Names recorded as female.\n    citation: A name register\n    names: [ann, maria]\n',
      ),
    ]);
    expect(set.entries['given-names'].map((e) => [e.gender, e.names])).toEqual([
      ['female', ['ann', 'maria']],
    ]);
  });

  it('names the field of a given-names list with a gender it does not know', () => {
    const bad =
      'kind: given-names\nentries:\n  - id: other\n    gender: other\n    note: Names.\n    citation: A name register\n    names: [ann]\n';
    expect(() => buildLexiconSet([file(bad)])).toThrow("lexicons/test.yaml: entry 'other', field 'gender'");
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

describe('lexicon citations', () => {
  const references = file(
    [
      'references:',
      '  - id: ap-stylebook',
      '    publisher: The Associated Press',
      '    title: The Associated Press Stylebook',
      '    year: 2024',
      '    url: https://www.apstylebook.com/',
      '  - id: hyland-2005',
      '    authors: Hyland, K.',
      '    title: "Metadiscourse: Exploring Interaction in Writing"',
      '    year: 2005',
      '    edition: London, Continuum',
      '',
    ].join('\n'),
    'lexicons/references.yaml',
  );
  const shipped = (fields: string) => ({
    file: 'lexicons/frames.yaml',
    shipped: true,
    content: `kind: frames\nentries:\n  - id: economic\n    label: Economic\n    patterns: [cost]\n    category: economic\n    note: Money.\n${fields}`,
  });

  it('builds the citation text of a shipped entry from its reference and locator', () => {
    const set = buildLexiconSet([
      references,
      shipped("    ref: ap-stylebook\n    locator: entry 'regime'\n    also:\n      - {ref: hyland-2005}\n"),
    ]);
    expect(set.entries.frames[0].citation).toBe(
      "The Associated Press 2024, The Associated Press Stylebook: entry 'regime'; Hyland, K. 2005, Metadiscourse: Exploring Interaction in Writing (London, Continuum)",
    );
  });

  it('rejects a shipped entry without a ref, naming the file, entry and field', () => {
    expect(() => buildLexiconSet([references, shipped('')])).toThrow(
      "framelens lexicon: lexicons/frames.yaml: entry 'economic', field 'ref': a shipped entry needs a 'ref'",
    );
  });

  it('rejects a shipped entry whose ref is not in the bibliography', () => {
    expect(() => buildLexiconSet([references, shipped('    ref: bbc-news-style-guide\n')])).toThrow(
      "lexicons/frames.yaml: entry 'economic', field 'ref': unknown reference 'bbc-news-style-guide'",
    );
    expect(() =>
      buildLexiconSet([references, shipped('    ref: ap-stylebook\n    also: [{ref: hyland-2006}]\n')]),
    ).toThrow("entry 'economic', field 'also.0.ref': unknown reference 'hyland-2006'");
  });

  it('keeps free-text citations out of shipped lexicons', () => {
    expect(() =>
      buildLexiconSet([
        references,
        shipped('    ref: ap-stylebook\n    citation: the AP Stylebook, somewhere\n'),
      ]),
    ).toThrow("entry 'economic', field 'citation': a shipped entry cites with 'ref' and 'locator'");
  });

  it('rejects "framelens rationale" as a source, in any lexicon, naming the file, entry and field', () => {
    expect(() =>
      buildLexiconSet([
        references,
        shipped('    ref: ap-stylebook\n    locator: framelens rationale, see note\n'),
      ]),
    ).toThrow(
      "framelens lexicon: lexicons/frames.yaml: entry 'economic', field 'locator': 'framelens rationale' is not a published source",
    );
    const userFile = file(
      'kind: hedges\nentries:\n  - {id: maybe, patterns: [maybe], category: adverb, note: n, citation: "Framelens rationale: vague"}\n',
      'mine/hedges.yaml',
    );
    expect(() => buildLexiconSet([userFile])).toThrow(
      "mine/hedges.yaml: entry 'maybe', field 'citation': 'framelens rationale' is not a published source",
    );
  });

  it('rejects a shipped entry that mentions "framelens rationale" in any field, and one that cites in free text only', () => {
    expect(() =>
      buildLexiconSet([
        references,
        shipped(
          '    ref: ap-stylebook\n    also:\n      - {ref: hyland-2005, locator: "framelens rationale"}\n',
        ),
      ]),
    ).toThrow("lexicons/frames.yaml: entry 'economic', field 'also.0.locator': 'framelens rationale'");
    const hedge = {
      file: 'lexicons/hedges.yaml',
      shipped: true,
      content:
        'kind: hedges\nentries:\n  - {id: maybe, patterns: [maybe], category: adverb, note: n, citation: Hyland 2005}\n',
    };
    expect(() => buildLexiconSet([references, hedge])).toThrow(
      "lexicons/hedges.yaml: entry 'maybe', field 'ref': a shipped entry needs a 'ref'",
    );
  });

  it('lets a user lexicon cite in free text or by a known ref', () => {
    const user = (fields: string) =>
      file(
        `kind: loaded-terms\nentries:\n  - id: thugs\n    patterns: [thug]\n    category: dysphemism\n    domain: crime\n    note: Dehumanises.\n${fields}`,
        'mine/terms.yaml',
      );
    const free = buildLexiconSet([references, user('    citation: our newsroom guide, p. 4\n')]);
    expect(free.entries['loaded-terms'][0].citation).toBe('our newsroom guide, p. 4');
    const cited = buildLexiconSet([references, user("    ref: ap-stylebook\n    locator: entry 'thug'\n")]);
    expect(cited.entries['loaded-terms'][0].citation).toBe(
      "The Associated Press 2024, The Associated Press Stylebook: entry 'thug'",
    );
    expect(() => buildLexiconSet([user('    ref: ap-stylebook\n')])).toThrow(
      "mine/terms.yaml: entry 'thugs', field 'ref': unknown reference 'ap-stylebook'",
    );
  });

  it('rejects a reference a reader could not find, naming the reference and field', () => {
    const bad = file(
      'references:\n  - id: house-notes\n    authors: Staff\n    title: Our notes\n    year: 2020\n',
      'lexicons/references.yaml',
    );
    expect(() => buildLexiconSet([bad])).toThrow(
      "lexicons/references.yaml: reference 'house-notes', field 'url': needs a 'url' or an 'edition'",
    );
    const anonymous = file(
      'references:\n  - id: notes\n    title: Notes\n    year: 2020\n    url: https://example.org/\n',
      'lexicons/references.yaml',
    );
    expect(() => buildLexiconSet([anonymous])).toThrow(
      "reference 'notes', field 'authors': needs 'authors' or 'publisher'",
    );
  });
});

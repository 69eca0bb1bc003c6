import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listArticleFiles } from '../../src/ingest/files';
import { SUPPORTED_EXTENSIONS } from '../../src/ingest/read';

describe('listArticleFiles', () => {
  it('lists a folder’s files of every type the reader reads, .xhtml included, in name order', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'framelens-files-'));
    for (const name of ['b.xhtml', 'a.txt', 'c.text', 'd.jsonl', 'notes.odt', 'e.htm'])
      writeFileSync(path.join(dir, name), 'Officials said the talks had stalled.');
    expect(listArticleFiles([dir]).map((f) => path.basename(f.path))).toEqual([
      'a.txt',
      'b.xhtml',
      'c.text',
      'd.jsonl',
      'e.htm',
    ]);
    expect(Object.keys(SUPPORTED_EXTENSIONS)).toContain('.xhtml');
  });
});

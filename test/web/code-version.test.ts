import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeVersion } from '../../src/web/analyses';

/** A stored analysis is reused only by the code that made it: the cache key covers the core's code. */
describe('codeVersion', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'framelens-core-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('changes when a module of the core changes, and only then', () => {
    fs.writeFileSync(path.join(dir, 'attributions.js'), 'exports.rule = () => 1;\n');
    fs.writeFileSync(path.join(dir, 'attributions.d.ts'), 'export declare const rule: () => number;\n');
    const before = codeVersion(dir);
    expect(codeVersion(dir)).toBe(before);
    fs.writeFileSync(path.join(dir, 'attributions.d.ts'), '// types only\n');
    expect(codeVersion(dir)).toBe(before);
    fs.writeFileSync(path.join(dir, 'attributions.js'), 'exports.rule = () => 2;\n');
    expect(codeVersion(dir)).not.toBe(before);
  });
});

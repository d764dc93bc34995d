import { DomainError } from '../errors';
import { documentFilename } from './document-filename';

describe('documentFilename (issue 7: UTF-8 file names stored correctly)', () => {
  it.each([
    ['朝阳区屋顶光伏 项目设计文件 (v2).pdf', '朝阳区屋顶光伏 项目设计文件 (v2).pdf'],
    ['a "quoted"; name.pdf', 'a "quoted"; name.pdf'],
    ['e\u0301tude.pdf', '\u00e9tude.pdf'], // NFD (as macOS sends it) → NFC
    ['报告📄.pdf', '报告📄.pdf'], // a surrogate pair is one character, not a lone surrogate
    ['x'.repeat(255), 'x'.repeat(255)],
    ['文'.repeat(255), '文'.repeat(255)],
  ])('keeps %j as %j', (raw, stored) => {
    expect(documentFilename(raw)).toBe(stored);
  });

  it.each([
    ['a\u0000b.pdf', /control characters/],
    ['a\tb.pdf', /control characters/],
    ['a\nb.pdf', /control characters/],
    ['a\u0085b.pdf', /control characters/],
    ['a\uD800b.pdf', /unpaired surrogate/],
    ['a\uDC00b.pdf', /unpaired surrogate/],
    ['invoice\u202Efdp.exe', /bidirectional/],
    ['\uFFFD\uFFFD.pdf', /not valid UTF-8/],
    ['', /empty/],
    ['x'.repeat(256), /256 characters; at most 255/],
    ['📄'.repeat(256), /256 characters/],
  ])('refuses %j with 400 naming the field', (raw, why) => {
    let error: unknown;
    try {
      documentFilename(raw, 'file');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'file' }, message: expect.stringMatching(why) });
    expect((error as Error).message).toMatch(/^file: /);
  });
});

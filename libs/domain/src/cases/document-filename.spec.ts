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
    ['a\u0000b.pdf', /control character U\+0000/],
    ['a\tb.pdf', /tab or a line break/],
    ['a\nb.pdf', /tab or a line break/],
    ['a\u0085b.pdf', /control character U\+0085/],
    ['a\uD800b.pdf', /unpaired UTF-16 surrogate/],
    ['a\uDC00b.pdf', /unpaired UTF-16 surrogate/],
    ['invoice\u202Efdp.exe', /bidirectional/],
    ['\uFFFD\uFFFD.pdf', /not valid UTF-8/],
    ['', /must not be empty/],
    ['x'.repeat(256), /256 characters long; at most 255/],
    ['📄'.repeat(256), /256 characters long/],
  ])('refuses %j with 400 naming the field', (raw, why) => {
    let error: unknown;
    try {
      documentFilename(raw, 'file');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'file' }, message: expect.stringMatching(why) });
    expect((error as Error).message).toMatch(/^file /);
  });
});

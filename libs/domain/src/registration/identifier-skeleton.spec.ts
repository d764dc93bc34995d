import { identifierSkeleton } from './identifier-skeleton';

/** BJ-14: two spellings of one asset compare equal; look-alikes cannot register the same site twice. */
describe('BJ-14: site identifiers compare by their skeleton', () => {
  const SITE = 'BJ-PV-CY-0042';
  it.each([
    ['the applicant spelling itself', 'BJ-PV-CY-0042'],
    ['lower case', 'bj-pv-cy-0042'],
    ['spaces and underscores for dashes', ' bj pv_cy  0042 '],
    ['full-width letters and digits', 'ＢＪ－ＰＶ－ＣＹ－００４２'],
    ['an en dash, an em dash and a minus sign', 'BJ–PV—CY−0042'],
    ['a non-breaking space and an ideographic space', 'BJ\u00a0PV\u3000CY-0042'],
    ['zero-width spaces and joiners', 'BJ\u200b-PV-\u200dCY-00\u200c42'],
    ['a soft hyphen and a byte-order mark', '\ufeffBJ-P\u00adV-CY-0042'],
    ['Cyrillic letters that look Latin (В, С, У, К)', 'BJ-PV-\u0421\u0423-0042'],
    ['Greek capitals that look Latin (Β, Ρ)', '\u0392J-\u03a1V-CY-0042'],
    ['Cyrillic lower case in a lower-case spelling', 'bj-pv-\u0441\u0443-0042'],
    ['accents', 'BJ-PV-ÇY-0042'],
    ['a compatibility letter (double-struck ℂ)', 'BJ-PV-\u2102Y-0042'],
  ])('BJ-14: %s → the same skeleton', (_, spelling) => {
    expect(identifierSkeleton(spelling)).toBe(identifierSkeleton(SITE));
  });

  it.each([
    ['Chinese site names are kept', '朝阳区 屋顶-01', '朝阳区-屋顶-01'],
    ['punctuation other than dashes stays', 'BJ/PV#42', 'BJ/PV#42'],
    ['runs of separators collapse', 'A -_- B', 'A-B'],
  ])('BJ-14: %s', (_, spelling, skeleton) => {
    expect(identifierSkeleton(spelling)).toBe(skeleton);
  });

  it.each([
    ['zero and the letter O', 'SITE-10', 'SITE-IO'],
    ['one and the letter l', 'PV-1', 'PV-l'],
    ['different digits', 'BJ-PV-0042', 'BJ-PV-0043'],
  ])('BJ-14: ASCII look-alikes stay distinct identifiers: %s', (_, a, b) => {
    expect(identifierSkeleton(a)).not.toBe(identifierSkeleton(b));
  });

  it.each([
    ['a Cyrillic letter that looks like no Latin letter (Ж)', 'BJ-PV-Ж-01'],
    ['Arabic-Indic digits', 'BJ-PV-٤٢'],
    ['a symbol', 'BJ-PV-★-01'],
    ['nothing but separators', ' - _ '],
  ])('BJ-14: refused, not guessed: %s', (_, spelling) => {
    expect(() => identifierSkeleton(spelling, 'siteIdentifiers[0]')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringContaining('siteIdentifiers[0]') }));
  });
});

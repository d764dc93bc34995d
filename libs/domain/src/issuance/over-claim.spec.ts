import { Tonnes } from '../quantity';
import { issuedQuantity } from './over-claim';

describe('BJ-23: the over-claim rule', () => {
  // The six vectors of requirements.md BJ-23, each its own test: (claimed, audited → issued).
  it.each([
    ['104', '100', '100', 'audited'],
    ['105', '100', '95', 'audited_minus_excess'],
    ['100.5', '100', '100', 'audited'],
    ['110.4', '100', '89', 'audited_minus_excess'],
    ['90', '100', '90', 'claimed'],
    ['250', '100', '0', 'audited_minus_excess'],
  ])('BJ-23: claimed %s, audited %s → issued %s (%s)', (claimed, audited, issued, basis) => {
    const r = issuedQuantity(new Tonnes(claimed), new Tonnes(audited));
    expect(r.issued.toFixed()).toBe(issued);
    expect(r.basis).toBe(basis);
  });

  it('BJ-20/BJ-23: decimals are exact and issued credits are whole tonnes rounded down', () => {
    // 0.1 + 0.2 style traps: in floating point 104.999999 − 100 would not compare exactly against 5.
    expect(issuedQuantity(new Tonnes('104.999999'), new Tonnes('100')).issued.toFixed()).toBe('100');
    expect(issuedQuantity(new Tonnes('99.999999'), new Tonnes('100')).issued.toFixed()).toBe('99');
    expect(issuedQuantity(new Tonnes('10.5'), new Tonnes('10')).issued.toFixed()).toBe('9'); // 0.5 = 5 % exactly
    expect(issuedQuantity(new Tonnes('10.499999'), new Tonnes('10')).issued.toFixed()).toBe('10');
  });

  it('BJ-23: nothing audited means nothing issued, whatever was claimed', () => {
    expect(issuedQuantity(new Tonnes('3'), new Tonnes('0')).issued.toFixed()).toBe('0');
  });

  it('BJ-23: the outcome explains itself', () => {
    expect(issuedQuantity(new Tonnes('105'), new Tonnes('100')).explanation).toBe('excess 5 ≥ 5 % of audited 100 (5): issue audited − excess');
  });
});

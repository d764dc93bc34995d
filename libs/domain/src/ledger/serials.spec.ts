import { Tonnes } from '../quantity';
import { blockPrefix, formatSerial, HeldRange, parseSerial, takeSerials } from './serials';

const held: HeldRange[] = [
  { holdingId: 'h1', blockId: 'b1', serialFrom: '1', serialTo: '100' },
  { holdingId: 'h2', blockId: 'b2', serialFrom: '41', serialTo: '60' },
];

describe('LED-2: serial blocks and how movements split them', () => {
  it('LED-2: the block prefix names jurisdiction and project (registration number), vintage and issuance sequence', () => {
    expect(blockPrefix('BJ-TPH-I-2026-0001', 2025, 1)).toBe('BJ-TPH-I-2026-0001-V2025-01');
    expect(formatSerial('BJ-TPH-I-2026-0001-V2025-01', '42')).toBe('BJ-TPH-I-2026-0001-V2025-01-000000042');
    expect(parseSerial('BJ-TPH-I-2026-0001-V2025-01-000000042')).toEqual({ prefix: 'BJ-TPH-I-2026-0001-V2025-01', serial: '42' });
  });
  it('LED-2: a partial movement splits the range: the lower serials move, the upper stay', () => {
    expect(takeSerials(held, new Tonnes(30))).toEqual([
      { holdingId: 'h1', blockId: 'b1', serialFrom: '1', serialTo: '30', remainder: { serialFrom: '31', serialTo: '100' } },
    ]);
  });
  it('LED-2: a movement larger than one range takes it whole and continues into the next', () => {
    expect(takeSerials(held, new Tonnes(105))).toEqual([
      { holdingId: 'h1', blockId: 'b1', serialFrom: '1', serialTo: '100', remainder: null },
      { holdingId: 'h2', blockId: 'b2', serialFrom: '41', serialTo: '45', remainder: { serialFrom: '46', serialTo: '60' } },
    ]);
  });
  it('LED-2: taking exactly everything leaves no remainder', () => {
    expect(takeSerials(held, new Tonnes(120)).every((t) => t.remainder === null)).toBe(true);
  });
  it('LED-3: more than is held is refused, saying how much is held', () => {
    expect(() => takeSerials(held, new Tonnes(121))).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_HOLDINGS', message: 'LED-3: the account holds 120 matching credits; 121 were asked for.' }));
  });
  it('LED-2: serial arithmetic stays exact beyond 2^53', () => {
    const big: HeldRange[] = [{ holdingId: 'h', blockId: 'b', serialFrom: '9007199254740993', serialTo: '9007199254741092' }];
    expect(takeSerials(big, new Tonnes(1))[0]).toMatchObject({ serialTo: '9007199254740993', remainder: { serialFrom: '9007199254740994' } });
  });
  it('a malformed serial is refused with an example', () => {
    expect(() => parseSerial('BJ-42')).toThrow(/is not a credit serial number/);
  });
});

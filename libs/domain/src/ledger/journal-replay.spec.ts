import { holdingKey, normalise, ReplayLine, replayJournal } from './journal-replay';

const line = (entryId: string, accountId: string, serialFrom: string, serialTo: string, amount: string): ReplayLine => ({ entryId, accountId, blockId: 'B', serialFrom, serialTo, amount });
const ISSUANCE = new Set(['ISS']);

describe('LED-3: replaying the journal reproduces the holdings', () => {
  it('LED-3: issuance, a split transfer and a transfer back rebuild each account’s ranges', () => {
    const { holdings, violations } = replayJournal([
      line('1', 'ISS', '1', '100', '-100'), line('1', 'A', '1', '100', '100'),
      line('2', 'A', '1', '30', '-30'), line('2', 'B', '1', '30', '30'),
      line('3', 'B', '11', '30', '-20'), line('3', 'A', '11', '30', '20'),
    ], ISSUANCE);
    expect(violations).toEqual([]);
    expect(holdings.get(holdingKey('A', 'B'))).toEqual([[11n, 100n]]);
    expect(holdings.get(holdingKey('B', 'B'))).toEqual([[1n, 10n]]);
  });
  it('LED-3: a debit of serials the account does not hold is reported as a negative holding', () => {
    const { violations } = replayJournal([line('1', 'ISS', '1', '10', '-10'), line('1', 'A', '1', '10', '10'), line('2', 'A', '5', '15', '-11')], ISSUANCE);
    expect(violations).toEqual(['entry 2: account A debited serials 5–15 it did not hold (negative holding)']);
  });
  it('LED-2: crediting serials someone already holds is reported', () => {
    const { violations } = replayJournal([line('1', 'ISS', '1', '10', '-10'), line('1', 'A', '1', '10', '10'), line('2', 'C', '3', '3', '1')], ISSUANCE);
    expect(violations).toEqual(['entry 2: serials 3–3 of block B credited while held elsewhere']);
  });
  it('adjacent ranges merge into one', () => {
    expect(normalise([[5n, 9n], [1n, 4n], [12n, 12n]])).toEqual([[1n, 9n], [12n, 12n]]);
  });
});

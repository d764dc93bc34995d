import { LedgerRepository } from '../../libs/persistence/src';
import { printLine } from './report';

/** LED-3: replays the whole journal against the holdings; any violation fails the bench, a fast ledger that loses credits is no result. */
export async function assertLedgerAudit(ledger: LedgerRepository): Promise<void> {
  const audit = await ledger.audit();
  printLine('check', 'LED-3 audit (journal replay vs holdings)', `${audit.violations.length} violations (${audit.entries} entries, ${audit.blocks} blocks)`);
  if (!audit.violations.length) return;
  for (const v of audit.violations.slice(0, 10)) console.error(`  violation: ${v}`);
  throw new Error(`LED-3: the ledger audit found ${audit.violations.length} violation(s)`);
}

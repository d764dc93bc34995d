import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_KINDS, JURISDICTIONS, SUPERVISION_STATUSES } from '../../../../libs/domain/src';
import { ApiCalendarDay, ApiDateTime, ApiIntegerString, ApiUuid } from '../common/api-properties';

/**
 * The answers of the ledger endpoints (LED-1…LED-4, BJ-30), as LedgerRepository reads them. Tonnes, serials and
 * journal entry ids are decimal strings (64-bit in the database), never JSON numbers.
 */

const DIRECTIONS = ['in', 'out'] as const;
const ENTRY_KINDS = ['issuance', 'transfer', 'cancellation', 'clawback'] as const;

export class AccountView {
  @ApiUuid() id!: string;
  @ApiProperty({ example: 'BJ-ACC-000001' }) accountNo!: string;
  @ApiProperty({ enum: ACCOUNT_KINDS, description: "holding (a developer's or emitter's), custody (the exchange's), or one of the registry's system accounts" })
  kind!: (typeof ACCOUNT_KINDS)[number];
  @ApiUuid({ nullable: true, description: "Null for the registry's system accounts" }) organisationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationName!: string | null;
  @ApiProperty({ enum: JURISDICTIONS }) jurisdiction!: (typeof JURISDICTIONS)[number];
}

export class AccountWithBalanceView extends AccountView {
  @ApiIntegerString({ description: 'Tonnes held now: the sum of the held serial ranges (never stored)' }) balance!: string;
}

export class SerialRangeView {
  @ApiIntegerString({ example: '1' }) serialFrom!: string;
  @ApiIntegerString({ example: '300' }) serialTo!: string;
  @ApiIntegerString({ example: '300', description: 'Tonnes in the range (bounds inclusive)' }) quantity!: string;
}

/** What an account holds of one block: contiguous serials shown as one range. */
export class BlockHoldingView {
  @ApiUuid() projectId!: string;
  @ApiProperty({ example: 'BJ-TPH-I-2026-0001' }) registrationNo!: string;
  @ApiProperty() projectName!: string;
  @ApiProperty({ type: 'integer', example: 2027 }) vintage!: number;
  @ApiProperty({ example: 'BJ-TPH-I-2026-0001-V2027-01' }) blockPrefix!: string;
  @ApiIntegerString({ description: 'Tonnes of this block held' }) quantity!: string;
  @ApiProperty({ type: [SerialRangeView], description: 'Lowest serials first' }) ranges!: SerialRangeView[];
}

export class HoldingsView {
  @ApiProperty({ type: AccountView }) account!: AccountView;
  @ApiProperty({ type: [BlockHoldingView], description: 'By project, vintage and block' }) holdings!: BlockHoldingView[];
}

/** One line of the journal as the account sees it (LED-4). */
export class MovementView {
  @ApiIntegerString({ description: 'Journal entry id' }) entryId!: string;
  @ApiProperty({ enum: ENTRY_KINDS }) kind!: (typeof ENTRY_KINDS)[number];
  @ApiProperty({ example: 'Sale under contract 2026-17' }) reason!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The issuance case, for an issuance' }) caseNo!: string | null;
  @ApiDateTime() occurredAt!: string;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ enum: DIRECTIONS }) direction!: (typeof DIRECTIONS)[number];
  @ApiIntegerString({ description: 'Tonnes moved' }) quantity!: string;
  @ApiProperty() blockPrefix!: string;
  @ApiProperty({ type: 'integer' }) vintage!: number;
  @ApiProperty({ example: 'BJ-TPH-I-2026-0001' }) registrationNo!: string;
  @ApiIntegerString() serialFrom!: string;
  @ApiIntegerString() serialTo!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The other side of the movement (the issuance source account for an issuance)' })
  counterpartyAccountNo!: string | null;
}

export class MovedRangeView extends SerialRangeView {
  @ApiProperty({ example: 'BJ-TPH-I-2026-0001-V2027-01' }) prefix!: string;
}

/** A transfer as recorded (also what a repeated Idempotency-Key answers). */
export class TransferView {
  @ApiIntegerString({ description: 'Journal entry id' }) entryId!: string;
  @ApiProperty({ example: 'transfer/BJ-ACC-000001/3b1f…', description: "The journal's key for this transfer: the source account and a digest of your Idempotency-Key (random without one)" })
  idempotencyKey!: string;
  @ApiProperty({ example: 'BJ-ACC-000001' }) fromAccountNo!: string;
  @ApiProperty({ example: 'BJ-ACC-000002' }) toAccountNo!: string;
  @ApiIntegerString({ description: 'Whole tonnes moved' }) quantity!: string;
  @ApiProperty({ type: [MovedRangeView], description: 'The serial ranges that moved, by block' }) ranges!: MovedRangeView[];
  @ApiDateTime() occurredAt!: string;
}

export class SerialHolderView {
  @ApiProperty() accountNo!: string;
  @ApiProperty({ enum: ACCOUNT_KINDS }) kind!: (typeof ACCOUNT_KINDS)[number];
  @ApiProperty({ type: String, nullable: true }) organisationName!: string | null;
}

export class SerialMovementView {
  @ApiIntegerString() entryId!: string;
  @ApiProperty({ enum: ENTRY_KINDS }) kind!: (typeof ENTRY_KINDS)[number];
  @ApiProperty() reason!: string;
  @ApiDateTime() occurredAt!: string;
  @ApiProperty() accountNo!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: (typeof DIRECTIONS)[number];
}

export class SerialView {
  @ApiProperty({ example: 'BJ-TPH-I-2026-0001-V2027-01' }) blockPrefix!: string;
  @ApiIntegerString({ example: '42', description: 'The serial within its block' }) serial!: string;
  @ApiProperty({ type: SerialHolderView, nullable: true, description: 'Null when no account holds it' }) heldBy!: SerialHolderView | null;
  @ApiProperty({ type: [SerialMovementView], description: 'Every movement, oldest first' }) history!: SerialMovementView[];
}

export class LedgerAuditView {
  @ApiProperty({ type: 'integer' }) blocks!: number;
  @ApiProperty({ type: 'integer' }) entries!: number;
  @ApiProperty({ type: [String], description: 'Empty when the journal replays to the holdings and every block adds up (LED-3)' }) violations!: string[];
}

export class PublicBlockView {
  @ApiProperty() blockPrefix!: string;
  @ApiProperty({ type: 'integer' }) vintage!: number;
  @ApiIntegerString() quantity!: string;
  @ApiIntegerString({ example: '1' }) serialFrom!: string;
  @ApiIntegerString() serialTo!: string;
  @ApiProperty({ example: 'BJ-ISS-2027-000001' }) caseNo!: string;
  @ApiCalendarDay() periodStart!: string;
  @ApiCalendarDay() periodEnd!: string;
  @ApiDateTime() issuedAt!: string;
}

/** BJ-30: a project's issued reductions with their serial blocks. */
export class PublicIssuanceView {
  @ApiProperty({ example: 'BJ-TPH-I-2026-0001' }) registrationNo!: string;
  @ApiProperty() projectName!: string;
  @ApiProperty() developerName!: string;
  @ApiProperty({ enum: SUPERVISION_STATUSES }) projectStatus!: (typeof SUPERVISION_STATUSES)[number];
  @ApiIntegerString({ description: 'Tonnes issued to the project in all' }) issuedTco2e!: string;
  @ApiProperty({ type: [PublicBlockView], description: 'In issuance order' }) blocks!: PublicBlockView[];
}

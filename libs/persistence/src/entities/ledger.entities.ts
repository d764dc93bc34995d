import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AccountKind } from '../../../domain/src';

/** LED-1: an organisation's holding or custody account, or one of the registry's system accounts. */
@Entity('ledger_accounts')
export class LedgerAccountEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text', { name: 'account_no' }) accountNo!: string;
  @Column('text') kind!: AccountKind;
  @Column('uuid', { name: 'organisation_id', nullable: true }) organisationId!: string | null;
  @Column('text') jurisdiction!: string;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
}

/** LED-2: one issuance = one block of serials 1…quantity under a unique prefix. Append-only. */
@Entity('credit_blocks')
export class CreditBlockEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') prefix!: string;
  @Column('uuid', { name: 'project_id' }) projectId!: string;
  @Column('text', { name: 'issuance_case_no' }) issuanceCaseNo!: string;
  @Column('int') vintage!: number;
  @Column('int', { name: 'issuance_seq' }) issuanceSeq!: number;
  /** bigint travels as a string: serial counts are exact integers, never JS numbers. */
  @Column('bigint') quantity!: string;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
}

/** LED-1: one movement (issuance, transfer, cancellation, clawback), with why. Append-only. */
@Entity('journal_entries')
export class JournalEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text', { name: 'idempotency_key' }) idempotencyKey!: string;
  @Column('text') kind!: 'issuance' | 'transfer' | 'cancellation' | 'clawback';
  @Column('text') reason!: string;
  @Column('text', { name: 'case_no', nullable: true }) caseNo!: string | null;
  @Column('uuid', { name: 'actor_user_id', nullable: true }) actorUserId!: string | null;
  @Column('text', { name: 'actor_name', nullable: true }) actorName!: string | null;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}

/** LED-1: a debit (−) or credit (+) of a serial range on an account; an entry's lines sum to zero per block. */
@Entity('journal_lines')
export class JournalLineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('bigint', { name: 'entry_id' }) entryId!: string;
  @Column('uuid', { name: 'account_id' }) accountId!: string;
  @Column('uuid', { name: 'block_id' }) blockId!: string;
  @Column('bigint', { name: 'serial_from' }) serialFrom!: string;
  @Column('bigint', { name: 'serial_to' }) serialTo!: string;
  @Column('bigint') amount!: string;
}

/** Current holdings as serial ranges, derived from the journal (a journal replay reproduces them, LED-3). */
@Entity('holdings')
export class HoldingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'account_id' }) accountId!: string;
  @Column('uuid', { name: 'block_id' }) blockId!: string;
  @Column('bigint', { name: 'serial_from' }) serialFrom!: string;
  @Column('bigint', { name: 'serial_to' }) serialTo!: string;
}

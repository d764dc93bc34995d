import { CalendarLoadedYearEntity, CalendarOverrideEntity } from './calendar.entities';
import { CaseEventEntity } from './case-event.entity';
import { CaseEntity, IssuanceCaseEntity } from './issuance.entities';
import { CreditBlockEntity, HoldingEntity, JournalEntryEntity, JournalLineEntity, LedgerAccountEntity } from './ledger.entities';
import { CaseDocumentEntity, DocumentBlobChunkEntity, DocumentBlobEntity } from './document.entities';
import { LoginSessionEntity, RefreshTokenEntity, UserInvitationEntity } from './identity.entities';
import { MethodologyEntity, MethodologyVersionEntity } from './methodology.entities';
import { NotificationEntity } from './notification.entity';
import { OrganisationEntity, UserEntity } from './organisation.entities';
import { ProjectEntity, ProjectIdentifierClaimEntity, RegistrationCaseEntity } from './project.entities';
import { PublicityCommentEntity, PublicityNoticeEntity } from './publicity.entities';

export * from './calendar.entities';
export * from './case-event.entity';
export * from './document.entities';
export * from './identity.entities';
export * from './issuance.entities';
export * from './ledger.entities';
export * from './methodology.entities';
export * from './notification.entity';
export * from './organisation.entities';
export * from './project.entities';
export * from './publicity.entities';

export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  MethodologyEntity,
  MethodologyVersionEntity,
  ProjectEntity,
  CaseEntity,
  RegistrationCaseEntity,
  IssuanceCaseEntity,
  ProjectIdentifierClaimEntity,
  CaseEventEntity,
  PublicityNoticeEntity,
  PublicityCommentEntity,
  DocumentBlobEntity,
  DocumentBlobChunkEntity,
  CaseDocumentEntity,
  NotificationEntity,
  CalendarOverrideEntity,
  CalendarLoadedYearEntity,
  LedgerAccountEntity,
  CreditBlockEntity,
  JournalEntryEntity,
  JournalLineEntity,
  HoldingEntity,
  LoginSessionEntity,
  RefreshTokenEntity,
  UserInvitationEntity,
];

import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CREDIT_HOLDER_ROLES, REGISTRY_STAFF } from '../../../../libs/domain/src';
import { Public, CurrentActor, Roles } from '../auth/actor.decorators';
import { Idempotency, Idempotent } from '../idempotency/idempotency.decorators';
import type { IdempotencyContext } from '../idempotency/idempotency.interceptor';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { MovementsQuery, TransferDto } from './ledger.dto';
import { LedgerService } from './ledger.service';
import { AccountView, AccountWithBalanceView, HoldingsView, LedgerAuditView, MovementView, PublicIssuanceView, SerialView, TransferView } from './ledger.views';

/** Registry accounts (LED-1…LED-4): holdings by project, vintage and serial range; transfers; movements. */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly service: LedgerService) {}

  @Get()
  @Roles(...CREDIT_HOLDER_ROLES, ...REGISTRY_STAFF)
  @ApiOkResponse({ type: AccountWithBalanceView, isArray: true, description: 'By account number' })
  @ApiOperation({ summary: "My organisation's accounts with balances (registry staff: all accounts)" })
  list(@CurrentActor() actor: Actor) {
    return this.service.accounts(actor);
  }

  @Post()
  @Roles(...CREDIT_HOLDER_ROLES)
  @Idempotent()
  @ApiCreatedResponse({ type: AccountView, description: 'The account, new or the one already open' })
  @ApiOperation({ summary: "Open my organisation's holding account (idempotent); staff organisations cannot (ROLE-2)" })
  open(@CurrentActor() actor: Actor) {
    return this.service.open(actor);
  }

  @Get(':accountNo/holdings')
  @Roles(...CREDIT_HOLDER_ROLES, ...REGISTRY_STAFF)
  @ApiOkResponse({ type: HoldingsView })
  @ApiOperation({ summary: 'Holdings by project, vintage and block, with serial ranges (LED-2)' })
  holdings(@CurrentActor() actor: Actor, @Param('accountNo') accountNo: string) {
    return this.service.holdings(actor, accountNo);
  }

  @Get(':accountNo/movements')
  @Roles(...CREDIT_HOLDER_ROLES, ...REGISTRY_STAFF)
  @ApiOkResponse({ type: MovementView, isArray: true, description: 'Newest first (at most `limit`)' })
  @ApiOperation({ summary: 'Every movement in and out, newest first, with counterparty and serial range (LED-4)' })
  movements(@CurrentActor() actor: Actor, @Param('accountNo') accountNo: string, @Query() q: MovementsQuery) {
    return this.service.movements(actor, accountNo, q);
  }

  @Post(':accountNo/transfers')
  @Roles(...CREDIT_HOLDER_ROLES)
  @Idempotent({ claimedInHandler: true })
  @ApiCreatedResponse({ type: TransferView })
  @ApiOperation({
    summary: "Transfer whole tonnes to another holder's account (LED-2: lowest serials of the oldest block first, splitting a block if needed); " +
      'never into custody or a system account (422 HOLDER_NOT_ALLOWED); INSUFFICIENT_HOLDINGS when the account holds too few',
  })
  transfer(@CurrentActor() actor: Actor, @Param('accountNo') accountNo: string, @Body() dto: TransferDto, @Idempotency() idem: IdempotencyContext) {
    return this.service.transfer(actor, accountNo, dto, idem);
  }
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(private readonly service: LedgerService) {}

  @Get('serials/:serial')
  @Roles('officer', 'bureau', 'admin')
  @ApiOkResponse({ type: SerialView })
  @ApiOperation({ summary: 'Who holds a serial now, and every movement it made (LED-2, LED-4)' })
  serial(@Param('serial') serial: string) {
    return this.service.serial(serial);
  }

  @Get('audit')
  @Roles('bureau', 'admin')
  @ApiOkResponse({ type: LedgerAuditView })
  @ApiOperation({ summary: 'LED-3 self-check: replay the journal, compare every holding, check issued = held + cancelled per block' })
  audit() {
    return this.service.audit();
  }
}

/** BJ-30: issued reductions per project, with their serial blocks. No login. */
@ApiTags('public')
@Public()
@RateLimit('public')
@Controller('public/issuances')
export class PublicIssuancesController {
  constructor(private readonly service: LedgerService) {}

  @Get()
  @ApiOkResponse({ type: PublicIssuanceView, isArray: true, description: 'By registration number' })
  @ApiOperation({ summary: 'Issued reductions per project, with each serial block' })
  list() {
    return this.service.publicIssuances();
  }
}

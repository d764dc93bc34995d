import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../../libs/domain/src';
import { Public, CurrentActor, Roles } from '../auth/actor.decorators';
import { ErrorResponse } from '../common/error-response';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { MovementsQuery, TransferDto } from './ledger.dto';
import { LedgerService } from './ledger.service';

const HOLDERS = ['developer', 'emitter'] as const;

/** Registry accounts (LED-1…LED-4): holdings by project, vintage and serial range; transfers; movements. */
@ApiTags('ledger')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 404, type: ErrorResponse })
@Controller('accounts')
export class AccountsController {
  constructor(private readonly service: LedgerService) {}

  @Get()
  @Roles(...HOLDERS, 'officer', 'bureau', 'admin')
  @ApiOperation({ summary: "My organisation's accounts with balances (registry staff: all accounts)" })
  list(@CurrentActor() actor: Actor) {
    return this.service.accounts(actor);
  }

  @Post()
  @Roles(...HOLDERS)
  @ApiOperation({ summary: "Open my organisation's holding account (idempotent); staff organisations cannot (ROLE-2)" })
  @ApiResponse({ status: 422, type: ErrorResponse, description: 'HOLDER_NOT_ALLOWED' })
  open(@CurrentActor() actor: Actor) {
    return this.service.open(actor);
  }

  @Get(':accountNo/holdings')
  @Roles(...HOLDERS, 'officer', 'bureau', 'admin')
  @ApiOperation({ summary: 'Holdings by project, vintage and block, with serial ranges (LED-2)' })
  holdings(@CurrentActor() actor: Actor, @Param('accountNo') accountNo: string) {
    return this.service.holdings(actor, accountNo);
  }

  @Get(':accountNo/movements')
  @Roles(...HOLDERS, 'officer', 'bureau', 'admin')
  @ApiOperation({ summary: 'Every movement in and out, newest first, with counterparty and serial range (LED-4)' })
  movements(@CurrentActor() actor: Actor, @Param('accountNo') accountNo: string, @Query() q: MovementsQuery) {
    return this.service.movements(actor, accountNo, q);
  }

  @Post(':accountNo/transfers')
  @Roles(...HOLDERS)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key moves the credits once' })
  @ApiOperation({ summary: "Transfer whole tonnes to another organisation's account; the lowest serials of the oldest block move first, splitting a block if needed" })
  @ApiResponse({ status: 422, type: ErrorResponse, description: 'INSUFFICIENT_HOLDINGS or HOLDER_NOT_ALLOWED (ROLE-2)' })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'Idempotency-Key reused for a different transfer' })
  transfer(@CurrentActor() actor: Actor, @Param('accountNo') accountNo: string, @Body() dto: TransferDto, @Headers('idempotency-key') key?: string) {
    return this.service.transfer(actor, accountNo, dto, key);
  }
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(private readonly service: LedgerService) {}

  @Get('serials/:serial')
  @Roles('officer', 'bureau', 'admin')
  @ApiOperation({ summary: 'Who holds a serial now, and every movement it made (LED-2, LED-4)' })
  serial(@Param('serial') serial: string) {
    return this.service.serial(serial);
  }

  @Get('audit')
  @Roles('bureau', 'admin')
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
  @ApiOperation({ summary: 'Issued reductions per project, with each serial block' })
  list() {
    return this.service.publicIssuances();
  }
}

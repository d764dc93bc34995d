import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AccountsController, LedgerController, PublicIssuancesController } from './ledger.controller';
import { LedgerService } from './ledger.service';

@Module({
  controllers: [AccountsController, LedgerController, PublicIssuancesController],
  providers: [LedgerService, Clock],
  exports: [LedgerService],
})
export class LedgerModule {}

import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/actor.decorators';
import { TemporalClientService } from '../temporal/temporal-client.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly temporal: TemporalClientService,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('database'),
      async () => {
        const t = this.indicator.check('temporal');
        try {
          await this.temporal.client.connection.workflowService.getSystemInfo({});
          return t.up({ searchAttributes: this.temporal.searchAttributesEnabled });
        } catch (e) {
          return t.down({ message: String(e) });
        }
      },
    ]);
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/actor.decorators';
import { ErrorResponse } from '../common/error-response';
import { RetryableFailure } from '../common/retryable-failure';
import { Dependencies, DependencyChecks } from './dependency-checks';

class Liveness {
  @ApiProperty({ enum: ['live'] }) status!: 'live';
  @ApiProperty({ example: 3600, description: 'Seconds since the process started' }) uptimeSeconds!: number;
}

class Readiness {
  @ApiProperty({ enum: ['ready'] }) status!: 'ready';
  @ApiProperty() dependencies!: Dependencies;
}

/**
 * Liveness and readiness for load balancers and supervisors (fault 9). Liveness checks nothing outside the process,
 * so an outage of the database or Temporal never gets a healthy API restarted; readiness names each dependency.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly checks: DependencyChecks) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP. No dependency is checked.' })
  @ApiOkResponse({ type: Liveness })
  live(): Liveness {
    return { status: 'live', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Temporal each answer a round trip (in parallel, within a second)' })
  @ApiOkResponse({ type: Readiness, description: 'Both up, with the latency of each check' })
  @ApiResponse({ status: 503, type: ErrorResponse, description: 'NOT_READY; details names each dependency: status, latency and why it is down. Retry-After is set.' })
  ready(): Promise<Readiness> {
    return this.readiness();
  }

  @Get()
  @ApiOperation({ summary: 'Readiness, as GET /health/ready (kept for existing probes)' })
  @ApiOkResponse({ type: Readiness })
  @ApiResponse({ status: 503, type: ErrorResponse, description: 'NOT_READY, as GET /health/ready' })
  health(): Promise<Readiness> {
    return this.readiness();
  }

  private async readiness(): Promise<Readiness> {
    const dependencies = await this.checks.all();
    const down = Object.entries(dependencies).filter(([, d]) => d.status === 'down');
    if (down.length) {
      const why = down.map(([name, d]) => `${name} is down (${d.reason})`).join('; ');
      throw new RetryableFailure('NOT_READY', `Not ready: ${why}.`, { ...dependencies });
    }
    return { status: 'ready', dependencies };
  }
}

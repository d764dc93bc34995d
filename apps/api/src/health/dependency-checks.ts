import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { transientDatabaseError } from '../../../../libs/persistence/src/database-unavailability';
import { whyTemporalUnavailable } from '../../../../libs/temporal/src/server/temporal-unavailability';
import { within } from '../common/within';
import { TemporalClientService } from '../temporal/temporal-client.service';

export class DependencyState {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ example: 3, description: 'How long the check took, in milliseconds' }) latencyMs!: number;
  @ApiPropertyOptional({ example: 'ECONNREFUSED', description: 'Why it is down' }) reason?: string;
  @ApiPropertyOptional({ description: 'Temporal only: whether cases carry the case search attributes (absent until Temporal is reached)' })
  searchAttributes?: boolean;
}

export class Dependencies {
  @ApiProperty() database!: DependencyState;
  @ApiProperty() temporal!: DependencyState;
}

/**
 * Readiness checks (fault 9): one cheap round trip to each dependency, in parallel, each cut off after
 * HEALTH_CHECK_TIMEOUT_MS (default 400 ms), so readiness answers within a second whatever state they are in.
 */
@Injectable()
export class DependencyChecks {
  private readonly timeoutMs = Number(process.env.HEALTH_CHECK_TIMEOUT_MS) || 400;

  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
  ) {}

  async all(): Promise<Dependencies> {
    const [database, temporal] = await Promise.all([
      this.check(() => this.db.query('SELECT 1'), (e) => transientDatabaseError(e)?.reason),
      this.check(() => this.temporal.call((c) => c.workflowService.getSystemInfo({}), this.timeoutMs), whyTemporalUnavailable),
    ]);
    const searchAttributes = this.temporal.searchAttributesRegistered;
    return { database, temporal: searchAttributes === undefined ? temporal : { ...temporal, searchAttributes } };
  }

  /** Runs one check under the timeout: a failure, or no answer in time, is "down" with the reason. */
  private async check(roundTrip: () => Promise<unknown>, why: (e: unknown) => string | undefined): Promise<DependencyState> {
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    try {
      await within(this.timeoutMs, roundTrip(), () => new Error(`no answer within ${this.timeoutMs} ms`));
      return { status: 'up', latencyMs: latencyMs() };
    } catch (e) {
      return { status: 'down', latencyMs: latencyMs(), reason: why(e) ?? firstLine(e) };
    }
  }
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

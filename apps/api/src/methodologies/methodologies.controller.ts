import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor, DomainError } from '../../../../libs/domain/src';
import { CurrentActor, Public, Roles } from '../auth/actor.decorators';

export class PublishMethodologyVersionDto {
  @ApiProperty({ example: 'BJ-TPH-M-001' }) @Matches(/^[A-Z0-9-]{3,40}$/) code!: string;
  @ApiProperty({ example: '分布式光伏发电碳普惠方法学' }) @IsString() @Length(2, 200) title!: string;
  @ApiProperty({ example: '1.0' }) @Matches(/^\d+(\.\d+){0,2}$/) version!: string;
  @ApiProperty({ enum: [1, 2], description: '1 = 一级 (issuable), 2 = 二级 (disclosure only) — BJ-9' }) @IsIn([1, 2]) tier!: 1 | 2;
  @ApiProperty() @IsString() @Length(1, 20000) applicabilityConditions!: string;
  @ApiProperty() @IsString() @Length(1, 20000) projectBoundary!: string;
  @ApiProperty() @IsString() @Length(1, 20000) accountingMethod!: string;
  @ApiProperty() @IsString() @Length(1, 20000) monitoringMethod!: string;
  @ApiProperty() @IsString() @Length(1, 20000) creditingPeriodRules!: string;
}

/**
 * BJ-7, BJ-9: methodology versions a project can register against. Enough for registration; the full
 * proposal/assessment case (BJ-10) comes later. A revision is a new version of the same code.
 */
@ApiTags('methodologies')
@Controller('methodologies')
export class MethodologiesController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Published methodology versions (BJ-30)' })
  list() {
    return this.db.query(
      `SELECT v.id, m.code, m.title, v.version, v.tier, v.status, v.applicability_conditions AS "applicabilityConditions",
              v.project_boundary AS "projectBoundary", v.accounting_method AS "accountingMethod", v.monitoring_method AS "monitoringMethod",
              v.crediting_period_rules AS "creditingPeriodRules", v.published_at AS "publishedAt"
       FROM methodology_versions v JOIN methodologies m ON m.id = v.methodology_id ORDER BY m.code, v.published_at`,
    );
  }

  @Post()
  @Roles('bureau')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Record a published methodology version with its tier and BJ-7 fields' })
  publish(@CurrentActor() actor: Actor, @Body() d: PublishMethodologyVersionDto) {
    return this.db.transaction(async (m) => {
      const [{ id: methodologyId }] = await m.query(
        `INSERT INTO methodologies (code, title, jurisdiction) VALUES ($1, $2, 'BJ')
         ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
        [d.code, d.title],
      );
      const rows = await m.query(
        `INSERT INTO methodology_versions (methodology_id, version, tier, status, applicability_conditions, project_boundary, accounting_method,
           monitoring_method, crediting_period_rules, published_at, published_by)
         VALUES ($1, $2, $3, 'published', $4, $5, $6, $7, $8, now(), $9) ON CONFLICT (methodology_id, version) DO NOTHING
         RETURNING id, version, tier, status, published_at AS "publishedAt"`,
        [methodologyId, d.version, d.tier, d.applicabilityConditions, d.projectBoundary, d.accountingMethod, d.monitoringMethod, d.creditingPeriodRules, actor.userId],
      );
      if (!rows.length) throw new DomainError('DUPLICATE', `${d.code} version ${d.version} already exists; a revision is a new version.`);
      return { code: d.code, title: d.title, ...rows[0] };
    });
  }
}

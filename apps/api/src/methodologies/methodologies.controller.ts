import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { Actor, DomainError } from '../../../../libs/domain/src';
import { CurrentActor, Public, Roles } from '../auth/actor.decorators';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { MethodologiesRepository } from './methodologies.repository';
import { MethodologyVersionView, PublishedMethodologyVersionView } from './methodology.views';

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
  constructor(private readonly repo: MethodologiesRepository) {}

  @Get()
  @Public()
  @RateLimit('public')
  @ApiOkResponse({ type: MethodologyVersionView, isArray: true, description: 'By code, then publication' })
  @ApiOperation({ summary: 'Published methodology versions (BJ-30)' })
  list() {
    return this.repo.listVersions();
  }

  @Post()
  @Roles('bureau')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: PublishedMethodologyVersionView })
  @ApiOperation({ summary: 'Record a published methodology version with its tier and BJ-7 fields' })
  async publish(@CurrentActor() actor: Actor, @Body() d: PublishMethodologyVersionDto) {
    const created = await this.repo.publishVersion(d, actor.userId);
    if (!created) throw new DomainError('DUPLICATE', `${d.code} version ${d.version} already exists; a revision is a new version.`);
    return { code: d.code, title: d.title, ...created };
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { TEXT_LIMITS } from '../../../../libs/domain/src';
import { Public } from '../auth/actor.decorators';
import { Clock } from '../common/clock';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { PublicityRepository } from './publicity.repository';
import { CommentReceiptView, PublicNoticeView, PublicNoticeWithCommentsView } from './publicity.views';

export class CommentDto {
  @ApiProperty({ example: '张三', maxLength: TEXT_LIMITS.name }) @IsString() @Length(1, TEXT_LIMITS.name) authorName!: string;
  @ApiPropertyOptional({ description: 'Personal data: kept for follow-up, never disclosed (BJ-31)', maxLength: TEXT_LIMITS.contact })
  @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.contact) contact?: string;
  @ApiProperty({ maxLength: TEXT_LIMITS.comment }) @IsString() @Length(1, TEXT_LIMITS.comment) body!: string;
}

/** BJ-15 / BJ-30: the public side of publicity. No login. Comments are rows, read by the workflow at the close. */
@ApiTags('public')
@Public()
@RateLimit('public')
@Controller('public/publicity')
export class PublicityController {
  constructor(
    private readonly repo: PublicityRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ type: PublicNoticeView, isArray: true, description: 'Soonest closing first' })
  @ApiOperation({ summary: 'Open publicity notices with their closing date-time' })
  list() {
    return this.repo.listOpen();
  }

  @Get(':id')
  @ApiOkResponse({ type: PublicNoticeWithCommentsView })
  @ApiOperation({ summary: 'One notice, with its comments (author names only; contacts are never disclosed)' })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.repo.get(id);
  }

  @Post(':id/comments')
  @RateLimit('comments')
  @ApiCreatedResponse({ type: CommentReceiptView })
  @ApiOperation({ summary: 'Comment while the publicity is open (409 PUBLICITY_CLOSED after its close)' })
  comment(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CommentDto) {
    // The registry's clock, like every other step of the case: a comment is dated on the notice's time line.
    return this.repo.addComment(id, dto, this.clock.now());
  }
}

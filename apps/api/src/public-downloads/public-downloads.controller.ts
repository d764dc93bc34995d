import { applyDecorators, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Response } from 'express';
import { shanghaiDateTime } from '../../../../libs/domain/src/calendar';
import { Public } from '../auth/actor.decorators';
import { CSV_LANGUAGES, CsvColumn, CsvLanguage, csvOf } from '../common/csv';
import { LedgerService } from '../ledger/ledger.service';
import { publicProject } from '../projects/projects.controller';
import { ProjectsRepository } from '../projects/projects.repository';
import { PublicProjectView } from '../projects/projects.views';
import { PublicityRepository } from '../publicity/publicity.repository';
import { RateLimit } from '../rate-limits/rate-limit.decorator';

export class CsvQuery {
  @ApiPropertyOptional({ enum: CSV_LANGUAGES, description: 'Language of the column headings (default zh-CN)' })
  @IsOptional() @IsIn(CSV_LANGUAGES) lang?: CsvLanguage;
}

/** The answer of every list download: CSV text with its file name (see csvOf for the encoding). */
const CsvDownload = () =>
  applyDecorators(
    ApiOkResponse({
      description: 'UTF-8 CSV with a BOM, CRLF lines, one heading row; a cell a spreadsheet would run as a formula starts with an apostrophe',
      content: { 'text/csv': { schema: { type: 'string' } } },
      headers: { 'Content-Disposition': { required: true, description: 'attachment; filename="<list>-<Beijing date>.csv"', schema: { type: 'string' } } },
    }),
  );

const local = (instant: string | Date | null | undefined) => (instant ? shanghaiDateTime(new Date(instant)) : '');

interface Notice { caseNo: string; round: number; title: string; openedAt: Date; closesAt: Date }
const NOTICE_COLUMNS: CsvColumn<Notice>[] = [
  { value: (n) => n.caseNo, 'zh-CN': '案件编号', 'en-US': 'Case number' },
  { value: (n) => n.round, 'zh-CN': '公示轮次', 'en-US': 'Round' },
  { value: (n) => n.title, 'zh-CN': '公示标题', 'en-US': 'Title' },
  { value: (n) => local(n.openedAt), 'zh-CN': '公示开始（北京时间）', 'en-US': 'Opened (Beijing time)' },
  { value: (n) => local(n.closesAt), 'zh-CN': '公示截止（北京时间）', 'en-US': 'Closes (Beijing time)' },
];

interface Block { registrationNo: string; projectName: string; developerName: string; blockPrefix: string; vintage: number; quantity: string;
  serialFrom: string; serialTo: string; caseNo: string; periodStart: string; periodEnd: string; issuedAt: string }
const BLOCK_COLUMNS: CsvColumn<Block>[] = [
  { value: (b) => b.registrationNo, 'zh-CN': '登记编号', 'en-US': 'Registration number' },
  { value: (b) => b.projectName, 'zh-CN': '项目名称', 'en-US': 'Project' },
  { value: (b) => b.developerName, 'zh-CN': '项目业主', 'en-US': 'Developer' },
  { value: (b) => b.vintage, 'zh-CN': '减排量年份', 'en-US': 'Vintage' },
  { value: (b) => b.periodStart, 'zh-CN': '监测期起', 'en-US': 'Period start' },
  { value: (b) => b.periodEnd, 'zh-CN': '监测期止', 'en-US': 'Period end' },
  { value: (b) => b.quantity, 'zh-CN': '签发量（tCO2e）', 'en-US': 'Issued (tCO2e)' },
  { value: (b) => b.blockPrefix, 'zh-CN': '序列号前缀', 'en-US': 'Serial prefix' },
  { value: (b) => b.serialFrom, 'zh-CN': '起始序号', 'en-US': 'Serial from' },
  { value: (b) => b.serialTo, 'zh-CN': '终止序号', 'en-US': 'Serial to' },
  { value: (b) => b.caseNo, 'zh-CN': '签发案件', 'en-US': 'Issuance case' },
  { value: (b) => local(b.issuedAt), 'zh-CN': '签发时间（北京时间）', 'en-US': 'Issued at (Beijing time)' },
];

const PROJECT_COLUMNS: CsvColumn<PublicProjectView>[] = [
  { value: (p) => p.registrationNo, 'zh-CN': '登记编号', 'en-US': 'Registration number' },
  { value: (p) => p.name, 'zh-CN': '项目名称', 'en-US': 'Project' },
  { value: (p) => p.location, 'zh-CN': '项目地点', 'en-US': 'Location' },
  { value: (p) => p.developerName, 'zh-CN': '项目业主', 'en-US': 'Developer' },
  { value: (p) => `${p.methodologyCode} ${p.methodologyVersion}`, 'zh-CN': '方法学', 'en-US': 'Methodology' },
  { value: (p) => p.registeredAtLocal, 'zh-CN': '登记时间（北京时间）', 'en-US': 'Registered (Beijing time)' },
  { value: (p) => p.creditingPeriodStart, 'zh-CN': '计入期起', 'en-US': 'Crediting period start' },
  { value: (p) => p.creditingPeriodEnd, 'zh-CN': '计入期止', 'en-US': 'Crediting period end' },
  { value: (p) => p.supervisionStatus, 'zh-CN': '状态', 'en-US': 'Status' },
];

/**
 * The registry's public lists as CSV downloads (BJ-30): open publicity notices, issued reductions (one row per
 * serial block) and registered projects. No sign-in; the same rate limit as the public pages.
 */
@ApiTags('public')
@Public()
@RateLimit('public')
@Controller('public')
export class PublicDownloadsController {
  constructor(
    private readonly publicity: PublicityRepository,
    private readonly ledger: LedgerService,
    private readonly projects: ProjectsRepository,
  ) {}

  @Get('publicity.csv')
  @CsvDownload()
  @ApiOperation({ summary: 'Open publicity notices as CSV (BJ-15, BJ-30)' })
  async publicityCsv(@Query() q: CsvQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.send(res, 'publicity', csvOf(NOTICE_COLUMNS, await this.publicity.listOpen(), q.lang ?? 'zh-CN'));
  }

  @Get('issuances.csv')
  @CsvDownload()
  @ApiOperation({ summary: 'Issued reductions as CSV, one row per serial block (BJ-23, BJ-30)' })
  async issuancesCsv(@Query() q: CsvQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const projects: (Omit<Block, 'blockPrefix'> & { blocks: Block[] })[] = await this.ledger.publicIssuances();
    const blocks = projects.flatMap((p) => p.blocks.map((b) => ({ ...b, registrationNo: p.registrationNo, projectName: p.projectName, developerName: p.developerName })));
    return this.send(res, 'issuances', csvOf(BLOCK_COLUMNS, blocks, q.lang ?? 'zh-CN'));
  }

  @Get('projects.csv')
  @CsvDownload()
  @ApiOperation({ summary: 'Registered (Class I) projects as CSV (BJ-16, BJ-30)' })
  async projectsCsv(@Query() q: CsvQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.send(res, 'projects', csvOf(PROJECT_COLUMNS, (await this.projects.registered()).map(publicProject), q.lang ?? 'zh-CN'));
  }

  /**
   * Named after the list and the Beijing day it was taken, e.g. `projects-2026-11-29.csv`. The CSV headers are set
   * here, on success only: a refused request (400) answers the one JSON error shape under its own Content-Type.
   */
  private send(res: Response, list: string, csv: string): string {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${list}-${local(new Date()).slice(0, 10)}.csv"`);
    return csv;
  }
}

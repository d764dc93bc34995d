import { ApiProperty } from '@nestjs/swagger';

/** A registered project as the public sees it (BJ-16, BJ-30): no internal identifiers. */
export class PublicProjectView {
  @ApiProperty({ example: 'BJ-TPH-I-2026-0001' }) registrationNo!: string;
  @ApiProperty({ example: '朝阳区屋顶光伏' }) name!: string;
  @ApiProperty({ example: '北京市朝阳区' }) location!: string;
  @ApiProperty({ example: '北京某光伏科技有限公司' }) developerName!: string;
  @ApiProperty({ example: 'BJ-PV-001' }) methodologyCode!: string;
  @ApiProperty() methodologyTitle!: string;
  @ApiProperty({ example: '1.0' }) methodologyVersion!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ example: '2026-10-17T10:00:00+08:00', description: 'In Beijing time' }) registeredAtLocal!: string;
  @ApiProperty({ example: '2024-03-01' }) creditingPeriodStart!: string;
  @ApiProperty({ example: '2034-02-28' }) creditingPeriodEnd!: string;
  @ApiProperty({ enum: ['active', 'suspended', 'cancelled'] }) supervisionStatus!: string;
}

/** A project as its developer and registry staff see it (ROLE-1). */
export class ProjectView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() location!: string;
  @ApiProperty({ enum: ['BJ', 'SH', 'SZ'] }) jurisdiction!: string;
  @ApiProperty({ enum: ['I', 'II'], description: 'I once registered (BJ-16)' }) projectClass!: string;
  @ApiProperty({ type: String, nullable: true }) registrationNo!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) registeredAt!: string | null;
  @ApiProperty({ example: '2024-03-01' }) creditingPeriodStart!: string;
  @ApiProperty({ example: '2034-02-28' }) creditingPeriodEnd!: string;
  @ApiProperty({ enum: ['active', 'suspended', 'cancelled'] }) supervisionStatus!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty() methodologyCode!: string;
  @ApiProperty() methodologyTitle!: string;
  @ApiProperty() methodologyVersion!: string;
  @ApiProperty({ format: 'uuid' }) methodologyVersionId!: string;
}

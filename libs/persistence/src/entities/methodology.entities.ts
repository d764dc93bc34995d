import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('methodologies')
export class MethodologyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') title!: string;
  @Column('text') jurisdiction!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** BJ-7: a methodology is versioned; a revision is a new version. BJ-9: each version has a tier. */
@Entity('methodology_versions')
export class MethodologyVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'methodology_id' }) methodologyId!: string;
  @Column('text') version!: string;
  @Column('smallint') tier!: 1 | 2;
  @Column('text') status!: 'published' | 'suspended' | 'retired';
  @Column('text', { name: 'applicability_conditions' }) applicabilityConditions!: string;
  @Column('text', { name: 'project_boundary' }) projectBoundary!: string;
  @Column('text', { name: 'accounting_method' }) accountingMethod!: string;
  @Column('text', { name: 'monitoring_method' }) monitoringMethod!: string;
  @Column('text', { name: 'crediting_period_rules' }) creditingPeriodRules!: string;
  @Column('timestamptz', { name: 'published_at' }) publishedAt!: Date;
  @Column('uuid', { name: 'published_by' }) publishedBy!: string;
}

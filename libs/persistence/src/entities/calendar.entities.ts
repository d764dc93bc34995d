import { Column, Entity, PrimaryColumn } from 'typeorm';

/** CAL-1: admin-edited corrections on top of chinese-days (e.g. a newly published State Council schedule). */
@Entity('calendar_overrides')
export class CalendarOverrideEntity {
  @PrimaryColumn('date') day!: string;
  @Column('text') kind!: 'workday' | 'holiday';
  @Column('text', { nullable: true }) note!: string | null;
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** CAL-4: years whose official schedule the admin has loaded (beyond what chinese-days ships). */
@Entity('calendar_loaded_years')
export class CalendarLoadedYearEntity {
  @PrimaryColumn('int') year!: number;
  @Column('timestamptz', { name: 'loaded_at' }) loadedAt!: Date;
}

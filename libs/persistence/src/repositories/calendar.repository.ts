import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarOverride, WorkingDayCalendar } from '../../../domain/src/calendar';

/** CAL-1: the calendar is chinese-days plus the admin's override table and loaded years. */
@Injectable()
export class CalendarRepository {
  constructor(private readonly db: DataSource) {}

  async load(): Promise<WorkingDayCalendar> {
    const [overrides, years] = await Promise.all([
      this.db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS date, kind, note FROM calendar_overrides ORDER BY day`),
      this.db.query(`SELECT year FROM calendar_loaded_years ORDER BY year`),
    ]);
    return new WorkingDayCalendar({
      overrides: overrides.map((o: CalendarOverride & { note: string | null }) => ({ date: o.date, kind: o.kind, note: o.note ?? undefined })),
      loadedYears: years.map((y: { year: number }) => y.year),
    });
  }

  async listOverrides(): Promise<{ date: string; kind: string; note: string | null }[]> {
    return this.db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS date, kind, note FROM calendar_overrides ORDER BY day`);
  }

  async upsertOverride(o: CalendarOverride, userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO calendar_overrides (day, kind, note, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [o.date, o.kind, o.note ?? null, userId],
    );
  }

  async markYearLoaded(year: number): Promise<void> {
    await this.db.query(`INSERT INTO calendar_loaded_years (year) VALUES ($1) ON CONFLICT DO NOTHING`, [year]);
  }
}

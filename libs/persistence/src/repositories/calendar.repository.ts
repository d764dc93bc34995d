import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarOverride, DayKind, WorkingDayCalendar } from '../../../domain/src/calendar';

/** CAL-1: the calendar is chinese-days plus the admin's override table and loaded years. */
@Injectable()
export class CalendarRepository {
  constructor(private readonly db: DataSource) {}

  async load(): Promise<WorkingDayCalendar> {
    const [overrides, loadedYears] = await Promise.all([this.listOverrides(), this.loadedYears()]);
    return new WorkingDayCalendar({
      overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, note: o.note ?? undefined })),
      loadedYears,
    });
  }

  async listOverrides(): Promise<{ date: string; kind: DayKind; note: string | null }[]> {
    return this.db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS date, kind, note FROM calendar_overrides ORDER BY day`);
  }

  /** CAL-4: the years the admin declared loaded. */
  async loadedYears(): Promise<number[]> {
    return (await this.db.query(`SELECT year FROM calendar_loaded_years ORDER BY year`)).map((y: { year: number }) => y.year);
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

import { ValueTransformer } from 'typeorm';
import { Tonnes } from '../../../domain/src';

/** NUMERIC ↔ decimal.js (design.md: quantities never pass through a JS number). pg hands NUMERIC over as a string. */
export const tonnesColumn: ValueTransformer = {
  to: (v: Tonnes | null | undefined) => (v == null ? v : v.toFixed()),
  from: (v: string | null) => (v == null ? null : new Tonnes(v)),
};

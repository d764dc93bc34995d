import { applyDecorators } from '@nestjs/common';
import { IsBoolean, IsDefined, IsISO8601, IsObject, Matches, MaxLength, MinLength, ValidateNested, ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import { Transform, Type } from 'class-transformer';

/** Dates the registry deals in: a real calendar day written YYYY-MM-DD, between 2000-01-01 and 2199-12-31. */
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_DAY = '2199-12-31';

function WithinRegistryYears(options?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'withinRegistryYears',
      target: object.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && v >= EARLIEST_DAY && v <= LATEST_DAY,
        defaultMessage: (a: ValidationArguments) => `${a.property} must be a day between ${EARLIEST_DAY} and ${LATEST_DAY}`,
      },
    });
}

/** A calendar day field: `YYYY-MM-DD`, a real date (no 2026-02-30), within the registry's years. */
export const IsCalendarDay = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: ({ property }) => `${property} must be a date written YYYY-MM-DD` }),
    IsISO8601({ strict: true }),
    WithinRegistryYears(),
  );

/** A nested object that must be there (class-validator passes a missing nested object silently otherwise). */
export const IsNested = (type: () => new () => object) => applyDecorators(IsDefined(), IsObject(), ValidateNested(), Type(type));

/** A text field with its length limits in characters. */
export const TextLength = (min: number, max: number) => applyDecorators(MinLength(min), MaxLength(max));

/** A boolean query parameter: exactly `true` or `false` (anything else is left as is and fails validation). */
export const IsQueryBoolean = () =>
  applyDecorators(
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message: ({ property }) => `${property} must be true or false` }),
  );

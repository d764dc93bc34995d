import { Injectable } from '@nestjs/common';

/** Injectable time, so use cases can be tested at any date. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { EdgeError } from '../common/edge-error';

/**
 * At most DOCUMENT_TRANSFERS_MAX (16) document uploads and downloads at once in this API process, every case type
 * together (issue 9: memory, temporary disk and database work stay bounded under load). One more is refused at
 * once — before its body is read or its content fetched — with 503 DOCUMENT_TRANSFERS_BUSY and Retry-After, not
 * queued: a queue would keep its connection and body waiting for as long as it waits. A slot is freed when its
 * response has been sent or its connection has closed, whichever comes first.
 *
 * A counter, not a library: the semaphores on npm (p-limit, async-sema) queue rather than refuse.
 */
@Injectable()
export class DocumentTransferSlots {
  readonly max = Number(process.env.DOCUMENT_TRANSFERS_MAX) || 16;
  private running = 0;

  get active(): number {
    return this.running;
  }

  take(res: Response): void {
    if (this.running >= this.max) {
      throw new EdgeError('DOCUMENT_TRANSFERS_BUSY', `${this.max} document uploads and downloads are already running on this server; retry in a moment.`, { limit: this.max });
    }
    this.running += 1;
    // A client gone before this ran has already had its 'close'.
    if (res.destroyed) this.running -= 1;
    else res.once('close', () => (this.running -= 1));
  }
}

/** Takes a transfer slot for the endpoint it decorates (one shared DocumentTransferSlots per process). */
@Injectable()
export class DocumentTransfers implements NestInterceptor {
  constructor(private readonly slots: DocumentTransferSlots) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.slots.take(ctx.switchToHttp().getResponse<Response>());
    return next.handle();
  }
}

import type { NextFunction, Request, Response } from 'express';

/** How much of an unread body is still read, and for how long, after a refusal has been sent. */
export const UNREAD_BODY_LINGER = { bytes: 1024 * 1024, ms: 2_000 };

/**
 * A request answered before its body was read — an upload refused because its case does not exist, the caller
 * may not upload to it, its declared size is over the limit or too many transfers are running — must not cost
 * its whole body. Node would read and discard all of it to keep the connection alive (20 MB for a 20 MB upload
 * to a missing case). Instead, once the answer has gone out, at most 1 MiB more is read and discarded (for 2 s),
 * so a client that is still sending reads the answer rather than a connection reset; then the connection closes.
 * A body that ends within that keeps the connection.
 */
export function boundUnreadBody(req: Request, res: Response, next: NextFunction): void {
  res.once('finish', () => {
    if (req.complete || req.destroyed) return;
    let left = UNREAD_BODY_LINGER.bytes;
    const close = () => req.socket?.destroy();
    const timer = setTimeout(close, UNREAD_BODY_LINGER.ms).unref();
    req.on('data', (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) {
        clearTimeout(timer);
        close();
      }
    });
    req.once('end', () => clearTimeout(timer));
    req.resume();
  });
  next();
}

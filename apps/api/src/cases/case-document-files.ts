import { applyDecorators, Logger, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiResponse } from '@nestjs/swagger';
import contentDisposition from 'content-disposition';
import { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ErrorResponse } from '../common/error-response';
import { DocumentTransfers } from './document-transfers';
import { MAX_DOCUMENT_BYTES } from './document-uploads';

const MB = MAX_DOCUMENT_BYTES / 1024 / 1024;
const transfersBusy = ApiResponse({
  status: 503,
  type: ErrorResponse,
  description: 'DOCUMENT_TRANSFERS_BUSY: this server already runs as many document uploads and downloads as it allows (DOCUMENT_TRANSFERS_MAX, 16); retry after Retry-After seconds. Also the outages of every endpoint (DATABASE_UNAVAILABLE …)',
});

/**
 * `POST …/documents` for every case type: one multipart field `file` (≤ 25 MB) and the material's `kind`, sent
 * first. The body is streamed to disk (document-uploads.ts) and only read once the case exists, the caller may
 * upload to it and a transfer slot is free (DocumentTransfers).
 */
export function DocumentUpload(kinds: readonly string[]) {
  return applyDecorators(
    UseInterceptors(DocumentTransfers),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['kind', 'file'],
        properties: {
          kind: { type: 'string', enum: [...kinds], description: 'Send it before `file`: a kind you may not upload is then refused without the file being stored' },
          file: { type: 'string', format: 'binary', description: `At most ${MB} MB (${MAX_DOCUMENT_BYTES} bytes). File name in UTF-8: at most 255 characters, no control characters; stored NFC-normalised` },
        },
      },
    }),
    ApiResponse({
      status: 413,
      type: ErrorResponse,
      description: `PAYLOAD_TOO_LARGE: the file is over ${MB} MB — refused before reading when Content-Length says so, else as soon as the limit is passed; nothing is stored`,
    }),
    ApiResponse({ status: 415, type: ErrorResponse, description: 'UNSUPPORTED_MEDIA_TYPE: the body is not multipart/form-data' }),
    transfersBusy,
  );
}

/**
 * Documents the download: the stored bytes under the Content-Type they were uploaded with (any), the exact file
 * name in Content-Disposition and the SHA-256 in X-Content-SHA256 (BJ-31: the receiver can check what it got).
 */
export const DocumentDownload = () =>
  applyDecorators(UseInterceptors(DocumentTransfers), transfersBusy, ApiOkResponse({
    description: 'The document as uploaded, with the Content-Type it was uploaded with',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Content-Disposition': { required: true, description: "attachment; filename=\"<ASCII stand-in>\"; filename*=UTF-8''<exact name> (RFC 6266, RFC 5987)", schema: { type: 'string' } },
      'X-Content-SHA256': { required: true, description: 'SHA-256 of the content, hex', schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
      'Content-Length': { required: true, description: 'Size of the content in bytes', schema: { type: 'integer' } },
    },
  }));

/** A stored document's description and its bytes, read as they are sent (DocumentStore.content). */
export interface DocumentDownloadSource {
  filename: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  content: AsyncGenerator<Buffer>;
}

/**
 * Sends a stored document as a download, streamed: one chunk in memory at a time, the next read when the client
 * has taken the last (backpressure). The first chunk is read before anything is sent, so a failure to read it
 * still answers in the one error shape; a failure after that cuts the connection short of Content-Length, which
 * the client sees as an incomplete download. Content-Disposition per RFC 6266: `filename*=UTF-8''…` (RFC 5987)
 * carries the exact name; `filename="…"` is an ASCII stand-in for clients that read only that.
 */
export async function sendDocument(res: Response, d: DocumentDownloadSource): Promise<void> {
  const first = await d.content.next();
  res.setHeader('Content-Type', d.contentType);
  res.setHeader('Content-Disposition', contentDisposition(d.filename, { fallback: asciiFallback(d.filename) }));
  res.setHeader('X-Content-SHA256', d.sha256);
  res.setHeader('Content-Length', String(d.sizeBytes));
  if (res.req.method === 'HEAD') {
    await d.content.return(undefined);
    res.end();
    return;
  }
  async function* chunks() {
    if (!first.done) yield first.value;
    yield* d.content;
  }
  try {
    await pipeline(Readable.from(chunks(), { objectMode: false }), res);
  } catch (e) {
    // The headers are out: nothing to answer. A client that hung up is no fault; anything else is logged.
    if ((e as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') new Logger('Documents').error(`download of ${d.sha256} cut short: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Accents dropped (é → e), every other non-ASCII character as "_": 朝阳区 (v2).pdf → ___ (v2).pdf. */
function asciiFallback(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\x20-\x7e]/g, '_');
}

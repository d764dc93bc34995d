import { applyDecorators, Injectable, PipeTransform, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse } from '@nestjs/swagger';
import contentDisposition from 'content-disposition';
import { Response } from 'express';
import { documentFilename } from '../../../../libs/domain/src';

/** The multipart file of a case-document upload, as multer hands it over. */
export interface UploadedDocumentFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/**
 * `POST …/documents` for every case type: one multipart field `file` (≤ 25 MB) and the material's `kind`.
 * Multer (busboy) reads the file name's bytes as UTF-8 (`defParamCharset`; its default, latin1, garbles
 * 朝阳区.pdf into æ\u009c\u009d…), which is what browsers and curl send.
 */
export function DocumentUpload(kinds: readonly string[]) {
  return applyDecorators(
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_DOCUMENT_BYTES }, defParamCharset: 'utf8' })),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['kind', 'file'],
        properties: {
          kind: { type: 'string', enum: [...kinds] },
          file: { type: 'string', format: 'binary', description: 'At most 25 MB. File name in UTF-8: at most 255 characters, no control characters; stored NFC-normalised' },
        },
      },
    }),
  );
}

/** The uploaded file with its name checked and NFC-normalised (400 naming `file` otherwise). */
@Injectable()
export class DocumentFilePipe implements PipeTransform<UploadedDocumentFile | undefined> {
  transform(file: UploadedDocumentFile | undefined): UploadedDocumentFile | undefined {
    return file && { ...file, originalname: documentFilename(file.originalname, 'file') };
  }
}

/**
 * Documents the download: the stored bytes under the Content-Type they were uploaded with (any), the exact file
 * name in Content-Disposition and the SHA-256 in X-Content-SHA256 (BJ-31: the receiver can check what it got).
 */
export const DocumentDownload = () =>
  ApiOkResponse({
    description: 'The document as uploaded, with the Content-Type it was uploaded with',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Content-Disposition': { required: true, description: "attachment; filename=\"<ASCII stand-in>\"; filename*=UTF-8''<exact name> (RFC 6266, RFC 5987)", schema: { type: 'string' } },
      'X-Content-SHA256': { required: true, description: 'SHA-256 of the content, hex', schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
    },
  });

/**
 * Sends a stored document as a download. Content-Disposition per RFC 6266: `filename*=UTF-8''…` (RFC 5987) carries
 * the exact name; `filename="…"` is an ASCII stand-in for clients that read only that.
 */
export function sendDocument(res: Response, d: { filename: string; contentType: string; sha256: string; content: Buffer }): void {
  res.setHeader('Content-Type', d.contentType);
  res.setHeader('Content-Disposition', contentDisposition(d.filename, { fallback: asciiFallback(d.filename) }));
  res.setHeader('X-Content-SHA256', d.sha256);
  res.send(d.content);
}

/** Accents dropped (é → e), every other non-ASCII character as "_": 朝阳区 (v2).pdf → ___ (v2).pdf. */
function asciiFallback(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\x20-\x7e]/g, '_');
}

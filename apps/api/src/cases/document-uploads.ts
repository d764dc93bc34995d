import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { MulterError, StorageEngine } from 'multer';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError, documentFilename } from '../../../../libs/domain/src';
import { EdgeError } from '../common/edge-error';
import type { StagedContent } from './document-store';

export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
/** What a declared Content-Length may hold beyond the file: the multipart framing, the `kind` field, the file name. */
const MULTIPART_FRAMING_BYTES = 64 * 1024;

/** An upload as received: its material kind, its file name (checked, NFC) and type, and its bytes staged on disk. */
export interface ReceivedDocument {
  kind: string;
  filename: string;
  contentType: string;
  content: StagedContent;
}

type StagedFile = Express.Multer.File & { sha256: string };

/**
 * A multer storage engine that streams the file part into a new file of the staging directory, taking its SHA-256
 * and size on the way: a document is never whole in memory. multer stops the part at the size limit and removes
 * what was staged (`_removeFile`) whenever the request fails.
 */
class StagingStorage implements StorageEngine {
  constructor(private readonly dir: string) {}

  _handleFile(_req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<StagedFile>) => void): void {
    const path = join(this.dir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    pipeline(file.stream, measure, createWriteStream(path, { flags: 'wx' })).then(
      () => cb(null, { path, size, sha256: hash.digest('hex') }),
      (e) => rm(path, { force: true }).finally(() => cb(e)),
    );
  }

  _removeFile(_req: Request, file: Express.Multer.File, cb: (error: Error | null) => void): void {
    rm(file.path, { force: true }).then(() => cb(null), cb);
  }
}

/**
 * Receives `POST …/documents` bodies (multipart: `kind`, then `file` ≤ 25 MB) by streaming the file to a staging
 * directory of its own under the system's temporary directory (TMPDIR), removed when the API stops. Multer (busboy)
 * parses; it reads the file name as UTF-8 (`defParamCharset`; its default, latin1, garbles 朝阳区.pdf into
 * æ\u009c\u009d…), as browsers and curl send it, and undoes the browsers' %22/%0D/%0A escapes.
 */
@Injectable()
export class DocumentUploads implements OnModuleDestroy {
  readonly stagingDir = mkdtempSync(join(tmpdir(), 'registry-uploads-'));
  private readonly storage = new StagingStorage(this.stagingDir);

  /**
   * Reads the upload. Refused before any of the body is read: not multipart (415), a declared Content-Length over
   * the limit (413). While it is read: a file over 25 MB (413, nothing kept), a second file, unknown fields or a
   * file name that cannot be stored (400), and `checkKind`'s refusal as soon as both the kind and the file's start
   * have arrived. The caller removes the staged file with `discard(received.content)` when done.
   */
  async receive(req: Request, res: Response, checkKind: (kind: string) => void): Promise<ReceivedDocument> {
    if (!req.is('multipart/form-data')) {
      throw new EdgeError('UNSUPPORTED_MEDIA_TYPE', 'Send the document as multipart/form-data with the fields "kind" and "file".');
    }
    if (Number(req.headers['content-length']) > MAX_DOCUMENT_BYTES + MULTIPART_FRAMING_BYTES) throw tooLarge();
    const upload = multer({
      storage: this.storage,
      defParamCharset: 'utf8',
      limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 1024, fieldNameSize: 100 },
      fileFilter: (r, file, accept) => {
        try {
          documentFilename(file.originalname, 'file');
          if (typeof r.body?.kind === 'string') checkKind(r.body.kind); // usually sent first: refused before the file is read
          accept(null, true);
        } catch (e) {
          accept(e as Error);
        }
      },
    }).single('file');
    await new Promise<void>((resolve, reject) => upload(req, res, (e: unknown) => (e ? reject(refusalOf(e)) : resolve())));

    const file = req.file as StagedFile | undefined;
    try {
      const fields: Record<string, unknown> = req.body ?? {};
      const extra = Object.keys(fields).find((k) => k !== 'kind');
      if (extra) throw new DomainError('VALIDATION_FAILED', `property ${extra.slice(0, 100)} should not exist`, { field: extra.slice(0, 100) });
      if (typeof fields.kind !== 'string') throw new DomainError('VALIDATION_FAILED', 'Name the material in the multipart field "kind".', { field: 'kind' });
      checkKind(fields.kind);
      if (!file?.size) throw new DomainError('VALIDATION_FAILED', 'Attach a non-empty file in the multipart field "file".', { field: 'file' });
      return {
        kind: fields.kind,
        filename: documentFilename(file.originalname, 'file'),
        contentType: file.mimetype,
        content: { path: file.path, sha256: file.sha256, sizeBytes: file.size },
      };
    } catch (e) {
      if (file) await this.discard(file);
      throw e;
    }
  }

  async discard(staged: { path: string }): Promise<void> {
    await rm(staged.path, { force: true });
  }

  onModuleDestroy(): void {
    rmSync(this.stagingDir, { recursive: true, force: true });
  }
}

const tooLarge = () => new EdgeError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB; nothing was stored.`, { field: 'file', limitBytes: MAX_DOCUMENT_BYTES });

/** What ended the parse, as the refusal the client gets: ours as they are, multer's limits, busboy's malformed bodies. */
function refusalOf(e: unknown): unknown {
  if (e instanceof MulterError) {
    if (e.code === 'LIMIT_FILE_SIZE') return tooLarge();
    return new DomainError('VALIDATION_FAILED', e.field ? `${e.message} - ${e.field}` : e.message, e.field ? { field: e.field } : undefined);
  }
  // Ours (a refused name or kind), or the disk's (ENOSPC …: a server error, logged).
  if (e instanceof DomainError || e instanceof EdgeError || (e as NodeJS.ErrnoException).code) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new DomainError('VALIDATION_FAILED', message.startsWith('Multipart:') ? message : `Multipart: ${message}`);
}

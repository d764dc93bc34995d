import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, normaliseText, textProblem } from '../../../../libs/domain/src';

/**
 * The one text rule at the edge (libs/domain text/safe-text), for every string a request carries in its
 * body, query or path: refused with 400 naming the field when it contains control characters (other than
 * tab and newline) or unpaired surrogates; NFC-normalised (CRLF → LF) otherwise. Lengths are each DTO's
 * (class-validator, next in the pipeline) and each action's argument rule. Runs before validation, so no
 * DTO can forget it.
 */
@Injectable()
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value; // the actor and the uploaded file have rules of their own
    return clean(value, metadata.type === 'body' ? '' : (metadata.data ?? metadata.type));
  }
}

function clean(value: unknown, path: string): unknown {
  if (typeof value === 'string') {
    const problem = textProblem(value.replace(/\r/g, '\n'));
    if (problem) throw new DomainError('VALIDATION_FAILED', `${path || 'the body'} ${problem}.`, { field: path });
    return normaliseText(value);
  }
  if (Array.isArray(value)) return value.map((v, i) => clean(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const problem = textProblem(k);
      if (problem) throw new DomainError('VALIDATION_FAILED', `a field name in ${path || 'the body'} ${problem}.`, { field: path });
      out[k] = clean(v, path ? `${path}.${k}` : k);
    }
    return out;
  }
  return value;
}

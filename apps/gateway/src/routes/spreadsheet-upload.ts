import { PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';
import { MAX_SPREADSHEET_BYTES, SpreadsheetContentTypes, type SpreadsheetFormat } from '#contracts';
import { validationFailed } from '#platform';

const FORMAT_OF_TYPE: Record<string, SpreadsheetFormat> = {
  [SpreadsheetContentTypes.csv]: 'csv',
  'application/csv': 'csv',
  [SpreadsheetContentTypes.xlsx]: 'xlsx',
};

/**
 * A spreadsheet sent as the raw request body (`curl --data-binary @rules.csv -H
 * 'Content-Type: text/csv'`): its format from the Content-Type, or from `?format=` when the
 * type is application/octet-stream. Over MAX_SPREADSHEET_BYTES answers 413.
 */
export async function readSpreadsheetUpload(
  request: Request,
  format?: SpreadsheetFormat,
): Promise<{ format: SpreadsheetFormat; content: Buffer }> {
  const type = (request.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const resolved = format ?? FORMAT_OF_TYPE[type];
  if (!resolved) {
    throw validationFailed([
      {
        field: 'Content-Type',
        problems: [
          `send the file as the body with Content-Type ${SpreadsheetContentTypes.csv} or ${SpreadsheetContentTypes.xlsx} (or ?format=csv|xlsx)`,
        ],
      },
    ]);
  }
  // A body another parser already read (JSON, say) cannot be read again.
  if (request.readableEnded) {
    throw validationFailed([
      {
        field: 'Content-Type',
        problems: [
          `send the file itself with Content-Type ${SpreadsheetContentTypes.csv} or ${SpreadsheetContentTypes.xlsx}`,
        ],
      },
    ]);
  }
  const content = await readBody(request, MAX_SPREADSHEET_BYTES);
  if (content.length === 0)
    throw validationFailed([{ field: 'body', problems: ['the request body is empty: send the file as the body'] }]);
  return { format: resolved, content };
}

function readBody(request: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off('data', onData);
        request.resume();
        reject(new PayloadTooLargeException(`The file is larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

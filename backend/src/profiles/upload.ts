import { parse } from 'csv-parse/sync';
import type { Request, Response } from 'express';
import multer from 'multer';
import readXlsxFile from 'read-excel-file/node';
import { AppError } from '../http/errors';
import { checkHeader, fileProblem, type PublicDataSource, type SourceRow } from './public-data';

/** Extracts are a few thousand rows at most: 5 MB is ample, and bounds what a request holds in memory. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const takeOneFile = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1024 },
}).single('file');

/** Reads a multipart body (one file in `file`, text fields into `req.body`); too large is a 413. */
export function receiveFile(req: Request, res: Response): Promise<Express.Multer.File> {
  return new Promise((resolve, reject) => {
    takeOneFile(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        reject(
          err.code === 'LIMIT_FILE_SIZE'
            ? new AppError('PAYLOAD_TOO_LARGE')
            : new AppError('VALIDATION_FAILED', [{ path: err.field ?? 'file', message: 'import.fileRequired' }]),
        );
      } else if (err) reject(err);
      else if (!req.file) reject(new AppError('VALIDATION_FAILED', [{ path: 'file', message: 'import.fileRequired' }]));
      else resolve(req.file);
    });
  });
}

/** An XLSX file is a ZIP archive: it starts with the local file header's signature. */
const isZip = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;

/** A cell as text: XLSX dates (read as UTC midnights) as their day, numbers and booleans as written. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

async function tableOf(bytes: Buffer): Promise<string[][]> {
  if (isZip(bytes)) {
    try {
      const [first] = await readXlsxFile(bytes);
      return (first?.data ?? []).map((row) => row.map(cellText));
    } catch {
      throw fileProblem('import.notSpreadsheet');
    }
  }
  try {
    // CSV must be UTF-8 (with or without Excel's BOM): a GBK file would otherwise be read as garbage.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return parse(text, { relax_column_count: true }) as string[][];
  } catch {
    throw fileProblem('import.notSpreadsheet');
  }
}

/** An uploaded CSV or XLSX extract (its first sheet): the header row names the columns. */
export function uploadedFile(file: Express.Multer.File, name: string): PublicDataSource {
  return {
    name,
    // multer reads the name as Latin-1; browsers send UTF-8 (a Chinese file name).
    fileName: Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 200),
    async rows(): Promise<SourceRow[]> {
      const [header, ...data] = await tableOf(file.buffer);
      if (!header) return [];
      const columns = checkHeader(header);
      return data
        .map((cells, i) => ({
          // As a spreadsheet numbers it: the header is row 1.
          row: i + 2,
          cells: Object.fromEntries(columns.map((column, c) => [column, cellText(cells[c])])),
        }))
        .filter(({ cells }) => Object.values(cells).some((text) => text.trim() !== ''));
    },
  };
}

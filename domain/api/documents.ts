import { z } from 'zod';
import { Code } from '../catalogue/catalogue';
import { Line } from './text';
import { application, Base64, call, FileName, Id, MAX_DOCUMENT_BYTES } from './call';
import { ApplicationDetail } from './applications';
import { VerificationReport } from './pki';

/** The most one `documents.read` returns: PDF.js asks for 64 KiB chunks, several at a time. */
export const MAX_READ_BYTES = 1024 * 1024;

/** An application's documents: attached files, paper presented, their content and text, and checking a signed PDF. */
export const documentCalls = {
  'documents.attach': call({
    args: z
      .object({
        applicationId: Id,
        slotCode: Code,
        fileName: FileName,
        contentBase64: Base64(MAX_DOCUMENT_BYTES),
      })
      .strict(),
    result: ApplicationDetail,
    access: ['clerk'],
    target: application('applicationId', 'change'),
  }),
  'documents.remove': call({ args: z.object({ documentId: Id }).strict(), result: ApplicationDetail, access: ['clerk'], target: { kind: 'document', arg: 'documentId', use: 'change' } }),
  'documents.setPaperPresented': call({
    args: z.object({ applicationId: Id, slotCode: Code, presented: z.boolean() }).strict(),
    result: ApplicationDetail,
    access: ['clerk'],
    target: application('applicationId', 'change'),
  }),
  /** Full-text search over the recognised text of every document; words are matched by prefix. */
  'documents.search': call({
    args: z.object({ query: Line(200, 2), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    result: z.object({
      hits: z.array(
        z.object({ documentId: Id, applicationId: Id, journalNumber: z.string().nullable(), applicantName: z.string(), slotCode: z.string(), fileName: z.string(), snippet: z.string() }),
      ),
    }),
    access: ['clerk', 'executor', 'head'],
  }),
  'documents.content': call({
    args: z.object({ documentId: Id }).strict(),
    result: z.object({ fileName: z.string(), mime: z.string(), contentBase64: z.string() }),
    access: 'signed-in',
    target: { kind: 'document', arg: 'documentId', use: 'read' },
  }),
  /** A stretch of a document's bytes: the viewer fetches only the parts of a long PDF the shown page needs. */
  'documents.read': call({
    args: z.object({ documentId: Id, offset: z.number().int().min(0), length: z.number().int().min(1).max(MAX_READ_BYTES) }).strict(),
    result: z.object({ size: z.number().int(), contentBase64: z.string() }),
    access: 'signed-in',
    target: { kind: 'document', arg: 'documentId', use: 'read' },
  }),
  /** What OCR read on one page, and the IINs/BINs in it; `wholeDocument` when the text was kept undivided (read before pages were told apart). */
  'documents.pageText': call({
    args: z.object({ documentId: Id, page: z.number().int().min(1).max(100_000) }).strict(),
    result: z.object({ status: z.enum(['queued', 'done', 'failed', 'none']), text: z.string(), identifiers: z.array(z.string()), wholeDocument: z.boolean() }),
    access: 'signed-in',
    target: { kind: 'document', arg: 'documentId', use: 'read' },
  }),
  /** A signed PDF, or a CMS file — with the data file it signs, when the signature is detached. */
  'documents.verify': call({
    args: z
      .object({
        fileName: FileName,
        contentBase64: Base64(MAX_DOCUMENT_BYTES),
        data: z.object({ fileName: FileName, contentBase64: Base64(MAX_DOCUMENT_BYTES) }).strict().optional(),
      })
      .strict(),
    result: VerificationReport,
    access: 'signed-in',
  }),
} as const;

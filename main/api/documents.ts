import type { documentCalls } from '../../domain/api/documents';
import type { CoreContext } from '../context';
import { attachDocument, documentContent, documentPageText, readDocument, removeDocument, searchDocuments, setPaperPresented } from '../services/documents';
import { verifyDocument } from '../services/verification';
import { fromBase64, signedIn, type AreaHandlers } from './caller';

export function documentHandlers(ctx: CoreContext): AreaHandlers<typeof documentCalls> {
  return {
    'documents.attach': (a, c) => attachDocument(ctx, a, signedIn(c)),
    'documents.remove': (a, c) => removeDocument(ctx, a.documentId, signedIn(c)),
    'documents.setPaperPresented': (a, c) => setPaperPresented(ctx, a, signedIn(c)),
    'documents.content': (a) => documentContent(ctx, a.documentId),
    'documents.read': (a) => readDocument(ctx, a),
    'documents.pageText': (a) => documentPageText(ctx, a),
    'documents.search': (a, c) => ({ hits: searchDocuments(ctx, a.query, a.limit, signedIn(c)) }),
    'documents.verify': (a) => verifyDocument(ctx, fromBase64(a.contentBase64), a.data ? fromBase64(a.data.contentBase64) : null),
  };
}

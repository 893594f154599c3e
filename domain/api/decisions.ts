import { z } from 'zod';
import { Paragraph } from './text';
import { application, call, Id, KeyChoice, KeyInput } from './call';
import { ApplicationDetail, LicenceDraft } from './applications';

/** The document the head looked at (decisions.preview): signing it appends the signature to exactly those bytes. */
const PreviewChoice = { previewSha256: z.string().regex(/^[0-9a-f]{64}$/).optional() };

export const PreviewKind = z.enum(['licence', 'refusal', 'consideration-refusal']);
export type PreviewKind = z.infer<typeof PreviewKind>;

/** The head's decision: a signed licence or a motivated refusal, and its PDF. */
export const decisionCalls = {
  'decisions.issueLicence': call({
    args: z.object({ applicationId: Id, ...KeyInput, ...KeyChoice, ...PreviewChoice }).strict(),
    result: ApplicationDetail,
    access: ['head'],
    target: application('applicationId', 'change'),
  }),
  'decisions.refuse': call({
    args: z.object({ applicationId: Id, reason: Paragraph(4000), ...KeyInput, ...KeyChoice, ...PreviewChoice }).strict(),
    result: ApplicationDetail,
    access: ['head'],
    target: application('applicationId', 'change'),
  }),
  /** The refusal of further consideration the executor prepared (documents incomplete), signed by the head. */
  'decisions.refuseConsideration': call({
    args: z.object({ applicationId: Id, ...KeyInput, ...KeyChoice, ...PreviewChoice }).strict(),
    result: ApplicationDetail,
    access: ['head'],
    target: application('applicationId', 'change'),
  }),
  /**
   * The decision's document exactly as it will be signed: numbered and dated now, by the head about to
   * sign. Signing with its `sha256` signs those bytes; a change since (the application, the draft, the
   * reason, the number taken, the day over, an hour gone) asks for a new look.
   */
  'decisions.preview': call({
    args: z.object({ applicationId: Id, kind: PreviewKind, reason: Paragraph(4000, 0).default('') }).strict(),
    result: z.object({ sha256: z.string(), number: z.string(), fileName: z.string(), contentBase64: z.string() }),
    access: ['head'],
    target: application('applicationId', 'read'),
  }),
  /** The executor's draft of the licence's variable fields. */
  'decisions.saveDraft': call({
    args: z.object({ applicationId: Id, draft: LicenceDraft }).strict(),
    result: ApplicationDetail,
    access: ['executor'],
    target: application('applicationId', 'change'),
  }),
  'decisions.pdf': call({
    args: z.object({ decisionId: Id }).strict(),
    result: z.object({ fileName: z.string(), contentBase64: z.string() }),
    access: 'signed-in',
    target: { kind: 'decision', arg: 'decisionId', use: 'read' },
  }),
} as const;

import { z } from 'zod';
import { Paragraph } from './text';
import { application, call, Id, KeyChoice, KeyInput } from './call';
import { ApplicationDetail } from './applications';

/** The head's decision: a signed licence or a motivated refusal, and its PDF. */
export const decisionCalls = {
  'decisions.issueLicence': call({
    args: z.object({ applicationId: Id, ...KeyInput, ...KeyChoice }).strict(),
    result: ApplicationDetail,
    access: ['head'],
    target: application('applicationId', 'change'),
  }),
  'decisions.refuse': call({
    args: z.object({ applicationId: Id, reason: Paragraph(4000), ...KeyInput, ...KeyChoice }).strict(),
    result: ApplicationDetail,
    access: ['head'],
    target: application('applicationId', 'change'),
  }),
  /** The refusal of further consideration the executor prepared (documents incomplete), signed by the head. */
  'decisions.refuseConsideration': call({
    args: z.object({ applicationId: Id, ...KeyInput, ...KeyChoice }).strict(),
    result: ApplicationDetail,
    access: ['head'],
    target: application('applicationId', 'change'),
  }),
  'decisions.pdf': call({
    args: z.object({ decisionId: Id }).strict(),
    result: z.object({ fileName: z.string(), contentBase64: z.string() }),
    access: 'signed-in',
    target: { kind: 'decision', arg: 'decisionId', use: 'read' },
  }),
} as const;

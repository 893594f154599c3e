import type { Command } from './protocol';

/**
 * The files a command names, which the registry must hold whole before it applies the command: a
 * decision's signed PDF; a registration's documents and its signed intake form. The desk uploads them
 * first by the same rule.
 */
export function filesNamed(command: Command): string[] {
  if (command.type === 'licence.issued' || command.type === 'licence.refused') return [command.payload.pdfSha256];
  if (command.type !== 'application.registered') return [];
  const { documents = [], details } = command.payload;
  return [...new Set([...documents.map((d) => d.sha256), ...(details?.formCmsSha256 ? [details.formCmsSha256] : [])])];
}

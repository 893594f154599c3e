import { z } from 'zod';

export const LANGUAGES = ['kk', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every user-facing text held as data carries both official languages. */
export const LocalizedText = z.object({ kk: z.string().min(1), ru: z.string().min(1) }).strict();
export type LocalizedText = z.infer<typeof LocalizedText>;

/** How far the clocks of the NCA's services and of an office may differ before a date is not believed. */
export const CLOCK_SKEW_MS = 5 * 60_000;

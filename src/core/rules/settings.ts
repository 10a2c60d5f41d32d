import type { RuleId, Severity } from '../model';

/** The user's severity per rule, or 'off'. */
export type RuleSettings = Partial<Record<RuleId, Severity | 'off'>>;

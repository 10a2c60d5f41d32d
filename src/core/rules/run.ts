// A one-shot check of a set of files.
import type { FileFacts, Finding } from '../model';
import { Checker } from './checker';
import type { RuleSettings } from './settings';

export type { RuleSettings } from './settings';

export function runRules(files: Iterable<FileFacts>, settings: RuleSettings = {}): readonly Finding[] {
  const checker = new Checker(settings);
  checker.update(files);
  return checker.findings();
}

/** Every rule, once. Adding a rule means one file and one line here; a test walks this list. */
import { hostNetwork } from './hostNetwork';
import { invalidPort } from './invalidPort';
import { portConflict } from './portConflict';
import { publicBind } from './publicBind';
import { publishAll } from './publishAll';
import type { Rule, RuleId } from './rule';
import { sensitivePort } from './sensitivePort';
import { unquotedPort } from './unquotedPort';

export const RULES: readonly Rule[] = [publicBind, publishAll, hostNetwork, sensitivePort, invalidPort, unquotedPort, portConflict];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === (id as RuleId));
}

import { PLAN_ROLES, type PlanRole, type TextParams } from '@vigil/shared';
import type { TFunction } from 'i18next';
import { describeError } from '../../i18n/describeError';
import type { plansZhCN } from '../../i18n/plans.zh-CN';
import type { PlanFormIssue } from './issuePaths';

type IssueKey = keyof typeof plansZhCN.plans.issue;

/**
 * A plan refusal's rule in the screen's language, without the field (it is shown next to it).
 * The plan validator's own rules (branches, cycles, fields per kind) are English sentences
 * with no code of their own; they are read back here into the plans catalogue's words, and an
 * unknown one is shown in English as the server sent it.
 */
const PLAN_RULES: readonly { key: IssueKey; pattern: RegExp; params?: (match: RegExpMatchArray) => TextParams }[] = [
  { key: 'noStep', pattern: /^no step "([^"]*)" in this plan/, params: (m) => ({ id: m[1] ?? '' }) },
  { key: 'sameStep', pattern: /^leads back to this same step/ },
  { key: 'backwards', pattern: /^leads back to the earlier step "([^"]*)"/, params: (m) => ({ id: m[1] ?? '' }) },
  { key: 'unreachable', pattern: /^no answer leads to this step/ },
  { key: 'usedBy', pattern: /^"([^"]*)" is already used by (\w+)\[(\d+)\]/, params: (m) => ({ id: m[1] ?? '', index: Number(m[3]) + 1 }) },
  { key: 'choiceOptions', pattern: /^a choice step needs at least 2 options/ },
  { key: 'optionsOnlyChoice', pattern: /^only a choice step has options/ },
  { key: 'partyNeeded', pattern: /^a call step must say who is called/ },
  { key: 'partyOnlyCall', pattern: /^only a call step has a party/ },
  { key: 'actionNeeded', pattern: /^an auto step must say what Vigil does/ },
  { key: 'actionOnlyAuto', pattern: /^only an auto step has an action/ },
  { key: 'guardsOnlyDispatch', pattern: /^only a dispatch step has a guard count/ },
  { key: 'roleNotInPlan', pattern: /^"([^"]*)" is not one of this plan's roles/, params: (m) => ({ role: m[1] ?? '' }) },
  { key: 'choiceNoNext', pattern: /^a choice step has no next/ },
  { key: 'answerNotOfKind', pattern: /^a \w+ step answers only/ },
  { key: 'warnAfterDue', pattern: /^must be at most dueAfterSec/ },
];

/** The English sentence of an issue: the validator's `message`, or the server's `detail` / the rule's own words. */
function englishOf(issue: PlanFormIssue): string | null {
  if (issue.message) return issue.message;
  return typeof issue.params.detail === 'string' ? issue.params.detail : null;
}

function roleName(role: string, t: TFunction): string {
  return (PLAN_ROLES as readonly string[]).includes(role) ? t(`plans.role.${role as PlanRole}`) : role;
}

export function planIssueText(issue: PlanFormIssue, t: TFunction): string {
  const english = englishOf(issue);
  if (english) {
    for (const rule of PLAN_RULES) {
      const match = rule.pattern.exec(english);
      if (match) {
        const params = rule.params?.(match) ?? {};
        if (typeof params.role === 'string') params.role = roleName(params.role, t);
        return t(`plans.issue.${rule.key}`, params);
      }
    }
  }
  if (issue.params.rule === 'noSuchId' && issue.params.thing === 'step') return t('plans.issue.noStep', { id: issue.params.id });
  const { field: _field, more: _more, ...rule } = issue.params;
  if (rule.rule === 'other') return english ?? t('errorText.code.validation');
  return describeError({ code: 'validation', message: english ?? '', params: rule }, t);
}

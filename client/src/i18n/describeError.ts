import { ALARM_STATES, ROLES, type CodedError, type TextParams } from '@vigil/shared';
import type { TFunction } from 'i18next';
import { textsZhCN } from './texts.zh-CN';

/**
 * Any refusal a screen shows: an `ApiError`, a socket command's `{ error, code, params }`, a
 * failure of the client's own, or anything thrown. `message` is the English sentence.
 */
interface Refusal {
  code: string;
  message: string;
  params: TextParams;
  issues: CodedError[];
}

const TEXTS = textsZhCN.errorText;
const ALARM_COMMANDS = ['acknowledge', 'hold', 'resume', 'resolve'] as const;

function isKey<T extends object>(table: T, key: unknown): key is Extract<keyof T, string> {
  return typeof key === 'string' && Object.hasOwn(table, key);
}

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

function paramsOf(value: unknown): TextParams {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
  );
}

function refusalOf(error: unknown): Refusal {
  if (typeof error === 'object' && error !== null) {
    const { code, message, error: sentence, params, issues } = error as Record<string, unknown>;
    const text = typeof message === 'string' ? message : typeof sentence === 'string' ? sentence : String(error);
    return {
      code: typeof code === 'string' ? code : 'client',
      message: text,
      params: paramsOf(params),
      issues: Array.isArray(issues) ? (issues as CodedError[]) : [],
    };
  }
  return { code: 'client', message: String(error), params: {}, issues: [] };
}

/** A field's label where the catalogue has one (`note` → 备注), else the path as sent (`features[3].properties.kind`). */
function fieldLabel(field: string, t: TFunction): string {
  return isKey(TEXTS.field, field) ? t(`errorText.field.${field}`) : field;
}

/** The params with the words in them (a kind of thing, a role) in the screen's language. */
function localized(params: TextParams, t: TFunction): TextParams {
  const words: TextParams = { ...params };
  if (isKey(TEXTS.thing, params.thing)) words.thing = t(`errorText.thing.${params.thing}`);
  if (includes(ROLES, params.role)) words.role = t(`role.${params.role}`);
  if (includes(ALARM_COMMANDS, params.command)) words.command = t(`alarms.actions.${params.command}`);
  if (includes(ALARM_STATES, params.state)) words.state = t(`alarmState.${params.state}`);
  return words;
}

function describeCoded(code: string, params: TextParams, message: string, t: TFunction): string {
  const words = localized(params, t);
  const { rule, field } = params;
  if (code === 'invalid_state') return t('errorText.code.invalid_state', words);
  if (rule === 'roleMayNot' && typeof words.role === 'string') return t('errorText.code.forbiddenRole', words);
  if (rule === 'sessionEnded') return t('errorText.code.sessionEnded');
  if (isKey(TEXTS.rule, rule)) {
    const ruleText = t(`errorText.rule.${rule}`, words);
    const text = typeof field === 'string' ? t('errorText.fieldRule', { field: fieldLabel(field, t), rule: ruleText }) : ruleText;
    return typeof params.more === 'number' && params.more > 0 ? t('errorText.more', { text, count: params.more }) : text;
  }
  if (code === 'client') return t('errorText.failed', { detail: message });
  // A rule this screen does not know: the code's sentence, with the server's English for the detail.
  if (isKey(TEXTS.code, code)) return rule === undefined ? t(`errorText.code.${code}`) : t('errorText.withDetail', { text: t(`errorText.code.${code}`), detail: message });
  // A code this screen does not know: say so in its language, with the server's English.
  return t('errorText.unknown', { detail: message });
}

/** The refusal in the screen's language; unknown codes give a generic sentence and the English detail. */
export function describeError(error: unknown, t: TFunction): string {
  const refusal = refusalOf(error);
  return describeCoded(refusal.code, refusal.params, refusal.message, t);
}

/** One line per refused field, for a refusal that names several (the site editor's list). */
export function describeErrorLines(error: unknown, t: TFunction): string[] {
  const refusal = refusalOf(error);
  if (refusal.issues.length < 2) return [describeError(error, t)];
  const sentences = refusal.message.split('; ');
  return refusal.issues.map((issue, index) => describeCoded(issue.code, paramsOf(issue.params), sentences[index] ?? refusal.message, t));
}

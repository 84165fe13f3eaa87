import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as enDictionary, translations as enTranslations } from '@zxcvbn-ts/language-en';

/**
 * The password rule, the same on the server and on the admin screen: zxcvbn's score at least
 * MIN_PASSWORD_SCORE (of 0–4), and not containing the username. Its own module (not in the
 * package index): the dictionaries are large and only the admin screen and the server load them.
 */
export const MIN_PASSWORD_SCORE = 3;

export type PasswordWarning = keyof typeof enTranslations.warnings;
export type PasswordSuggestion = keyof typeof enTranslations.suggestions;

export interface PasswordVerdict {
  ok: boolean;
  /** zxcvbn's 0–4. */
  score: number;
  /** Why, as zxcvbn's keys (the client translates them; `containsUsername` is ours). */
  warning: PasswordWarning | 'containsUsername' | null;
  suggestions: PasswordSuggestion[];
}

let factory: ZxcvbnFactory | undefined;

/** Without translations zxcvbn answers with its keys; each side words them in its own language. */
function checker(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...enDictionary },
    graphs: adjacencyGraphs,
  });
  return factory;
}

export interface PasswordOwner {
  username: string;
  displayName?: string | undefined;
}

/** Usernames shorter than this appear inside ordinary words ("op" in "copper"). */
const MIN_USERNAME_TO_MATCH = 3;

export function checkPassword(password: string, owner: PasswordOwner): PasswordVerdict {
  const inputs = [owner.username, owner.displayName].filter((value): value is string => Boolean(value));
  // zxcvbn looks at the first 256 characters (the schema allows no more).
  const result: ZxcvbnResult = checker().check(password.slice(0, 256), inputs);
  const suggestions = result.feedback.suggestions as PasswordSuggestion[];
  const username = owner.username.toLowerCase();
  if (username.length >= MIN_USERNAME_TO_MATCH && password.toLowerCase().includes(username)) {
    return { ok: false, score: Math.min(result.score, 1), warning: 'containsUsername', suggestions };
  }
  const warning = (result.feedback.warning as PasswordWarning | null) ?? null;
  return { ok: result.score >= MIN_PASSWORD_SCORE, score: result.score, warning, suggestions };
}

/** The verdict in English for an API error: `too easy to guess (This is a frequently used password.)`. */
export function passwordProblem(password: string, owner: PasswordOwner): string | null {
  const verdict = checkPassword(password, owner);
  if (verdict.ok) return null;
  if (verdict.warning === 'containsUsername') return 'must not contain the username';
  const reasons = [
    verdict.warning ? enTranslations.warnings[verdict.warning] : null,
    ...verdict.suggestions.map((key) => enTranslations.suggestions[key]),
  ].filter((text): text is string => Boolean(text));
  const reason = reasons.length > 0 ? reasons.join(' ') : `its strength is ${verdict.score} of 4, ${MIN_PASSWORD_SCORE} is needed`;
  return `too easy to guess (${reason})`;
}

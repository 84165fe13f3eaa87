import { checkPassword } from '@vigil/shared/password-strength';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const LEVELS = ['0', '1', '2', '3', '4'] as const;
const levelOf = (score: number) => LEVELS[Math.max(0, Math.min(4, Math.round(score)))] ?? '0';

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Whose password it is: the rule refuses one that contains the username. */
  username: string;
  displayName?: string;
  testId: string;
}

/** A new password with the server's own rule (zxcvbn score ≥ 3, no username) checked as it is typed. */
export function PasswordField({ label, value, onChange, username, displayName, testId }: PasswordFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const verdict = useMemo(() => (value ? checkPassword(value, { username, displayName }) : null), [value, username, displayName]);
  const hints = verdict
    ? [
        verdict.warning === 'containsUsername'
          ? t('adminUsers.strength.containsUsername')
          : verdict.warning
            ? t(`adminUsers.strength.warnings.${verdict.warning}`)
            : null,
        ...verdict.suggestions.map((key) => t(`adminUsers.strength.suggestions.${key}`)),
      ].filter((hint): hint is string => Boolean(hint))
    : [];
  return (
    <div className="admin-users-field">
      <label htmlFor={id} className="admin-users-field__label">
        {label}
      </label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        value={value}
        maxLength={256}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
      {verdict && (
        <div className={`password-strength password-strength--${verdict.ok ? 'ok' : 'weak'}`} data-testid={`${testId}-strength`} aria-live="polite">
          <meter min={0} max={4} low={2} high={3} optimum={4} value={verdict.score} aria-label={t('adminUsers.strength.label')} />
          <span className="password-strength__level">
            {verdict.ok ? '✓ ' : '✗ '}
            {t(`adminUsers.strength.levels.${levelOf(verdict.score)}`)} · {verdict.ok ? t('adminUsers.strength.ok') : t('adminUsers.strength.tooWeak')}
          </span>
          {hints.length > 0 && (
            <ul className="password-strength__hints">
              {hints.map((hint) => (
                <li key={hint}>{hint}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** True when the password passes the rule (the submit button waits for it). */
export function passwordAcceptable(password: string, username: string, displayName?: string): boolean {
  return password.length >= 10 && checkPassword(password, { username, displayName }).ok;
}

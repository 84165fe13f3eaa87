import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { BrandMark } from '../components/BrandMark';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { login } from '../features/auth/authApi';
import { homePathFor, safeNextPath } from '../features/auth/nextPath';
import { useSession } from '../features/auth/sessionStore';
import { describeError } from '../i18n/describeError';
import { ApiError } from '../lib/http';

type LoginError = { key: 'invalidCredentials' | 'required' | 'network' | 'tooMany' } | { key: 'unknown'; error: unknown };

function loginErrorOf(error: unknown): LoginError {
  if (error instanceof ApiError && error.status === 401) return { key: 'invalidCredentials' };
  if (error instanceof ApiError && error.status === 0) return { key: 'network' };
  if (error instanceof ApiError && error.status === 429) return { key: 'tooMany' };
  return { key: 'unknown', error };
}

export function LoginScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const status = useSession((session) => session.status);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<LoginError | null>(null);
  const nextParam = searchParams.get('next');
  const role = useSession((session) => session.user?.role);
  const next = nextParam ? safeNextPath(nextParam) : homePathFor(role);

  if (status === 'signedIn' && !submitting) return <Navigate to={next} replace />;

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError({ key: 'required' });
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const user = await login({ username: username.trim(), password });
      useSession.getState().signedIn(user);
      await navigate(nextParam ? next : homePathFor(user.role), { replace: true });
    } catch (caught) {
      setError(loginErrorOf(caught));
      setSubmitting(false);
    }
  };

  return (
    <main className="login-screen">
      <div className="login-screen__language">
        <LanguageSwitch />
      </div>
      <form className="login-card" onSubmit={(event) => void handleSubmit(event)} noValidate>
        <div className="login-card__brand">
          <BrandMark />
          <div>
            <p className="login-card__product">{t('app.name')}</p>
            <p className="login-card__tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <h1 className="login-card__title">{t('login.title')}</h1>
        <p className="login-card__subtitle">{t('login.subtitle')}</p>
        <label className="field">
          <span className="field__label">{t('login.username')}</span>
          <input
            name="username"
            data-testid="login-username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('login.password')}</span>
          <input
            name="password"
            type="password"
            data-testid="login-password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && (
          <p className="login-card__error" role="alert" data-testid="login-error">
            {error.key === 'unknown' ? t('login.errors.unknown', { message: describeError(error.error, t) }) : t(`login.errors.${error.key}`)}
          </p>
        )}
        <button type="submit" className="button button--primary login-card__submit" data-testid="login-submit" disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}

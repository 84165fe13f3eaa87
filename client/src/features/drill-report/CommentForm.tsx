import { MAX_DRILL_COMMENT_CHARS } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { postComment } from './useDrillReport';

/** Adds a comment to the run (during it or after); the server checks it again. */
export function CommentForm({ runId, onAdded }: { runId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || sending) return;
    setSending(true);
    setError(null);
    postComment(runId, text).then(
      () => {
        setText('');
        setSending(false);
        onAdded();
      },
      (failure: unknown) => {
        setSending(false);
        setError(t('drillReport.comments.failed', { message: describeError(failure, t) }));
      },
    );
  };

  return (
    <form className="drill-comment-form" onSubmit={handleSubmit}>
      <label htmlFor="drill-comment-text">{t('drillReport.comments.label')}</label>
      <textarea
        id="drill-comment-text"
        data-testid="drill-comment-text"
        value={text}
        maxLength={MAX_DRILL_COMMENT_CHARS}
        rows={3}
        placeholder={t('drillReport.comments.placeholder')}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button button--primary" data-testid="drill-comment-submit" disabled={sending || !text.trim()}>
        {sending ? t('drillReport.comments.sending') : t('drillReport.comments.submit')}
      </button>
      {error && (
        <p role="alert" className="drill-error">
          {error}
        </p>
      )}
    </form>
  );
}

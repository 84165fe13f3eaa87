import { useTranslation } from 'react-i18next';
import { useSiteEditor } from './editorStore';

/** The server's refusal, one line per feature and field. */
export function ErrorList() {
  const { t } = useTranslation();
  const errors = useSiteEditor((editor) => editor.errors);
  const setErrors = useSiteEditor((editor) => editor.setErrors);
  if (errors.length === 0) return null;
  return (
    <section className="site-editor-errors" role="alert" data-testid="editor-errors">
      <header>
        <strong>{t('siteEditor.errorsTitle')}</strong>
        <button type="button" className="button" onClick={() => setErrors([])}>
          {t('siteEditor.dismiss')}
        </button>
      </header>
      <ul>
        {errors.map((error) => (
          <li key={error}>
            <code>{error}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { Bilingual } from '@vigil/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A plan's text in the screen's language (plans are written in both). */
export function useBilingual(): (text: Bilingual | null | undefined) => string {
  const { i18n } = useTranslation();
  const chinese = i18n.language.startsWith('zh');
  return useCallback((text) => (text ? (chinese ? text.zh : text.en) || text.zh || text.en : ''), [chinese]);
}

import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

interface Named {
  name: string;
  nameEn: string | null;
}

/** Picks the Chinese or the English name of a site, zone, device or floor for the current language. */
export function useLocalizedName(): (entity: Named) => string {
  const { i18n } = useTranslation();
  const chinese = i18n.language.startsWith('zh');
  return useCallback((entity: Named) => (chinese ? entity.name : (entity.nameEn ?? entity.name)), [chinese]);
}

export function localizedName(entity: Named, language: string): string {
  return language.startsWith('zh') ? entity.name : (entity.nameEn ?? entity.name);
}

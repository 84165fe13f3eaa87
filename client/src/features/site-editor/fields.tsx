import type { ReactNode } from 'react';

/** A labelled form row; the label text comes from i18n. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <label className="site-editor-field" data-testid={testId}>
      <span className="site-editor-field__label">{label}</span>
      {children}
    </label>
  );
}

/** A text box's value as a number (NaN when it is not one: the server then names the field). */
export function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export const optionalText = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** Vigil's mark: a watchful eye in a shield. Decorative; the product name is always written next to it. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 40 40" aria-hidden="true">
      <path d="M20 3 L35 9 V20 C35 29 28 35 20 38 C12 35 5 29 5 20 V9 Z" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <path d="M11 21 C14 16 17 14.5 20 14.5 C23 14.5 26 16 29 21 C26 26 23 27.5 20 27.5 C17 27.5 14 26 11 21 Z" fill="currentColor" opacity="0.25" />
      <circle cx="20" cy="21" r="4" fill="currentColor" />
    </svg>
  );
}

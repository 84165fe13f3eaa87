import type { ReactNode } from 'react';

export function FullScreenMessage({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="full-screen-message" role="status">
      <p>{message}</p>
      {children}
    </div>
  );
}

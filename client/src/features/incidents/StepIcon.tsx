import type { ChecklistRowState, ClockTone } from './checklistModel';

/**
 * The shape of a step's state, so it reads without colour: ✓ done, » skipped, ▶ current,
 * ○ open, — bypassed, · not reached.
 */
export function StepStateIcon({ state }: { state: ChecklistRowState }) {
  return (
    <svg className={`step-icon step-icon--${state}`} viewBox="0 0 20 20" aria-hidden="true">
      {state === 'done' && <polyline points="3,10.5 8,15.5 17,4.5" fill="none" strokeWidth="3" />}
      {state === 'skipped' && <path d="M3 4 L9 10 L3 16 M10 4 L16 10 L10 16" fill="none" strokeWidth="2.5" />}
      {state === 'current' && <polygon points="4,2 18,10 4,18" />}
      {state === 'open' && <circle cx="10" cy="10" r="6.5" fill="none" strokeWidth="2.5" />}
      {state === 'bypassed' && <line x1="3" y1="10" x2="17" y2="10" strokeWidth="2.5" />}
      {state === 'unreached' && <circle cx="10" cy="10" r="2.5" />}
    </svg>
  );
}

/** The clock's shape: a clock face while in time, a triangle from the warning time, an octagon with a bar once overdue. */
export function ClockIcon({ tone }: { tone: ClockTone }) {
  return (
    <svg className={`clock-icon clock-icon--${tone}`} viewBox="0 0 20 20" aria-hidden="true">
      {(tone === 'ok' || tone === 'done' || tone === 'skipped') && (
        <>
          <circle cx="10" cy="10" r="8" fill="none" strokeWidth="2" />
          <polyline points="10,5 10,10 14,12" fill="none" strokeWidth="2" />
        </>
      )}
      {tone === 'warning' && (
        <>
          <polygon points="10,1.5 19,18 1,18" />
          <rect x="9" y="7" width="2" height="6" className="clock-icon__mark" />
          <rect x="9" y="14.5" width="2" height="2" className="clock-icon__mark" />
        </>
      )}
      {(tone === 'overdue' || tone === 'late') && (
        <>
          <polygon points="6,1 14,1 19,6 19,14 14,19 6,19 1,14 1,6" />
          <rect x="5" y="9" width="10" height="2.5" className="clock-icon__mark" />
        </>
      )}
    </svg>
  );
}

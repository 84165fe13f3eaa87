import type { DispatchState } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { actionsFor, type DispatchAction } from './dispatchFlow';

/** Once accepted, declining is still there but small and last: not to be hit on the run instead of Arrived. */
const minor = (state: DispatchState, action: DispatchAction) => action === 'decline' && state !== 'sent';

/** The answers the dispatch takes now (dispatchFlow.actionsFor), the main one first and largest. */
export function ActionButtons({ state, onAction }: { state: DispatchState; onAction: (action: DispatchAction) => void }) {
  const { t } = useTranslation();
  const actions = actionsFor(state);
  if (actions.length === 0) return null;
  return (
    <div className="dispatch-actions" data-testid="dispatch-actions" data-state={state}>
      {actions.map((action, index) => (
        <button
          key={action}
          type="button"
          className={`dispatch-button dispatch-button--${action}${index === 0 ? ' dispatch-button--main' : ''}${minor(state, action) ? ' dispatch-button--minor' : ''}`}
          data-testid={`dispatch-${action}`}
          onClick={() => onAction(action)}
        >
          {t(`dispatchPhone.action.${action}`)}
        </button>
      ))}
    </div>
  );
}

import type { DispatchState } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { actionsFor, type DispatchAction } from './dispatchFlow';

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
          className={`dispatch-button dispatch-button--${action}${index === 0 ? ' dispatch-button--main' : ''}`}
          data-testid={`dispatch-${action}`}
          onClick={() => onAction(action)}
        >
          {t(`dispatchPhone.action.${action}`)}
        </button>
      ))}
    </div>
  );
}

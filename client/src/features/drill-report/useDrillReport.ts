import type { DrillComparison, DrillReport } from '@vigil/shared';
import { useCallback, useEffect, useState } from 'react';
import { requestJson } from '../../lib/http';

export type DrillReportData = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; report: DrillReport };

const runPath = (runId: string) => `/api/v1/drills/${encodeURIComponent(runId)}`;

/** A run's report, read again after each comment or facilitator step (`reload`). */
export function useDrillReport(runId: string): { data: DrillReportData; reload: () => void } {
  const [data, setData] = useState<DrillReportData>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    requestJson<{ report: DrillReport }>(`${runPath(runId)}/report`).then(
      ({ report }) => live && setData({ status: 'ready', report }),
      (error: unknown) => live && setData((now) => (now.status === 'ready' ? now : { status: 'failed', error })),
    );
    return () => {
      live = false;
    };
  }, [runId, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data, reload };
}

export type ComparisonData = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; comparison: DrillComparison };

/** The ended runs of a scenario, for the chart. */
export function useComparison(scenarioId: string, round: string): ComparisonData {
  const [data, setData] = useState<ComparisonData>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    requestJson<{ comparison: DrillComparison }>(`/api/v1/drills/scenarios/${encodeURIComponent(scenarioId)}/runs`).then(
      ({ comparison }) => live && setData({ status: 'ready', comparison }),
      (error: unknown) => live && setData({ status: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [scenarioId, round]);
  return data;
}

export const postComment = (runId: string, text: string) => requestJson(`${runPath(runId)}/comments`, { method: 'POST', body: { commandId: crypto.randomUUID(), text } });

export const postStep = (runId: string, action: 'complete' | 'skip', body: { incidentId: string; stepId: string; answer?: string; reason?: string }) =>
  requestJson(`${runPath(runId)}/plan/${action}-step`, { method: 'POST', body: { commandId: crypto.randomUUID(), ...body } });

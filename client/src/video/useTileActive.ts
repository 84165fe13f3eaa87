import { useEffect, useState, type RefObject } from 'react';

/** A tile that left the screen keeps its player this long (a scroll, a resize, a quick re-layout). */
export const OFF_SCREEN_GRACE_MS = 500;
/** A hidden tab (another window on top, a locked screen) keeps its players this long. */
export const HIDDEN_TAB_GRACE_MS = 60_000;

/** Whether the page is shown, turning false only after it has been hidden for `graceMs`. */
function usePageShown(graceMs: number): boolean {
  const [shown, setShown] = useState(() => typeof document === 'undefined' || document.visibilityState !== 'hidden');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const handleVisibility = () => {
      clearTimeout(timer);
      if (document.visibilityState === 'hidden') timer = setTimeout(() => setShown(false), graceMs);
      else setShown(true);
    };
    document.addEventListener('visibilitychange', handleVisibility);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', handleVisibility);
    };
  }, [graceMs]);
  return shown;
}

/** Whether at least half of the element is on screen, turning false only after `graceMs` away. */
function useOnScreen(ref: RefObject<Element | null>, graceMs: number): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver(
      ([entry]) => {
        clearTimeout(timer);
        if (entry && entry.isIntersecting && entry.intersectionRatio >= 0.5) setOnScreen(true);
        else timer = setTimeout(() => setOnScreen(false), graceMs);
      },
      { threshold: [0, 0.5] },
    );
    observer.observe(element);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [ref, graceMs]);
  return onScreen;
}

/** Whether a tile should be playing: on screen, in a tab someone can see. */
export function useTileActive(ref: RefObject<Element | null>): boolean {
  const onScreen = useOnScreen(ref, OFF_SCREEN_GRACE_MS);
  const shown = usePageShown(HIDDEN_TAB_GRACE_MS);
  return onScreen && shown;
}

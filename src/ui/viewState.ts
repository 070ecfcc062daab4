import type { AppState } from './urlState';

/**
 * The state a view is given, from the one it was given last time. On screen: the live state. Off
 * screen: the live state but with the last t it showed, and the very same object when nothing but
 * t changed, so a memo'd view skips the render. Only t is held: it is the one field that changes
 * on every slider step (and every presentation key), while a change to any other field comes from a
 * click, which must show at once even on a control the user reached without scrolling (a screen
 * reader's virtual cursor does that).
 */
export function viewState(previous: AppState, live: AppState, onScreen: boolean): AppState {
  if (onScreen || previous === live) return live;
  return sameButT(previous, live) ? previous : { ...live, t: previous.t };
}

function sameButT(a: AppState, b: AppState): boolean {
  for (const key of Object.keys(b) as (keyof AppState)[]) {
    if (key !== 't' && a[key] !== b[key]) return false;
  }
  return true;
}

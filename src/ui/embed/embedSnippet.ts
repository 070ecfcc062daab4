/**
 * The `<iframe>` snippet of "copy embed code": the page's own address (so it works wherever the app
 * is hosted) with the current state and `embed=VIEW` in the hash. Pure, unit-tested.
 */
import { formatHash, type AppState, type EmbedView } from '../urlState';

/** A frame height that shows the view without an inner scroll bar at a 700–1000 px wide frame. */
const FRAME_HEIGHT: Record<Exclude<EmbedView, 'off'>, number> = {
  explorer: 1100,
  lab: 1300,
  sampler: 1000,
  lesson: 1150,
};

/** `page`: the page's address without its hash (location.href up to '#'). */
export function embedUrl(page: string, state: AppState, view: Exclude<EmbedView, 'off'>): string {
  const base = page.split('#')[0];
  const lesson = view === 'lesson' ? Math.max(1, state.lesson) : 0;
  return base + formatHash({ ...state, embed: view, lesson, present: 'off' });
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function embedSnippet(page: string, state: AppState, view: Exclude<EmbedView, 'off'>, title: string): string {
  return (
    `<iframe src="${escapeAttribute(embedUrl(page, state, view))}" title="${escapeAttribute(title)}"` +
    ` width="100%" height="${FRAME_HEIGHT[view]}" style="border: 0; max-width: 100%;" loading="lazy"` +
    // The lab's "copy code" and the embed's own copy button write to the clipboard from the frame.
    ` allow="clipboard-write"></iframe>`
  );
}

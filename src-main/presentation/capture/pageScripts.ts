/**
 * The code run inside the player page, as source text: the page is not ours, so nothing of
 * Régie's is bundled into it, and text keeps the bundler's helpers out of the serialised function.
 */

/**
 * bbb-playback moves to a time when `document` receives this CustomEvent with `detail.time` in
 * seconds: its hooks listen on `document` (src/components/utils/hooks/index.js) and its webcams
 * player dispatches it while playing (src/components/webcams/index.js, EVENTS.TIME_UPDATE in
 * src/utils/constants.js: the prefix `bbbplayback` + `timeupdate`).
 */
export const TIME_UPDATE_EVENT = 'bbbplaybacktimeupdate';

/**
 * Controls drawn over the slide area, hidden as in the reference frames
 * (test/fixtures/bbb/player-frames/README.md): video.js's big play button and the player's
 * fullscreen button (src/components/player/buttons/fullscreen.js).
 */
export const OVERLAY_SELECTORS = '.vjs-big-play-button, .fullscreen-button';

// Inline style through the CSSOM: a page's CSP may refuse a <style> element, not this.
const HIDE = `for (const el of document.querySelectorAll(${JSON.stringify(OVERLAY_SELECTORS)}))
  el.style.setProperty('visibility', 'hidden', 'important');`;

const TWO_FRAMES = `await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));`;

// A font that never finishes loading must not stop the capture: at most 5 s.
const FONTS = `await Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, 5000))]);`;

// Pictures inside the slide area that the update swapped in: decoded before the screenshot
// (at most 10 s), so a slow slide image is never captured half-loaded.
const IMAGES = `await Promise.race([
    Promise.all([...document.querySelectorAll('#presentation img')].map((i) => (i.complete ? null : i.decode().catch(() => null)))),
    new Promise((r) => setTimeout(r, 10000)),
  ]);`;

const RECT = `const box = document.querySelector('#presentation');
  if (!box) return null;
  const r = box.getBoundingClientRect();
  return [r.x, r.y, r.width, r.height];`;

/**
 * Moves the player to `time` and returns `#presentation`'s box once two animation frames have
 * been drawn after the update (the player's React state lands in the first at the latest). Media
 * is paused first: a playing webcam video would send time updates of its own.
 */
export const stepScript = (time: number): string => `(async () => {
  for (const media of document.querySelectorAll('video, audio')) if (!media.paused) media.pause();
  ${HIDE}
  document.dispatchEvent(new CustomEvent(${JSON.stringify(TIME_UPDATE_EVENT)}, { detail: { time: ${JSON.stringify(time)} } }));
  ${FONTS}
  ${TWO_FRAMES}
  ${IMAGES}
  ${TWO_FRAMES}
  ${HIDE}
  ${RECT}
})()`;

/** Two more frames, after images the update asked for have arrived. */
export const settleScript = `(async () => {
  ${FONTS}
  ${TWO_FRAMES}
  ${HIDE}
  ${RECT}
})()`;

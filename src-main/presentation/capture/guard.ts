import type { Browser, HTTPRequest, Page } from 'puppeteer-core';

/**
 * What the page tried and was refused, and what it is still loading. The player is a web page
 * from a server we do not control: it may only fetch from its own origin, never navigate
 * elsewhere and never open a window.
 */
export interface PageGuard {
  /** Requests refused (another origin, another scheme), a few examples kept for the warning. */
  blocked: { count: number; examples: string[] };
  /** A top-level navigation refused: the URL it went to (a redirect to another server). */
  blockedNavigation: string | undefined;
  /** Popups or new tabs closed. */
  popupsClosed: number;
  /** Same-origin requests still running, media and streams excepted. */
  inFlight(): number;
  /** Resolves when inFlight() is 0, or after `timeoutMs`; says which. */
  idle(timeoutMs: number): Promise<boolean>;
}

// A webcam video or an event stream may stay open for the whole session: never "idle".
const LONG_LIVED = new Set(['media', 'websocket', 'eventsource', 'manifest', 'ping']);
const EXAMPLES = 5;

const isAllowed = (url: string, origin: string): boolean => {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
};

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url.slice(0, 80);
  }
};

export async function guardPage(browser: Browser, page: Page, origin: string): Promise<PageGuard> {
  const pending = new Set<HTTPRequest>();
  let waiters: (() => void)[] = [];
  const settle = (request: HTTPRequest) => {
    if (!pending.delete(request) || pending.size > 0) return;
    for (const wake of waiters) wake();
    waiters = [];
  };

  const guard: PageGuard = {
    blocked: { count: 0, examples: [] },
    blockedNavigation: undefined,
    popupsClosed: 0,
    inFlight: () => pending.size,
    idle: (timeoutMs) =>
      pending.size === 0
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), timeoutMs);
            waiters.push(() => {
              clearTimeout(timer);
              resolve(true);
            });
          }),
  };

  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (isAllowed(url, origin)) {
      if (!LONG_LIVED.has(request.resourceType())) pending.add(request);
      void request.continue().catch(() => settle(request));
      return;
    }
    guard.blocked.count += 1;
    const example = originOf(url);
    if (guard.blocked.examples.length < EXAMPLES && !guard.blocked.examples.includes(example))
      guard.blocked.examples.push(example);
    if (request.isNavigationRequest() && request.frame() === page.mainFrame())
      guard.blockedNavigation = url;
    // The page was closed meanwhile: nothing left to refuse.
    void request.abort('blockedbyclient').catch(() => undefined);
  });
  page.on('requestfinished', settle);
  page.on('requestfailed', settle);

  // window.open is refused in the page; anything that still opens a target is closed at once.
  await page.evaluateOnNewDocument('window.open = () => null;');
  browser.on('targetcreated', (target) => {
    if (target.opener() === undefined) return;
    guard.popupsClosed += 1;
    void target
      .page()
      .then((popup) => popup?.close())
      // Already gone: that is what we wanted.
      .catch(() => undefined);
  });
  return guard;
}

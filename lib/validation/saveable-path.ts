// Which paths a saved view may hold. Kept free of zod: the "Save view" form (a client component on
// every page) asks it too, and importing the schemas would put zod in every page's JavaScript.

// NOTE: a saved view reopens by redirecting to path + query, so the path must be one of ours: an
// absolute path on this site ("/", "/entities"), never "//host" or a URL, never an API or account page.
const SAVEABLE_PATH = /^\/(?:[a-z0-9-]+(?:\/[A-Za-z0-9_-]+)*)?$/;
const NOT_SAVEABLE = /^\/(?:api|views|account|login|admin)(?:\/|$)/;

export function isSaveablePath(path: string): boolean {
  return SAVEABLE_PATH.test(path) && !NOT_SAVEABLE.test(path);
}

import { type ComponentType, isValidElement, lazy, type ReactNode } from 'react';

type Loader<P> = () => Promise<ComponentType<P>>;

const LOADERS = new WeakMap<object, () => Promise<unknown>>();

/**
 * A page fetched as its own chunk the first time it is shown: the first script holds the layout,
 * the login page and the session, and each role downloads only the pages it opens.
 */
export function lazyPage<P extends object>(load: Loader<P>): ComponentType<P> {
  // one fetch, whether the preload or the first render asks first
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const once = () => (loading ??= load().then((page) => ({ default: page })));
  const component = lazy(once);
  LOADERS.set(component, once);
  return component as unknown as ComponentType<P>;
}

/**
 * Starts fetching the chunk of a page's element, if it is a lazy page. Called for the route the
 * application opens on, so that its chunk arrives while `me` is asked, instead of after it (the
 * guard renders the page only once the session is known).
 */
export function preloadPage(element: ReactNode): void {
  if (!isValidElement(element)) return;
  const load = LOADERS.get(element.type as object);
  if (load) void load();
}

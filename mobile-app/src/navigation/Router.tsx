import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Platform } from 'react-native';

import { pathOf, routeFromPath, type Route } from './routes';

interface RouterValue {
  route: Route;
  navigate: (route: Route) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

function webPath(): string | null {
  return Platform.OS === 'web' && typeof window !== 'undefined' ? window.location.pathname : null;
}

/** Screens by route; on the web the route is the address bar's path, so links, reloads and back work. */
export function RouterProvider({ children, initial }: { children: ReactNode; initial?: Route }) {
  const [route, setRoute] = useState<Route>(() => {
    const path = webPath();
    return initial ?? (path ? routeFromPath(path) : { name: 'home' });
  });

  useEffect(() => {
    if (webPath() === null) {
      return undefined;
    }
    const onPop = () => setRoute(routeFromPath(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((next: Route) => {
    const path = webPath();
    if (path !== null && path !== pathOf(next)) {
      window.history.pushState(null, '', pathOf(next));
    }
    setRoute(next);
  }, []);

  const value = useMemo(() => ({ route, navigate }), [route, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) {
    throw new Error('useRouter outside RouterProvider');
  }
  return value;
}

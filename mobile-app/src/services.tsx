import AsyncStorage from '@react-native-async-storage/async-storage';
import Constants from 'expo-constants';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Platform } from 'react-native';

import { Api } from './api/client';
import { secureTokenStore } from './auth/tokenStore';
import { Outbox, type OutboxState } from './outbox/outbox';
import { Live, type LiveStatus } from './realtime/live';

/** What every screen reaches the server through: HTTP, the command outbox and the live updates. */
export interface Services {
  api: Api;
  outbox: Outbox;
  live: Live;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) {
    throw new Error('useServices outside ServicesProvider');
  }
  return services;
}

export function useOutbox(): OutboxState {
  const { outbox } = useServices();
  const [state, setState] = useState(outbox.current);
  useEffect(() => outbox.subscribe(setState), [outbox]);
  return state;
}

export function useLiveStatus(): LiveStatus {
  const { live } = useServices();
  const [status, setStatus] = useState(live.currentStatus);
  useEffect(() => live.onStatus(setStatus), [live]);
  return status;
}

/** On the web the app is served by the gateway itself, so it talks to the origin it came from. */
function serverUrls(): { http: string; ws: string } {
  if (Platform.OS === 'web' && typeof window !== 'undefined' && window.location?.host) {
    const secure = window.location.protocol === 'https:';
    return { http: '', ws: `${secure ? 'wss' : 'ws'}://${window.location.host}/ws` };
  }
  const configured = (Constants.expoConfig?.extra as { apiUrl?: string } | undefined)?.apiUrl;
  const http = (configured ?? 'http://localhost:8080').replace(/\/$/, '');
  return { http, ws: http.replace(/^http/, 'ws') + '/ws' };
}

export function createServices(): Services {
  const urls = serverUrls();
  const api = new Api(urls.http, secureTokenStore);
  const outbox = new Outbox(api, AsyncStorage);
  const live = new Live({ url: urls.ws, accessToken: () => api.freshAccessToken() });
  return { api, outbox, live };
}

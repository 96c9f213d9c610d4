import { StatusBar } from 'expo-status-bar';
import { useEffect, useMemo, useState } from 'react';
import { ActivityIndicator, StyleSheet, View } from 'react-native';

import type { User } from './api/types';
import { RouterProvider, useRouter } from './navigation/Router';
import { resolve, type Route } from './navigation/routes';
import { AuditFeedScreen } from './screens/auditor/AuditFeedScreen';
import { AuditStreamScreen } from './screens/auditor/AuditStreamScreen';
import { KitchenScreen } from './screens/kitchen/KitchenScreen';
import { ManagerHome } from './screens/manager/ManagerHome';
import { MenuEditor } from './screens/manager/MenuEditor';
import { ReportsScreen } from './screens/manager/ReportsScreen';
import { SettingsScreen } from './screens/manager/SettingsScreen';
import { TablesEditor } from './screens/manager/TablesEditor';
import { UsersScreen } from './screens/manager/UsersScreen';
import { NotAllowedScreen } from './screens/NotAllowedScreen';
import { Shell } from './screens/Shell';
import { SignInScreen } from './screens/SignInScreen';
import { FloorScreen } from './screens/staff/FloorScreen';
import { TableScreen } from './screens/staff/TableScreen';
import { createServices, ServicesProvider, useServices, type Services } from './services';

export default function App({ services, initialRoute }: { services?: Services; initialRoute?: Route }) {
  const held = useMemo(() => services ?? createServices(), [services]);
  return (
    <ServicesProvider services={held}>
      <RouterProvider initial={initialRoute}>
        <StatusBar style="dark" />
        <Session />
      </RouterProvider>
    </ServicesProvider>
  );
}

function Session() {
  const { api, live, outbox } = useServices();
  const [user, setUser] = useState<User | null>(null);
  const [restored, setRestored] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const unsubscribe = api.onSignedOut((message) => {
      setUser(null);
      setNotice(message);
    });
    api
      .restore()
      .then(setUser)
      .finally(() => setRestored(true));
    void outbox.load();
    return unsubscribe;
  }, [api, outbox]);

  useEffect(() => {
    if (!user) {
      return undefined;
    }
    live.start();
    return () => {
      void live.stop();
    };
  }, [user, live]);

  if (!restored) {
    return (
      <View style={styles.centre}>
        <ActivityIndicator accessibilityLabel="Loading" />
      </View>
    );
  }
  if (!user) {
    return (
      <SignInScreen
        notice={notice}
        onSignedIn={(signedIn) => {
          setNotice(null);
          setUser(signedIn);
        }}
      />
    );
  }
  return (
    <Shell
      user={user}
      onSignOut={async () => {
        await api.signOut();
        setUser(null);
      }}
    >
      <Screen user={user} />
    </Shell>
  );
}

function Screen({ user }: { user: User }) {
  const { route } = useRouter();
  const shown = resolve(route, user.role);
  switch (shown.name) {
    case 'floor':
      return <FloorScreen />;
    case 'table':
      return <TableScreen key={shown.tableId} tableId={shown.tableId} knownOrderId={shown.orderId} />;
    case 'kitchen':
      return <KitchenScreen />;
    case 'manager':
      return <ManagerHome />;
    case 'reports':
      return <ReportsScreen />;
    case 'menu-editor':
      return <MenuEditor />;
    case 'tables-editor':
      return <TablesEditor />;
    case 'settings':
      return <SettingsScreen />;
    case 'users':
      return <UsersScreen />;
    case 'auditor':
      return <AuditFeedScreen />;
    case 'audit-stream':
      return <AuditStreamScreen key={shown.aggregateId} service={shown.service} aggregateId={shown.aggregateId} />;
    case 'not-allowed':
      return <NotAllowedScreen path={shown.path} role={user.role} />;
    default:
      return <ManagerHome />;
  }
}

const styles = StyleSheet.create({
  centre: { flex: 1, alignItems: 'center', justifyContent: 'center' },
});

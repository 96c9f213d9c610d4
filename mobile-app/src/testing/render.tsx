import { render } from '@testing-library/react-native';
import type { ReactElement } from 'react';
import { Text } from 'react-native';

import { RouterProvider, useRouter } from '../navigation/Router';
import { pathOf, type Route } from '../navigation/routes';
import { ServicesProvider, type Services } from '../services';

function RouteProbe() {
  const { route } = useRouter();
  return <Text testID="route">{pathOf(route)}</Text>;
}

export function renderScreen(ui: ReactElement, services: Services, initial?: Route) {
  return render(
    <ServicesProvider services={services}>
      <RouterProvider initial={initial}>
        {ui}
        <RouteProbe />
      </RouterProvider>
    </ServicesProvider>,
  );
}

import { fireEvent, screen } from '@testing-library/react-native';

import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { AuditorHome } from '../auditor/AuditorHome';
import { ManagerHome } from './ManagerHome';

describe('ManagerHome', () => {
  it('leads to the floor and the kitchen, and keeps a place for the back office', () => {
    renderScreen(<ManagerHome />, fakeServices(new FakeServer(), 'MANAGER').services);

    expect(screen.getByTestId('manager-placeholder')).toBeTruthy();
    fireEvent.press(screen.getByTestId('manager-kitchen'));
    expect(screen.getByTestId('route')).toHaveTextContent('/kitchen');
    fireEvent.press(screen.getByTestId('manager-floor'));
    expect(screen.getByTestId('route')).toHaveTextContent('/floor');
  });
});

describe('AuditorHome', () => {
  it('tells the auditor where their screens stand', () => {
    renderScreen(<AuditorHome />, fakeServices(new FakeServer(), 'AUDITOR').services);

    expect(screen.getByTestId('auditor-home')).toHaveTextContent(/audit/i);
  });
});

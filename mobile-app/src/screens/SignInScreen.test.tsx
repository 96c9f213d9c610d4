import { fireEvent, screen } from '@testing-library/react-native';

import { FakeServer, fakeServices } from '../testing/fakes';
import { renderScreen } from '../testing/render';
import { SignInScreen } from './SignInScreen';

describe('SignInScreen', () => {
  it('says plainly when the username or password is wrong', async () => {
    const server = new FakeServer().on('POST', '/api/v1/auth/login', {
      status: 401,
      body: { title: 'Unauthorized', detail: 'Bad credentials' },
    });
    const onSignedIn = jest.fn();
    renderScreen(<SignInScreen notice={null} onSignedIn={onSignedIn} />, fakeServices(server, null).services);

    fireEvent.changeText(screen.getByLabelText('Username'), 'waiter');
    fireEvent.changeText(screen.getByLabelText('Password'), 'wrong-password');
    fireEvent.press(screen.getByTestId('sign-in-submit'));

    expect(await screen.findByTestId('sign-in-error')).toHaveTextContent('Wrong username or password.');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('says so when the server cannot be reached', async () => {
    const server = new FakeServer().on('POST', '/api/v1/auth/login', 'network-down');
    renderScreen(<SignInScreen notice={null} onSignedIn={jest.fn()} />, fakeServices(server, null).services);

    fireEvent.changeText(screen.getByLabelText('Username'), 'waiter');
    fireEvent.changeText(screen.getByLabelText('Password'), 'brigade-waiter-2026');
    fireEvent.press(screen.getByTestId('sign-in-submit'));

    expect(await screen.findByTestId('sign-in-error')).toHaveTextContent(/cannot be reached/);
  });
});

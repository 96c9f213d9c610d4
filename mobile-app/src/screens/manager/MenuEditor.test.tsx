import { fireEvent, screen, waitFor } from '@testing-library/react-native';

import { MENU } from '../../testing/demo';
import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { itemBody, MenuEditor } from './MenuEditor';

function menuServer() {
  return new FakeServer()
    .on('GET', '/api/v1/menu', { status: 200, body: MENU })
    .on('POST', '/api/v1/menu/items', { status: 201, body: {} })
    .on('PUT', /\/api\/v1\/menu\/items\//, { status: 200, body: {} })
    .on('POST', /\/availability$/, { status: 200, body: {} })
    .on('DELETE', /\/api\/v1\/menu\/items\//, { status: 204 })
    .on('POST', '/api/v1/menu/categories', { status: 201, body: {} });
}

describe('MenuEditor', () => {
  it('adds an item with its station, allergens and priced modifiers', async () => {
    const server = menuServer();
    renderScreen(<MenuEditor />, fakeServices(server, 'MANAGER').services);
    fireEvent.press(await screen.findByTestId('item-new'));

    fireEvent.press(screen.getByTestId('item-category-Sides'));
    fireEvent.changeText(screen.getByTestId('item-name'), 'Truffle fries');
    fireEvent.changeText(screen.getByTestId('item-price'), '7,5');
    fireEvent.changeText(screen.getByTestId('item-station'), 'fryer');
    fireEvent.changeText(screen.getByTestId('item-allergens'), 'milk, , truffle');
    fireEvent.changeText(screen.getByTestId('item-modifiers'), 'Parmesan 1.50\nNo salt');
    fireEvent.press(screen.getByTestId('item-save'));

    await waitFor(() => expect(server.sent('POST', '/api/v1/menu/items')).toHaveLength(1));
    expect(server.sent('POST', '/api/v1/menu/items')[0].body).toEqual({
      categoryId: 'c3',
      name: 'Truffle fries',
      priceCents: 750,
      station: 'fryer',
      allergens: ['milk', 'truffle'],
      modifiers: [
        { name: 'Parmesan', priceCents: 150 },
        { name: 'No salt', priceCents: 0 },
      ],
    });
    expect(await screen.findByTestId('menu-message')).toHaveTextContent('Truffle fries saved.');
  });

  it("edits an item, 86's one and retires one", async () => {
    const server = menuServer();
    renderScreen(<MenuEditor />, fakeServices(server, 'MANAGER').services);
    fireEvent.press(await screen.findByTestId('edit-Ribeye steak 300g'));
    fireEvent.changeText(screen.getByTestId('item-price'), '34.00');
    fireEvent.press(screen.getByTestId('item-save'));
    await waitFor(() => expect(server.sent('PUT', '/api/v1/menu/items/ribeye')).toHaveLength(1));
    expect(server.sent('PUT', '/api/v1/menu/items/ribeye')[0].body).toMatchObject({
      priceCents: 3400,
      station: 'grill',
      allergens: ['milk'],
      modifiers: [{ name: 'Béarnaise', priceCents: 0 }],
    });

    fireEvent.press(screen.getByTestId('availability-Ribeye steak 300g'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/menu/items/ribeye/availability')[0].body).toEqual({ available: false }));
    fireEvent.press(screen.getByTestId('availability-Grilled sea bass'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/menu/items/bass/availability')[0].body).toEqual({ available: true }));
    fireEvent.press(screen.getByTestId('retire-Fries'));
    await waitFor(() => expect(server.sent('DELETE', '/api/v1/menu/items/fries')).toHaveLength(1));
  });

  it('adds a category, and says what is missing from an item instead of sending it', async () => {
    const server = menuServer();
    renderScreen(<MenuEditor />, fakeServices(server, 'MANAGER').services);
    fireEvent.changeText(await screen.findByTestId('category-name'), 'Brunch');
    fireEvent.press(screen.getByTestId('category-add'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/menu/categories')[0].body).toEqual({ name: 'Brunch', position: 3 }));

    fireEvent.press(screen.getByTestId('item-new'));
    fireEvent.changeText(screen.getByTestId('item-name'), 'Eggs');
    fireEvent.changeText(screen.getByTestId('item-price'), 'cheap');
    fireEvent.press(screen.getByTestId('item-save'));
    expect(await screen.findByTestId('menu-message')).toHaveTextContent('The price is an amount such as 12.50.');
    expect(server.sent('POST', '/api/v1/menu/items')).toHaveLength(0);
    expect(itemBody({ id: null, categoryId: 'c', name: 'x', description: '', price: '1', station: ' ', allergens: '', modifiers: '' })).toEqual({
      problem: 'Name the station that cooks it (grill, fryer, cold, bar, pastry…).',
    });
  });
});

/**
 * The store's suite on PostgreSQL, on the server FRAMELENS_TEST_POSTGRES_URL
 * names, each test in a schema of its own. jest.config.js leaves this file
 * out, with a notice, only outside CI when no server is named; with CI=true
 * a missing server fails it.
 */
import { openStore } from '../../src/store';
import { freshPostgres, testPostgresUrl } from '../helpers/databases';
import { describeStore } from './store-contract';

describeStore('postgres', () => freshPostgres('store'));

describe('Store on postgres, opening', () => {
  it('names the server that cannot be reached', async () => {
    const url = new URL(testPostgresUrl());
    url.port = '1';
    await expect(openStore(url.toString())).rejects.toThrow(
      /^framelens store: cannot open the PostgreSQL database: .*ECONNREFUSED/,
    );
  });
});

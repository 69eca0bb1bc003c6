import Database from 'better-sqlite3';
import { newId, openStore, titleFromFolder } from '../../src/store';
import { freshSqlite } from '../helpers/databases';
import { describeStore } from './store-contract';

describeStore('sqlite', freshSqlite);

describe('Store on sqlite, its own file', () => {
  it('runs in WAL mode', async () => {
    const database = await freshSqlite();
    const store = await openStore(database.location);
    await store.close();
    const file = new Database(database.location, { readonly: true });
    expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
    file.close();
    await database.drop();
  });
});

describe('newId', () => {
  it('makes random, unguessable ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});

describe('titleFromFolder', () => {
  it('titles a comparison from its folder name', () => {
    expect(titleFromFolder('2021-04-ukraine-contacts')).toEqual({
      title: 'Ukraine contacts',
      eventDate: '2021-04',
    });
    expect(titleFromFolder('misc_articles')).toEqual({ title: 'Misc articles', eventDate: null });
  });
});

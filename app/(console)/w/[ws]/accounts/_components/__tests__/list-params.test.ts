import { describe, expect, it } from 'vitest';
import { listSearch, readListParams } from '../list-params';

const read = (qs: string) => readListParams(new URLSearchParams(qs));

describe('the list state in the URL', () => {
  it('reads provider, page and page size', () => {
    expect(read('provider=whatsapp&page=3&pageSize=50')).toEqual({ provider: 'whatsapp', page: 3, pageSize: 50 });
  });

  it('falls back to page 1 of 20 for anything unreadable', () => {
    expect(read('provider=fax&page=abc&pageSize=7')).toEqual({ page: 1, pageSize: 20 });
    expect(read('page=0&pageSize=1000')).toEqual({ page: 1, pageSize: 20 });
    expect(read('page=2.5')).toEqual({ page: 1, pageSize: 20 });
  });

  it('writes short links that read back the same', () => {
    expect(listSearch({ page: 1, pageSize: 20 })).toBe('');
    const p = { provider: 'viber_service_msg' as const, page: 4, pageSize: 100 };
    expect(listSearch(p)).toBe('?provider=viber_service_msg&page=4&pageSize=100');
    expect(read(listSearch(p).slice(1))).toEqual(p);
  });
});

import { describe, expect, it } from 'vitest'

import { catalogStudioTag, readInvalidation } from '@/catalog/invalidate'

describe('the catalog invalidation message between nodes', () => {
  it('names its sender and the studios; null, a bare node id or anything unreadable is a full purge', () => {
    expect(readInvalidation('{"node":"n1","studios":[3,7]}')).toEqual({ sender: 'n1', studios: [3, 7] })
    expect(readInvalidation('{"node":"n1","studios":null}')).toEqual({ sender: 'n1', studios: undefined })
    expect(readInvalidation('{"node":"n1","studios":[]}')).toEqual({ sender: 'n1', studios: undefined })
    expect(readInvalidation('{"node":"n1","studios":["3"]}')).toEqual({ sender: 'n1', studios: undefined })
    // A node from before per-studio invalidation sends its bare id.
    expect(readInvalidation('6f1c0d2e-node')).toEqual({ sender: '6f1c0d2e-node', studios: undefined })
    expect(readInvalidation('null')).toEqual({ sender: 'null', studios: undefined })
  })

  it("tags a studio's pages with a tag of its own", () => {
    expect(catalogStudioTag(12)).toBe('catalog:studio:12')
  })
})

import { describe, expect, it } from 'vitest'
import { ClaimStore, tabStorage } from './claim-store.ts'

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    items,
  }
}

describe('ClaimStore (resume after a reload)', () => {
  it('keeps the claim per link and updates the language', () => {
    const storage = memoryStorage()
    const store = new ClaimStore(storage)
    store.write('tok-a', { claim: 'secret-a' })
    store.update('tok-a', { language: 'ka' })
    expect(new ClaimStore(storage).read('tok-a')).toEqual({ claim: 'secret-a', language: 'ka' })
    expect(store.read('tok-b')).toBeUndefined()
    store.forget('tok-a')
    expect(store.read('tok-a')).toBeUndefined()
  })

  it('treats corrupt entries and failing storage as nothing stored', () => {
    const storage = memoryStorage()
    storage.items.set('veriflow.runner.tok', '{oops')
    expect(new ClaimStore(storage).read('tok')).toBeUndefined()
    const failing = {
      getItem: () => {
        throw new Error('blocked')
      },
      setItem: () => {
        throw new Error('blocked')
      },
      removeItem: () => undefined,
    }
    const store = new ClaimStore(failing)
    expect(() => store.write('t', { claim: 'c' })).not.toThrow()
    expect(store.read('t')).toBeUndefined()
  })
})

describe('tabStorage', () => {
  it('falls back to page memory when sessionStorage is refused', () => {
    const refusing = {
      get sessionStorage(): Storage {
        throw new DOMException('Access is denied for this document.', 'SecurityError')
      },
    }
    const storage = tabStorage(refusing)
    const store = new ClaimStore(storage)
    store.write('t', { claim: 'c' })
    expect(store.read('t')).toEqual({ claim: 'c' })
  })
})

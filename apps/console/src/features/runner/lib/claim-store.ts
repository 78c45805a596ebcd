/** What the runner keeps in sessionStorage per link: the claim secret and the chosen language. */
export interface StoredRunner {
  claim: string
  language?: string
}

const PREFIX = 'veriflow.runner.'

/**
 * The claim secret of a runner link, kept in sessionStorage: it survives a reload of the tab but
 * not the tab itself, and other sites cannot read it.
 */
export class ClaimStore {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {}

  read(token: string): StoredRunner | undefined {
    try {
      const parsed = JSON.parse(this.storage.getItem(PREFIX + token) ?? 'null') as unknown
      if (parsed && typeof (parsed as StoredRunner).claim === 'string')
        return parsed as StoredRunner
    } catch {
      // Corrupt or blocked storage: claim again.
    }
    return undefined
  }

  write(token: string, value: StoredRunner): void {
    try {
      this.storage.setItem(PREFIX + token, JSON.stringify(value))
    } catch {
      // Storage full or disabled: the page works until it is reloaded.
    }
  }

  update(token: string, patch: Partial<StoredRunner>): void {
    const current = this.read(token)
    if (current) this.write(token, { ...current, ...patch })
  }

  forget(token: string): void {
    try {
      this.storage.removeItem(PREFIX + token)
    } catch {
      // Nothing to forget.
    }
  }
}

type SimpleStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** Storage that lives as long as the page (when the browser refuses sessionStorage). */
export function memoryStorage(): SimpleStorage {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

/**
 * The tab's sessionStorage, or page memory where the browser refuses it (a third-party frame
 * with third-party storage blocked throws on the mere access): the page still works, only a
 * reload there has to claim again.
 */
export function tabStorage(win: Pick<Window, 'sessionStorage'> = window): SimpleStorage {
  try {
    const storage = win.sessionStorage
    storage.setItem('veriflow.probe', '1')
    storage.removeItem('veriflow.probe')
    return storage
  } catch {
    return memoryStorage()
  }
}

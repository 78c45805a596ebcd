import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { media } from '../test-support.ts'
import MediaViewer from './MediaViewer.vue'

const mounted: Array<{ unmount(): void }> = []
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
})

const front = media()
const back = media({ id: 'm-back', kind: 'document_back' })

async function open(items = [front, back]) {
  const wrapper = mount(MediaViewer, {
    props: { items, stepTitle: 'Your ID' },
    attachTo: document.body,
  })
  mounted.push(wrapper)
  await flushPromises()
  return wrapper
}

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)!
const $$ = (testid: string) => [
  ...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`),
]

/** The image has arrived with this natural size (happy-dom loads no images). */
async function loaded(width: number, height: number) {
  const img = $('viewer-image') as HTMLImageElement
  Object.defineProperty(img, 'naturalWidth', { value: width })
  Object.defineProperty(img, 'naturalHeight', { value: height })
  img.dispatchEvent(new Event('load'))
  await flushPromises()
}

async function click(testid: string) {
  $(testid).click()
  await flushPromises()
}

describe('MediaViewer', () => {
  it('shows a document’s front and back side by side, each with a download link', async () => {
    await open()
    expect($('media-viewer').getAttribute('role')).toBe('dialog')
    expect($('media-viewer').textContent).toContain('Document front and back · Your ID')
    const images = $$('viewer-image') as HTMLImageElement[]
    expect(images.map((img) => img.getAttribute('src'))).toEqual([front.url, back.url])
    expect(images[0]!.alt).toBe('Document front, Your ID')
    const downloads = $$('viewer-download')
    expect(downloads.map((a) => a.getAttribute('download'))).toEqual([
      'document_front-m-front.png',
      'document_back-m-back.png',
    ])
    expect(downloads[1]!.getAttribute('href')).toBe(back.url)
  })

  it('zooms with the buttons and the wheel, within limits, and resets', async () => {
    await open([front])
    await loaded(400, 200)
    const box = () => $('viewer-box').style
    expect($('viewer-zoom').textContent).toBe('100%')
    expect([box().width, box().height]).toEqual(['400px', '200px'])
    await click('viewer-zoom-in')
    expect($('viewer-zoom').textContent).toBe('125%')
    expect([box().width, box().height]).toEqual(['500px', '250px'])
    $('viewer-stage').dispatchEvent(new WheelEvent('wheel', { deltaY: -120, cancelable: true }))
    await flushPromises()
    expect($('viewer-zoom').textContent).toBe('156%')
    $('viewer-stage').dispatchEvent(new WheelEvent('wheel', { deltaY: 120, cancelable: true }))
    await flushPromises()
    expect($('viewer-zoom').textContent).toBe('125%')
    for (let n = 0; n < 6; n++) await click('viewer-zoom-out')
    expect($('viewer-zoom').textContent).toBe('50%')
    expect(box().width).toBe('200px')
    expect(($('viewer-zoom-out') as HTMLButtonElement).disabled).toBe(true)
    await click('viewer-reset')
    expect($('viewer-zoom').textContent).toBe('100%')
  })

  it('keeps the page from scrolling while the wheel zooms', async () => {
    await open([front])
    const wheel = new WheelEvent('wheel', { deltaY: -120, cancelable: true })
    $('viewer-stage').dispatchEvent(wheel)
    expect(wheel.defaultPrevented).toBe(true)
  })

  it('rotates by quarter turns, turning the space the image takes', async () => {
    await open([front])
    await loaded(400, 200)
    await click('viewer-rotate')
    expect($('viewer-rotation').textContent).toBe('Rotated 90°')
    expect($('viewer-image').style.transform).toBe('translate(-50%, -50%) rotate(90deg)')
    expect([$('viewer-box').style.width, $('viewer-box').style.height]).toEqual(['200px', '400px'])
    await click('viewer-rotate')
    await click('viewer-rotate')
    await click('viewer-rotate')
    expect($('viewer-rotation').textContent).toBe('Rotated 0°')
  })

  it('closes on Escape', async () => {
    const wrapper = await open([front])
    $('media-viewer').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(wrapper.emitted('close')).toHaveLength(1)
  })

  it('says so when an image cannot be loaded', async () => {
    await open([front])
    $('viewer-image').dispatchEvent(new Event('error'))
    await flushPromises()
    expect($('media-viewer').textContent).toContain('This image could not be loaded')
    expect($$('viewer-image')).toHaveLength(0)
  })

  it('is closed without items', async () => {
    await open([])
    expect(document.querySelector('[data-testid="media-viewer"]')).toBeNull()
  })
})

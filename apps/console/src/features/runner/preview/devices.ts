/** The screens the preview can show the runner on (CSS pixels). */
export const PREVIEW_DEVICES = {
  phone: { label: 'Phone', width: 390, height: 844 },
  tablet: { label: 'Tablet', width: 820, height: 1180 },
  desktop: { label: 'Desktop', width: 1280, height: 800 },
} as const
export type PreviewDevice = keyof typeof PREVIEW_DEVICES

/** The scale that fits a device's screen into `available` pixels of width (never above 1). */
export function fitScale(device: PreviewDevice, available: number): number {
  const { width } = PREVIEW_DEVICES[device]
  if (available <= 0) return 1
  return Math.min(1, available / width)
}

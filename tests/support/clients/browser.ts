import { mkdirSync } from 'node:fs'
import path from 'node:path'

import { type Browser, chromium, type Page } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Debian's Chromium, headless, with the flags this sandboxed, offline machine needs. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../test-results')

/** Screenshots at phone and desktop widths, for a reviewer to look at. */
export const screenshotBothWidths = async (page: Page, name: string): Promise<void> => {
  mkdirSync(ARTIFACTS, { recursive: true })
  const original = page.viewportSize() ?? { width: 1280, height: 900 }
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true })
  }
  await page.setViewportSize(original)
}

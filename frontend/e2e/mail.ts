import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from '@playwright/test'

/** Where the server's file e-mail backend writes (make test sets it). */
const MAIL_DIR = process.env.E2E_MAIL_DIR ?? ''

function messagesTo(address: string): string[] {
  if (!MAIL_DIR) throw new Error('E2E_MAIL_DIR is not set: the journey reads e-mails from the server')
  let files: string[] = []
  try {
    files = readdirSync(MAIL_DIR).sort()
  } catch {
    return []
  }
  const out: string[] = []
  for (const file of files) {
    // one file can hold several messages, separated by a line of dashes
    for (const message of readFileSync(join(MAIL_DIR, file), 'utf8').split(/^-{70,}$/m)) {
      if (new RegExp(`^To: ${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'mi').test(message)) out.push(message)
    }
  }
  return out
}

/** Waits for an e-mail to `address` containing a link with `pathPart`, and returns that link. */
export async function linkFromMail(address: string, pathPart: string): Promise<string> {
  let link = ''
  await expect
    .poll(
      () => {
        for (const message of messagesTo(address).reverse()) {
          const found = message.match(new RegExp(`https?://\\S*${pathPart}\\S*`))
          if (found) {
            link = found[0]
            return link
          }
        }
        return ''
      },
      { message: `an e-mail to ${address} with a ${pathPart} link`, timeout: 30_000 },
    )
    .not.toBe('')
  return link
}

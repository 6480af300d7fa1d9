'use client'

import { useRouter } from 'next/navigation'

import { postJson } from './api'

export function SignOutButton() {
  const router = useRouter()
  return (
    <button
      className="link-button"
      type="button"
      onClick={async () => {
        await postJson('/api/users/logout')
        router.push('/')
        router.refresh()
      }}
    >
      Sign out
    </button>
  )
}

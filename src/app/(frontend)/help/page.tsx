import Link from 'next/link'

export const metadata = { title: 'Help and contact' }

export default function HelpPage() {
  return (
    <article className="prose">
      <h1>Help and contact</h1>
      <h2>Which photo works best?</h2>
      <p>
        A clear, well-lit photo where every face is visible and looks at the camera. For a couple or family
        portrait, everyone must be in the photo.
      </p>
      <h2>A portrait did not turn out well</h2>
      <p>
        Rate it from your gallery and tell us what went wrong: the studio reads every low rating. If no
        portrait could be made, your shoots are returned automatically.
      </p>
      <h2>Downloading</h2>
      <p>
        Open a portrait in your gallery to see it full size and download it as JPEG or WebP, or download all
        of them as a ZIP.
      </p>
      <h2>Your data</h2>
      <p>
        Download, delete, or erase everything from <Link href="/account">your account</Link>. See{' '}
        <Link href="/privacy">privacy</Link> for how long we keep things.
      </p>
      <h2>Contact</h2>
      <p>
        E-mail <a href="mailto:hello@example.com">hello@example.com</a> ([Studio legal name], [address]). We
        answer within two working days.
      </p>
    </article>
  )
}

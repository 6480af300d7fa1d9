/** A studio's own legal text (terms, privacy) as typed in the admin: plain text, a paragraph per blank-line-separated block. */
export function LegalText({ title, text }: { title: string; text: string }) {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter(Boolean)
  return (
    <article className="prose">
      <h1>{title}</h1>
      {paragraphs.map((paragraph, index) => (
        <p key={index} className="legal-paragraph">
          {paragraph}
        </p>
      ))}
    </article>
  )
}

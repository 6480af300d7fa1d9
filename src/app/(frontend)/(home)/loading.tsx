export default function Loading() {
  return (
    <div className="package-grid" aria-busy="true" aria-label="Loading packages">
      {Array.from({ length: 4 }, (_, index) => (
        <div key={index} className="package-card skeleton">
          <div className="package-cover" />
          <div className="package-body">
            <div className="skeleton-line" />
            <div className="skeleton-line short" />
          </div>
        </div>
      ))}
    </div>
  )
}

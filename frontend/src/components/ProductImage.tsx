/** A product's picture on a card, or an empty frame of the same size. */
export function ProductImage({ image, className = 'product-thumb' }: { image?: { thumb_url: string } | null; className?: string }) {
  return image?.thumb_url ? (
    // The title next to it names the product; the picture adds nothing for a screen reader.
    <img className={className} src={image.thumb_url} alt="" loading="lazy" width={320} height={320} />
  ) : (
    <div className={`${className} product-thumb-empty`} aria-hidden="true" />
  )
}

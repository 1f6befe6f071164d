import { useEffect, useState } from 'react'
import { useAppDispatch } from '../../../app/hooks'
import { parseApiError } from '../../../lib/apiError'
import type { ProductDetail } from '../../../types/commerce'
import { cartApi } from '../../cart/cartApi'
import { beacon } from '../beacon'
import { useRecsEnabled } from '../enabled'
import { recsApi, useBoughtTogetherQuery, useSimilarQuery } from '../recsApi'
import type { RecsResponse } from '../types'
import { RecsShelf } from './RecsShelf'

function firstInStock(product: ProductDetail) {
  return product.variants.find((v) => v.in_stock)
}

/** "Similar products" and "Frequently bought together" under a product; sends the product view. */
export function ProductRecs({ product }: { product: ProductDetail }) {
  return useRecsEnabled() ? <ProductRecsShelves product={product} /> : null
}

function ProductRecsShelves({ product }: { product: ProductDetail }) {
  const slug = product.slug
  const productId = Number(product.id)
  useEffect(() => {
    beacon.send({ kind: 'view', product_id: productId })
  }, [productId])
  const similar = useSimilarQuery(slug, { refetchOnMountOrArgChange: true })
  const together = useBoughtTogetherQuery(slug, { refetchOnMountOrArgChange: true })
  return (
    <div className="recs-product">
      <RecsShelf
        title="Frequently bought together"
        result={together}
        footer={(data) => <AddBoth product={product} together={data} />}
      />
      <RecsShelf title="Similar products" result={similar} />
    </div>
  )
}

function AddBoth({ product, together }: { product: ProductDetail; together: RecsResponse }) {
  const dispatch = useAppDispatch()
  const [state, setState] = useState<{ busy: boolean; message: string; error: boolean }>({
    busy: false,
    message: '',
    error: false,
  })
  const other = together.items[0]
  const mine = firstInStock(product)
  if (!other || !mine) return null

  async function addBoth() {
    setState({ busy: true, message: '', error: false })
    try {
      const detail = await dispatch(recsApi.endpoints.recommendedProduct.initiate(other.slug)).unwrap()
      const theirs = firstInStock(detail)
      if (!theirs) throw new Error(`${other.title} has just sold out.`)
      beacon.send({
        kind: 'click',
        product_id: other.id,
        widget: together.widget,
        request_id: together.request_id,
        position: other.position,
      })
      await dispatch(cartApi.endpoints.addCartLine.initiate({ variant_id: mine!.id, quantity: 1 })).unwrap()
      await dispatch(cartApi.endpoints.addCartLine.initiate({ variant_id: theirs.id, quantity: 1 })).unwrap()
      setState({ busy: false, message: `Added ${product.title} and ${other.title} to your cart.`, error: false })
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : parseApiError(failure).message
      setState({ busy: false, message, error: true })
    }
  }

  return (
    <div className="recs-add-both">
      <button type="button" className="btn btn-primary" onClick={addBoth} disabled={state.busy}>
        {state.busy ? 'Adding…' : `Add both to cart`}
      </button>
      <p role="status" className={state.error ? 'inline-error' : 'muted small'}>
        {state.message}
      </p>
    </div>
  )
}

import { useRecsEnabled } from '../enabled'
import { useForYouQuery, useTrendingQuery } from '../recsApi'
import { RecsShelf } from './RecsShelf'

/** "Recommended for you" and "Trending now" on the storefront's home page. */
export function HomeRecs() {
  return useRecsEnabled() ? <HomeRecsShelves /> : null
}

function HomeRecsShelves() {
  // Asked again on every visit to the page: this visit's views change what is recommended.
  const forYou = useForYouQuery(undefined, { refetchOnMountOrArgChange: true })
  const trending = useTrendingQuery(undefined, { refetchOnMountOrArgChange: 60 })
  return (
    <div className="recs-home">
      <RecsShelf title="Recommended for you" result={forYou} />
      <RecsShelf title="Trending now" result={trending} showReasons={false} />
    </div>
  )
}

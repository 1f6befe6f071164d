import { useEffect, useState } from 'react'
import { ProgressBar } from '../../../components/ProgressBar'
import { parseApiError } from '../../../lib/apiError'
import { recsApi, useRetrainMutation, useTrainingRunQuery } from '../recsApi'
import { useAppDispatch } from '../../../app/hooks'

/** "Retrain now": queues a run, then polls its status until it is done or failed. */
export function RetrainButton({ running }: { running?: number | null }) {
  const dispatch = useAppDispatch()
  const [retrain, { isLoading: queuing, error: queueError }] = useRetrainMutation()
  const [runId, setRunId] = useState<number | null>(running ?? null)
  const finishedStates = ['done', 'failed']
  const { data: run } = useTrainingRunQuery(runId ?? 0, {
    skip: runId === null,
    pollingInterval: 1000,
    skipPollingIfUnfocused: false,
  })
  const finished = run ? finishedStates.includes(run.status) : false

  useEffect(() => {
    if (run && finished) dispatch(recsApi.util.invalidateTags(['RecsPanel']))
  }, [dispatch, finished, run])

  async function start() {
    const result = await retrain()
    if ('data' in result && result.data) setRunId(result.data.id)
  }

  const active = runId !== null && (!run || !finished)
  return (
    <div className="recs-retrain">
      <button type="button" className="btn btn-primary" onClick={start} disabled={queuing || active}>
        {active ? 'Training…' : 'Retrain now'}
      </button>
      {queueError && (
        <p className="inline-error" role="alert">
          {parseApiError(queueError).message}
        </p>
      )}
      {run && active && (
        <ProgressBar label={run.stage || 'Waiting for a worker'} value={run.progress} max={100} />
      )}
      <p role="status" className="muted small">
        {run?.status === 'done' &&
          (run.promoted
            ? `Version ${run.id} is now in use.`
            : `Version ${run.id} was kept but not promoted: ${run.not_promoted_reason}`)}
        {run?.status === 'failed' && `Training failed: ${run.error}`}
      </p>
    </div>
  )
}

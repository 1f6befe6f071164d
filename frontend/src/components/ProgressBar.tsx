interface ProgressBarProps {
  label: string
  value: number
  max: number
  /** Shown next to the bar, e.g. "120 of 400 rows". Defaults to a percentage. */
  text?: string
}

/** A labelled progress bar (native <progress>, so assistive tech reads its value). */
export function ProgressBar({ label, value, max, text }: ProgressBarProps) {
  const safeMax = max > 0 ? max : 1
  const clamped = Math.min(Math.max(value, 0), safeMax)
  const percent = Math.round((clamped / safeMax) * 100)
  return (
    <div className="progress">
      <div className="progress-head">
        <span className="progress-label">{label}</span>
        <span className="progress-text">{text ?? `${percent}%`}</span>
      </div>
      <progress aria-label={label} value={max > 0 ? clamped : undefined} max={safeMax}>
        {percent}%
      </progress>
    </div>
  )
}
